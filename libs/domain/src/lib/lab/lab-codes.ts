import type { EndocrineAxis } from '../workup/result';

/*
 * LOINC → catalog item (and endocrine axis) for results that arrive from a laboratory, with the
 * unit each is stored in. Source: the lab-interface reference §4 (shared/integration/lab-interface.md),
 * itself from LOINC table dumps: `V` = code, long and short name seen; `V2` = code tables only.
 * Confirm on loinc.org before release. Conversion factors are never written here: UCUM computes
 * them (lab/ucum.ts), from the molar mass where mass and amount of substance meet.
 */

/**
 * The LOINC property of an observation (the unit must measure it): mass concentration (mCnc),
 * substance concentration (sCnc), arbitrary concentration (aCnc, international units), number
 * concentration (NCnc), volume fraction (VFr), mass ratio (MRto), mass rate (MRat), mass fraction
 * (MFr, HbA1c %), substance ratio (SRto, HbA1c mmol/mol), or a coded answer.
 */
export type LoincProperty = 'MCnc' | 'SCnc' | 'ACnc' | 'NCnc' | 'VFr' | 'MRto' | 'MRat' | 'MFr' | 'SRto' | 'coded';

/** A UCUM unit of each quantitative property: a unit fits the property when it converts to this one. */
export const PROPERTY_UNITS: Readonly<Record<Exclude<LoincProperty, 'coded'>, string>> = {
  MCnc: 'g/L',
  SCnc: 'mol/L',
  ACnc: '[IU]/L',
  NCnc: '/L',
  VFr: '1',
  MRto: '1',
  MRat: 'g/h',
  MFr: '1',
  SRto: 'mol/mol',
};

/** One mapped LOINC code. */
export interface LabCode {
  readonly loinc: string;
  /** The name stored with the value, as a hematologist reads it. */
  readonly name: string;
  /** The LOINC short name (or long name where no short one was seen). */
  readonly loincName: string;
  readonly itemKey: string;
  /** For the endocrine panel: the axis the value belongs to. */
  readonly axis?: EndocrineAxis;
  /** Kept with the result as context; no rule reads it (white cells in a blood count). */
  readonly contextOnly?: boolean;
  readonly property: LoincProperty;
  /** UCUM code the value and its range are stored in; absent for coded answers. */
  readonly unit?: string;
  /** g/mol, for a substance concentration stored as a mass concentration (and back). */
  readonly molarMass?: number;
  /** HbA1c in IFCC units (mmol/mol) is stored in NGSP % by the master equation, not a factor. */
  readonly affine?: 'hba1c_ifcc_to_ngsp';
  readonly source: 'V' | 'V2';
}

const code = (entry: LabCode): LabCode => entry;

/** Every LOINC code the interfaces map, by item. */
export const LAB_CODES: readonly LabCode[] = [
  code({ loinc: '75628-8', name: 'VEGF', loincName: 'VEGF-A [Mass/vol] Ser/Plas', itemKey: 'vegf', property: 'MCnc', unit: 'pg/mL', source: 'V' }),
  code({ loinc: '33358-3', name: 'M-protein', loincName: 'M Protein SerPl Elph-mCnc', itemKey: 'spep', property: 'MCnc', unit: 'g/dL', source: 'V' }),
  code({ loinc: '25700-6', name: 'Serum immunofixation', loincName: 'Interpretation SerPl IFE-Imp', itemKey: 'serum_ife', property: 'coded', source: 'V' }),
  code({ loinc: '13440-3', name: 'Urine immunofixation', loincName: 'Ur IFE-Imp', itemKey: 'urine_ife', property: 'coded', source: 'V' }),
  // Not 34366-5, which is protein/creatinine.
  code({ loinc: '42482-0', name: 'Urine M-protein (24 h)', loincName: 'M-protein 24h Ur Elph-mRate', itemKey: 'urine_ife', property: 'MRat', unit: 'mg/(24.h)', source: 'V2' }),
  // 33944-8 is not a code.
  code({ loinc: '36916-5', name: 'Kappa free light chain', loincName: 'Kappa LC Free Ser-mCnc', itemKey: 'serum_flc', property: 'MCnc', unit: 'mg/L', source: 'V' }),
  code({ loinc: '33944-0', name: 'Lambda free light chain', loincName: 'Lambda LC Free Ser-mCnc', itemKey: 'serum_flc', property: 'MCnc', unit: 'mg/L', source: 'V2' }),
  // 40844-3 is deprecated.
  code({ loinc: '48378-4', name: 'Kappa/lambda free light chain ratio', loincName: 'Kappa LC Free/Lambda Free Ser-mRto', itemKey: 'serum_flc', property: 'MRto', unit: '1', source: 'V2' }),
  code({ loinc: '777-3', name: 'Platelets', loincName: 'Platelet # Bld Auto', itemKey: 'cbc', property: 'NCnc', unit: '10*9/L', source: 'V' }),
  code({ loinc: '718-7', name: 'Hemoglobin', loincName: 'Hgb Bld-mCnc', itemKey: 'cbc', property: 'MCnc', unit: 'g/dL', source: 'V' }),
  // Haemoglobin (Fe) monomer, 16 110 g/mol: 1 mmol/L = 1.611 g/dL.
  code({ loinc: '59260-0', name: 'Hemoglobin', loincName: 'Hgb Bld-sCnc', itemKey: 'cbc', property: 'SCnc', unit: 'g/dL', molarMass: 16_110, source: 'V2' }),
  code({ loinc: '4544-3', name: 'Hematocrit', loincName: 'Hct VFr Bld Auto', itemKey: 'cbc', property: 'VFr', unit: '%', source: 'V2' }),
  code({ loinc: '20570-8', name: 'Hematocrit', loincName: 'Hct VFr Bld', itemKey: 'cbc', property: 'VFr', unit: '%', source: 'V' }),
  code({ loinc: '6690-2', name: 'WBC', loincName: 'WBC # Bld Auto', itemKey: 'cbc', contextOnly: true, property: 'NCnc', unit: '10*9/L', source: 'V' }),
  code({ loinc: '2986-8', name: 'Testosterone', loincName: 'Testost SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'MCnc', unit: 'ng/dL', source: 'V' }),
  code({ loinc: '14913-8', name: 'Testosterone', loincName: 'Testost SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'SCnc', unit: 'ng/dL', molarMass: 288.4, source: 'V' }),
  code({ loinc: '2243-4', name: 'Estradiol', loincName: 'Estradiol SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'MCnc', unit: 'pg/mL', source: 'V' }),
  code({ loinc: '14715-7', name: 'Estradiol', loincName: 'Estradiol SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'SCnc', unit: 'pg/mL', molarMass: 272.38, source: 'V' }),
  code({ loinc: '10501-5', name: 'LH', loincName: 'LH SerPl-aCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'ACnc', unit: 'm[IU]/mL', source: 'V' }),
  code({ loinc: '15067-2', name: 'FSH', loincName: 'FSH SerPl-aCnc', itemKey: 'endocrine_panel', axis: 'gonadal', property: 'ACnc', unit: 'm[IU]/mL', source: 'V' }),
  // In m[IU]/L prolactin depends on the assay's standard: a per-interface mapping or the inbox.
  code({ loinc: '2842-3', name: 'Prolactin', loincName: 'Prolactin SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'prolactin', property: 'MCnc', unit: 'ng/mL', source: 'V' }),
  code({ loinc: '3016-3', name: 'TSH', loincName: 'TSH SerPl-aCnc', itemKey: 'endocrine_panel', axis: 'thyroid', property: 'ACnc', unit: 'm[IU]/L', source: 'V' }),
  code({ loinc: '11580-8', name: 'TSH', loincName: 'TSH SerPl DL<=0.005 mIU/L-aCnc', itemKey: 'endocrine_panel', axis: 'thyroid', property: 'ACnc', unit: 'm[IU]/L', source: 'V' }),
  code({ loinc: '3024-7', name: 'Free T4', loincName: 'T4 Free SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'thyroid', property: 'MCnc', unit: 'ng/dL', source: 'V' }),
  code({ loinc: '14920-3', name: 'Free T4', loincName: 'T4 Free SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'thyroid', property: 'SCnc', unit: 'ng/dL', molarMass: 776.87, source: 'V' }),
  code({ loinc: '2143-6', name: 'Cortisol', loincName: 'Cortis SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'adrenal', property: 'MCnc', unit: 'ug/dL', source: 'V' }),
  code({ loinc: '14675-3', name: 'Cortisol', loincName: 'Cortis SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'adrenal', property: 'SCnc', unit: 'ug/dL', molarMass: 362.46, source: 'V2' }),
  code({ loinc: '2141-0', name: 'ACTH', loincName: 'ACTH Plas-mCnc', itemKey: 'endocrine_panel', axis: 'adrenal', property: 'MCnc', unit: 'pg/mL', source: 'V' }),
  code({ loinc: '2731-8', name: 'PTH intact', loincName: 'PTH-Intact SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'parathyroid', property: 'MCnc', unit: 'pg/mL', source: 'V' }),
  code({ loinc: '14866-8', name: 'PTH intact', loincName: 'PTH-Intact SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'parathyroid', property: 'SCnc', unit: 'pg/mL', molarMass: 9_425, source: 'V' }),
  code({ loinc: '17861-6', name: 'Calcium', loincName: 'Calcium SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'parathyroid', property: 'MCnc', unit: 'mg/dL', source: 'V' }),
  code({ loinc: '2000-8', name: 'Calcium', loincName: 'Calcium SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'parathyroid', property: 'SCnc', unit: 'mg/dL', molarMass: 40.08, source: 'V' }),
  code({ loinc: '2345-7', name: 'Glucose', loincName: 'Glucose SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'glucose', property: 'MCnc', unit: 'mg/dL', source: 'V' }),
  code({ loinc: '1558-6', name: 'Fasting glucose', loincName: 'Glucose p fast SerPl-mCnc', itemKey: 'endocrine_panel', axis: 'glucose', property: 'MCnc', unit: 'mg/dL', source: 'V' }),
  code({ loinc: '14749-6', name: 'Glucose', loincName: 'Glucose SerPl-sCnc', itemKey: 'endocrine_panel', axis: 'glucose', property: 'SCnc', unit: 'mg/dL', molarMass: 180.16, source: 'V' }),
  code({ loinc: '4548-4', name: 'HbA1c', loincName: 'Hgb A1c MFr Bld', itemKey: 'endocrine_panel', axis: 'glucose', property: 'MFr', unit: '%', source: 'V' }),
  code({ loinc: '59261-8', name: 'HbA1c', loincName: 'Hgb A1c/Hgb.total Bld IFCC-sRto', itemKey: 'endocrine_panel', axis: 'glucose', property: 'SRto', unit: '%', affine: 'hba1c_ifcc_to_ngsp', source: 'V2' }),
];

const BY_LOINC = new Map(LAB_CODES.map((c) => [c.loinc, c]));

/** The mapping of a LOINC code, or undefined when no item takes it. */
export function labCodeOf(loinc: string): LabCode | undefined {
  return BY_LOINC.get(loinc);
}

/**
 * Whether a string is shaped like a LOINC code (digits, a dash, the mod-10 check digit) and its
 * check digit is right.
 */
export function isLoinc(code: string): boolean {
  const match = /^(\d{1,7})-(\d)$/.exec(code);
  if (!match) {
    return false;
  }
  const digits = (match[1] as string).split('').reverse().map(Number);
  // LOINC's Mod 10: double every other digit from the right, starting with the last.
  const sum = digits.reduce((total, digit, i) => {
    const value = i % 2 === 0 ? digit * 2 : digit;
    return total + Math.floor(value / 10) + (value % 10);
  }, 0);
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}

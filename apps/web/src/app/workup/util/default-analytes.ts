import { CLINIC_LAB_PROFILE, type CatalogItem } from '@poems/domain';

/** How a value row starts: a short name and the usual UCUM unit, both editable. */
interface Analyte {
  readonly name: string;
  readonly unit: string;
}

/*
 * Short names and conventional units for the LOINC codes of the catalog, so that a clinician
 * types numbers, not codes. The catalog carries codes but no units; these are the usual US
 * units, editable in the form because the recording laboratory's unit is the one that counts.
 */
const ANALYTES: Readonly<Record<string, Analyte>> = {
  '33358-3': { name: 'M-spike', unit: 'g/dL' },
  '25700-6': { name: 'Immunofixation', unit: '' },
  '36916-5': { name: 'Free κ light chains', unit: 'mg/L' },
  '33944-0': { name: 'Free λ light chains', unit: 'mg/L' },
  '48378-4': { name: 'κ/λ ratio', unit: '1' },
  '75628-8': { name: 'VEGF', unit: 'pg/mL' },
  '777-3': { name: 'Platelets', unit: '10*9/L' },
  '718-7': { name: 'Hemoglobin', unit: 'g/dL' },
  '4544-3': { name: 'Hematocrit', unit: '%' },
  '2986-8': { name: 'Testosterone (total)', unit: 'ng/dL' },
  '2243-4': { name: 'Estradiol', unit: 'pg/mL' },
  '10501-5': { name: 'LH', unit: '[IU]/L' },
  '15067-2': { name: 'FSH', unit: '[IU]/L' },
  '2842-3': { name: 'Prolactin', unit: 'ng/mL' },
  '3016-3': { name: 'TSH', unit: 'm[IU]/L' },
  '3024-7': { name: 'Free T4', unit: 'ng/dL' },
  '2143-6': { name: 'Cortisol (morning)', unit: 'ug/dL' },
  '2141-0': { name: 'ACTH', unit: 'pg/mL' },
  '2731-8': { name: 'PTH (intact)', unit: 'pg/mL' },
  '17861-6': { name: 'Calcium', unit: 'mg/dL' },
  '2345-7': { name: 'Glucose (fasting)', unit: 'mg/dL' },
  '4548-4': { name: 'HbA1c', unit: '%' },
};

/** A value row the result form starts with. */
export interface AnalyteRow {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** The clinic laboratory profile's reference interval, a default the person may change. */
  readonly low?: number;
  readonly high?: number;
  /** Where that interval comes from. */
  readonly rangeSource?: string;
}

/**
 * The quantitative analytes of a catalog item, from its LOINC codes. Codes naming a qualitative
 * test (immunofixation, recorded as chains) are left out.
 */
export function analytesOf(item: CatalogItem): AnalyteRow[] {
  return item.codes
    .filter(
      (c) =>
        c.system === 'http://loinc.org' &&
        !item.resultFields.includes('chains'),
    )
    .map((c) => {
      const known = ANALYTES[c.code];
      const profile = CLINIC_LAB_PROFILE[c.code];
      return {
        code: c.code,
        name: known?.name ?? c.display.split('[')[0]?.trim() ?? c.display,
        unit: profile?.unit ?? known?.unit ?? '',
        ...(profile?.low !== undefined && { low: profile.low }),
        ...(profile?.high !== undefined && { high: profile.high }),
        ...(profile && { rangeSource: profile.source }),
      };
    });
}

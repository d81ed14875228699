/**
 * The clinic laboratory profile: for each analyte (by LOINC code) the unit the laboratory reports
 * in (UCUM) and its adult reference interval, with where the interval comes from. The result form
 * starts each value row from it, as defaults the person changes to what the report says: the
 * recording laboratory's range is the one that counts. A clinic edits this data (one entry per
 * analyte) to match its own laboratory.
 */
export interface LabProfileEntry {
  /** UCUM. */
  readonly unit: string;
  readonly low?: number;
  readonly high?: number;
  /** Where the interval comes from, shown beside it. */
  readonly source: string;
}

const FLC = 'Katzmann et al., Clin Chem 2002;48:1437 (serum free light chains, Freelite)';
const MCL = 'Mayo Clinic Laboratories test catalog, adult interval';

/** The default profile: common adult intervals; sex-dependent analytes have no default. */
export const CLINIC_LAB_PROFILE: Readonly<Record<string, LabProfileEntry>> = {
  '36916-5': { unit: 'mg/L', low: 3.3, high: 19.4, source: FLC },
  '33944-0': { unit: 'mg/L', low: 5.7, high: 26.3, source: FLC },
  '48378-4': { unit: '1', low: 0.26, high: 1.65, source: FLC },
  '75628-8': { unit: 'pg/mL', low: 31, high: 86, source: `${MCL} (VEGF, plasma)` },
  '777-3': { unit: '10*9/L', low: 150, high: 400, source: MCL },
  '3016-3': { unit: 'm[IU]/L', low: 0.3, high: 4.2, source: MCL },
  '3024-7': { unit: 'ng/dL', low: 0.9, high: 1.7, source: MCL },
  '2143-6': { unit: 'ug/dL', low: 7, high: 25, source: `${MCL} (morning)` },
  '2141-0': { unit: 'pg/mL', low: 7.2, high: 63.3, source: `${MCL} (morning)` },
  '2731-8': { unit: 'pg/mL', low: 15, high: 65, source: MCL },
  '17861-6': { unit: 'mg/dL', low: 8.6, high: 10.3, source: MCL },
  '2345-7': { unit: 'mg/dL', low: 70, high: 99, source: `${MCL} (fasting)` },
  '4548-4': { unit: '%', low: 4, high: 5.6, source: MCL },
};

/** LOINC codes of the serum free light chains and their ratio. */
export const FREE_KAPPA_CODE = '36916-5';
export const FREE_LAMBDA_CODE = '33944-0';
export const KAPPA_LAMBDA_RATIO_CODE = '48378-4';

/**
 * The free κ/λ ratio from κ and λ in the same unit, to two decimals as laboratories report it;
 * undefined when either is missing or λ is not positive (no ratio exists).
 */
export function kappaLambdaRatio(kappa: number | null | undefined, lambda: number | null | undefined): number | undefined {
  if (kappa === null || kappa === undefined || lambda === null || lambda === undefined || !(lambda > 0) || kappa < 0) {
    return undefined;
  }
  return Math.round((kappa / lambda) * 100) / 100;
}

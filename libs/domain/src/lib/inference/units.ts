import { convertUcum, ucumCode } from '../lab/ucum';
import { tidyUnit } from '../lab/unit-text';

/*
 * Unit conversions for the few analytes the inference rules compare with default limits. Each
 * analyte accepts only the units listed (what laboratories report it in); the factor is UCUM's
 * (see lab/ucum.ts). Any other unit yields undefined, so the rule says "cannot be compared"
 * instead of guessing.
 */

/** Haemoglobin (Fe) monomer, g/mol: 1 mmol/L = 1.611 g/dL. */
const HEMOGLOBIN_MOLAR_MASS = 16_110;

interface Analyte {
  /** Units accepted, as sent (tidied: no blanks, micro as `u`). */
  readonly accepted: readonly string[];
  /** UCUM code of the unit the rules compare in. */
  readonly target: string;
  readonly molarMass?: number;
}

const PLATELETS: Analyte = {
  accepted: ['10*9/L', '10^9/L', 'x10^9/L', 'x10E9/L', 'G/L', '/nL', '10*3/uL', '10^3/uL', 'x10^3/uL', 'K/uL', '/uL', '/mm3'],
  target: '10*9/L',
};
const HEMOGLOBIN: Analyte = {
  accepted: ['g/dL', 'g/dl', 'g/L', 'g/l', 'mmol/L'],
  target: 'g/dL',
  molarMass: HEMOGLOBIN_MOLAR_MASS,
};
const HEMATOCRIT: Analyte = { accepted: ['%', 'L/L', '1'], target: '%' };

const convert = (analyte: Analyte, value: number, unit: string): number | undefined => {
  const tidy = tidyUnit(unit);
  if (!analyte.accepted.includes(tidy)) {
    return undefined;
  }
  const code = ucumCode(tidy);
  return code === undefined ? undefined : convertUcum(value, code, analyte.target, analyte.molarMass);
};

export { isVegfUnit } from './vegf-units';

/** A platelet count in 10^9/L, or undefined for an unknown unit. */
export const plateletsIn10e9PerL = (value: number, unit: string): number | undefined =>
  convert(PLATELETS, value, unit);

/** A haemoglobin concentration in g/dL, or undefined for an unknown unit. */
export const hemoglobinInGPerDl = (value: number, unit: string): number | undefined =>
  convert(HEMOGLOBIN, value, unit);

/** A haematocrit in %, or undefined for an unknown unit. */
export const hematocritInPercent = (value: number, unit: string): number | undefined =>
  convert(HEMATOCRIT, value, unit);

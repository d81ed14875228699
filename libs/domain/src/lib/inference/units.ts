/*
 * Unit conversions for the few analytes the inference rules compare with default limits.
 * Only exact, well-known factors; an unknown unit yields undefined so the rule can say
 * "cannot be compared" instead of guessing.
 */

const normalise = (unit: string): string => unit.trim().replace(/\s+/g, '').replace('µ', 'u').replace('μ', 'u');

const VEGF_UNITS = new Set(['pg/mL', 'pg/ml', 'ng/L', 'ng/l']);

/** VEGF is reported in pg/mL, or the numerically identical ng/L. */
export function isVegfUnit(unit: string): boolean {
  return VEGF_UNITS.has(normalise(unit));
}

const PLATELET_FACTORS: Record<string, number> = {
  '10*9/L': 1,
  '10^9/L': 1,
  'x10^9/L': 1,
  'x10E9/L': 1,
  'G/L': 1,
  '/nL': 1,
  '10*3/uL': 1,
  '10^3/uL': 1,
  'x10^3/uL': 1,
  'K/uL': 1,
  '/uL': 0.001,
  '/mm3': 0.001,
};

const HEMOGLOBIN_FACTORS: Record<string, number> = {
  'g/dL': 1,
  'g/dl': 1,
  'g/L': 0.1,
  'g/l': 0.1,
  // Haemoglobin (Fe) 1 mmol/L = 1.611 g/dL.
  'mmol/L': 1.611,
};

const HEMATOCRIT_FACTORS: Record<string, number> = {
  '%': 1,
  'L/L': 100,
  '1': 100,
};

const convert = (factors: Record<string, number>, value: number, unit: string): number | undefined => {
  const factor = factors[normalise(unit)];
  return factor === undefined ? undefined : value * factor;
};

/** A platelet count in 10^9/L, or undefined for an unknown unit. */
export const plateletsIn10e9PerL = (value: number, unit: string): number | undefined =>
  convert(PLATELET_FACTORS, value, unit);

/** A haemoglobin concentration in g/dL, or undefined for an unknown unit. */
export const hemoglobinInGPerDl = (value: number, unit: string): number | undefined =>
  convert(HEMOGLOBIN_FACTORS, value, unit);

/** A haematocrit in %, or undefined for an unknown unit. */
export const hematocritInPercent = (value: number, unit: string): number | undefined =>
  convert(HEMATOCRIT_FACTORS, value, unit);

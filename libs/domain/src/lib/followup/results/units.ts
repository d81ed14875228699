/*
 * Unit conversions of the analytes the follow-up compares. Only exact factors; an unknown unit
 * yields undefined so a rule says "cannot tell" rather than guess.
 */

const normalise = (unit: string): string =>
  unit
    .trim()
    .replace(/\s+/g, '')
    .replace(/[µμ]/g, 'u')
    .replace('²', '2')
    .replace('^2', '2')
    .toLowerCase();

const convert = (
  factors: Readonly<Record<string, number>>,
  value: number,
  unit: string,
): number | undefined => {
  const factor = factors[normalise(unit)];
  return factor === undefined ? undefined : value * factor;
};

const G_PER_DL: Readonly<Record<string, number>> = {
  'g/dl': 1,
  'g/l': 0.1,
  'mg/dl': 0.001,
};
const MG_PER_L: Readonly<Record<string, number>> = { 'mg/l': 1, 'mg/dl': 10 };
const EGFR: Readonly<Record<string, number>> = {
  'ml/min/1.73m2': 1,
  'ml/min/{1.73_m2}': 1,
  'ml/min/1.73_m2': 1,
};
const G_PER_24H: Readonly<Record<string, number>> = {
  'g/24h': 1,
  'g/(24.h)': 1,
  'g/d': 1,
  'mg/24h': 0.001,
  'mg/(24.h)': 0.001,
  'mg/d': 0.001,
};
const MMOL_PER_L_CREATININE: Readonly<Record<string, number>> = {
  'mg/dl': 1,
  'umol/l': 1 / 88.42,
};

/** A concentration in g/dL (M-spike, albumin), or undefined for an unknown unit. */
export const inGPerDl = (value: number, unit: string): number | undefined =>
  convert(G_PER_DL, value, unit);

/** A free light chain concentration in mg/L, or undefined for an unknown unit. */
export const inMgPerL = (value: number, unit: string): number | undefined =>
  convert(MG_PER_L, value, unit);

/** An eGFR in mL/min/1.73 m², or undefined for an unknown unit. */
export const inEgfrUnits = (value: number, unit: string): number | undefined =>
  convert(EGFR, value, unit);

/** A 24-hour urine protein in g/24 h, or undefined for an unknown unit. */
export const inGPer24h = (value: number, unit: string): number | undefined =>
  convert(G_PER_24H, value, unit);

/** A serum creatinine in mg/dL (1 mg/dL = 88.42 µmol/L), or undefined for an unknown unit. */
export const creatinineInMgPerDl = (
  value: number,
  unit: string,
): number | undefined => convert(MMOL_PER_L_CREATININE, value, unit);

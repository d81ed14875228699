import { tidyUnit } from '../lab/unit-text';

const VEGF_UNITS: readonly string[] = ['pg/mL', 'pg/ml', 'ng/L', 'ng/l'];

/**
 * VEGF is reported in pg/mL, or the numerically identical ng/L. A membership test, no conversion:
 * the web app's result dialog validates with it and must not load UCUM's unit table for that.
 */
export function isVegfUnit(unit: string): boolean {
  return VEGF_UNITS.includes(tidyUnit(unit));
}

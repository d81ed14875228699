/** Trims, removes inner blanks and writes micro as `u`, as UCUM's case-sensitive codes need. */
export function tidyUnit(unit: string): string {
  return unit.trim().replace(/\s+/g, '').replace(/[µμ]/g, 'u');
}

/*
 * UCUM codes are for machines: `10*9/L`, `m[IU]/L`, `ug/dL`, `1`. People read `×10⁹/L`, `mIU/L`,
 * `µg/dL` and a ratio with no unit at all. Results are stored and exchanged as UCUM; only what is
 * shown goes through here.
 */

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

const superscript = (digits: string): string =>
  [...digits].map((c) => SUPERSCRIPT[c] ?? c).join('');

/** Units UCUM spells apart from how they are printed. */
const SPECIAL: Readonly<Record<string, string>> = {
  Cel: '°C',
  '[degF]': '°F',
  'mm[Hg]': 'mmHg',
  'cm[H2O]': 'cmH₂O',
  '[in_i]': 'in',
  '[lb_av]': 'lb',
  '[ppm]': 'ppm',
};

/**
 * A UCUM unit as people read it: a dimensionless `1` (a ratio, an index) is no unit at all;
 * powers of ten are `×10⁹`; `[IU]` is `IU`; the micro prefix `u` is `µ`; annotations lose their
 * braces (`{cells}/uL` → `cells/µL`); a product `.` is a middle dot; exponents are superscript
 * (`m2` → `m²`). Unknown text is shown as it is.
 */
export function displayUnit(ucum: string | null | undefined): string {
  const code = (ucum ?? '').trim();
  if (code === '' || code === '1' || code === '{ratio}') {
    return '';
  }
  // Annotations may hold dots and slashes ("{1.73_m2}"): set aside before splitting.
  const notes: string[] = [];
  const bare = code.replace(/\{([^}]*)\}/g, (_m, text: string) => {
    notes.push(text.replace(/_/g, ' '));
    return `{${notes.length - 1}}`;
  });
  return bare
    .split('/')
    .map((part, index) => displayTerm(part, index === 0, notes))
    .join('/');
}

function displayTerm(term: string, leading: boolean, notes: readonly string[]): string {
  return term
    .split('.')
    .map((atom) => displayAtom(atom, leading, notes))
    .join('·');
}

function displayAtom(atom: string, leading: boolean, notes: readonly string[]): string {
  const special = SPECIAL[atom];
  if (special !== undefined) {
    return special;
  }
  const power = /^10[*^](-?\d+)$/.exec(atom);
  if (power) {
    // A power of ten multiplies the number before it: "×10⁹/L"; under a slash it is a divisor.
    return `${leading ? '×' : ''}10${superscript(power[1] ?? '')}`;
  }
  const note = (index: string): string => notes[Number(index)] ?? '';
  const whole = /^\{(\d+)\}$/.exec(atom);
  if (whole) {
    return note(whole[1] ?? '');
  }
  return atom
    .replace(/\[([A-Za-z]+)\]/g, '$1')
    .replace(/^u(?=[A-Za-z])/, 'µ')
    .replace(/([A-Za-z])(-?\d+)(?=\{|$)/, (_m, letter: string, exponent: string) =>
      exponent === '1' ? letter : `${letter}${superscript(exponent)}`,
    )
    .replace(/\{(\d+)\}/g, (_m, index: string) => ` ${note(index)}`)
    .trim();
}

/** A value with its unit as people read it: "310 ×10⁹/L", "2.4" for a ratio. */
export function displayQuantity(value: number, ucum: string | null | undefined): string {
  const unit = displayUnit(ucum);
  return unit === '' ? `${value}` : `${value} ${unit}`;
}

/** The delimiters a message declares in MSH-1/MSH-2. */
export interface Hl7Delimiters {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
}

/** The delimiters this product writes (and most senders use). */
export const STANDARD_DELIMITERS: Hl7Delimiters = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
};

const HEX_PAIRS = /^(?:[0-9A-Fa-f]{2})+$/;

/**
 * Reverses HL7 escapes in one component, after it was split out of the message (lab-interface
 * reference §1.5 and §7.4: the library unescapes nothing). `\F\ \S\ \T\ \R\ \E\` give the
 * delimiters; in formatted text (FT) also `\.br\` a new line, `\Xhh…\` bytes (UTF-8), and the
 * highlighting escapes `\H\ \N\` are dropped. Unknown escapes are kept as they are.
 */
export function unescapeHl7(
  value: string,
  delimiters: Hl7Delimiters,
  formatted = false,
): string {
  const e = delimiters.escape;
  if (e === '' || !value.includes(e)) {
    return value;
  }
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf(e, i);
    if (start === -1) {
      out += value.slice(i);
      break;
    }
    const end = value.indexOf(e, start + 1);
    if (end === -1) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    const sequence = value.slice(start + 1, end);
    const replacement = replace(sequence, delimiters, formatted);
    out += replacement ?? value.slice(start, end + 1);
    i = end + 1;
  }
  return out;
}

function replace(
  sequence: string,
  d: Hl7Delimiters,
  formatted: boolean,
): string | undefined {
  switch (sequence) {
    case 'F':
      return d.field;
    case 'S':
      return d.component;
    case 'T':
      return d.subcomponent;
    case 'R':
      return d.repetition;
    case 'E':
      return d.escape;
  }
  if (!formatted) {
    return undefined;
  }
  if (sequence === '.br') {
    return '\n';
  }
  if (sequence === 'H' || sequence === 'N') {
    return '';
  }
  if (sequence.startsWith('X') && HEX_PAIRS.test(sequence.slice(1))) {
    return new TextDecoder('utf-8').decode(
      Buffer.from(sequence.slice(1), 'hex'),
    );
  }
  return undefined;
}

/** Escapes text for one HL7 component (the escape character first); new lines become `\.br\`. */
export function escapeHl7(
  text: string,
  delimiters: Hl7Delimiters = STANDARD_DELIMITERS,
): string {
  const e = delimiters.escape;
  return text
    .split(e)
    .join(`${e}E${e}`)
    .split(delimiters.field)
    .join(`${e}F${e}`)
    .split(delimiters.component)
    .join(`${e}S${e}`)
    .split(delimiters.subcomponent)
    .join(`${e}T${e}`)
    .split(delimiters.repetition)
    .join(`${e}R${e}`)
    .replace(/\r\n|\r|\n/g, `${e}.br${e}`);
}

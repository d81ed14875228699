import { Hl7Message, type Hl7Segment } from '@medplum/core';
import type { Hl7Delimiters } from './hl7-escape';

/** Why a frame is no message at all: answered `MSA|AR|` with error 100. */
export class UnparseableFrame extends Error {
  constructor(
    message: string,
    /** MSH-10, when the header could still be read. */
    readonly controlId?: string,
  ) {
    super(message);
    this.name = 'UnparseableFrame';
  }
}

/** The character sets a listener decodes frames with. */
export type Hl7Encoding = 'utf-8' | 'latin1';

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/**
 * Decodes a frame's bytes with the listener's character set — strictly: invalid bytes are an error,
 * never a U+FFFD in a patient's name (lab-interface reference §7.6).
 * @throws UnparseableFrame when the bytes are not text in that encoding.
 */
export function decodeFrame(bytes: Buffer, encoding: Hl7Encoding): string {
  try {
    return new TextDecoder(encoding === 'latin1' ? 'iso-8859-1' : 'utf-8', {
      fatal: true,
      ignoreBOM: false,
    }).decode(bytes);
  } catch {
    throw new UnparseableFrame(`The frame is not valid ${encoding} text.`);
  }
}

/**
 * Parses one message with @medplum/core, after the checks its parser lacks (§7.1, §7.4): segments
 * separated by CR (LF and CRLF accepted), no leading blank or BOM, the first segment MSH and only
 * one MSH and at most one PID (two frames merged into one would hold two), every segment name three
 * letters or digits.
 * @throws UnparseableFrame otherwise.
 */
export function parseHl7(text: string): Hl7Message {
  const segments = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((s) => s.replace(/^\s+/, ''))
    .filter((s) => s !== '');
  const first = segments[0];
  if (first === undefined || !first.startsWith('MSH') || first.length < 8) {
    throw new UnparseableFrame('The frame holds no MSH segment.');
  }
  const fieldSeparator = first.charAt(3);
  const controlId = first.split(fieldSeparator)[9];
  const names = segments.map((s) => s.split(fieldSeparator, 1)[0] ?? '');
  const invalid = names.find((n) => !SEGMENT_NAME.test(n));
  if (invalid !== undefined) {
    throw new UnparseableFrame('A segment has no valid name.', controlId);
  }
  if (
    names.filter((n) => n === 'MSH').length > 1 ||
    names.filter((n) => n === 'PID').length > 1
  ) {
    throw new UnparseableFrame(
      'The frame holds more than one message.',
      controlId,
    );
  }
  try {
    return Hl7Message.parse(segments.join('\r'));
  } catch {
    throw new UnparseableFrame('The message cannot be parsed.', controlId);
  }
}

/** The delimiters a parsed message declared. */
export function delimitersOf(message: Hl7Message): Hl7Delimiters {
  const c = message.context;
  return {
    field: c.fieldSeparator,
    component: c.componentSeparator,
    repetition: c.repetitionSeparator,
    escape: c.escapeCharacter,
    subcomponent: c.subcomponentSeparator,
  };
}

/**
 * Raw (still escaped) text of a field's repetitions and components: `[repetition][component]`,
 * both 0-based here. A field past the end of the segment is empty (getField returns undefined
 * there despite its type, §7.4).
 */
export function fieldOf(
  segment: Hl7Segment | undefined,
  index: number,
): readonly (readonly string[])[] {
  const field = segment?.getField(index) as
    | ReturnType<Hl7Segment['getField']>
    | undefined;
  return field?.components ?? [];
}

/** One component (1-based) of the first repetition of a field, raw. */
export function componentOf(
  segment: Hl7Segment | undefined,
  index: number,
  component = 1,
  repetition = 0,
): string {
  return fieldOf(segment, index)[repetition]?.[component - 1] ?? '';
}

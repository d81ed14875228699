/**
 * Deepest nesting of arrays and objects a JSON request body may have. The API's deepest body (a
 * result with its values) nests four levels; the limit leaves room without letting a body nested
 * thousands of levels deep reach code that walks it recursively (the validation pipe), where it
 * would overflow the stack and turn into a server error.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Why a JSON request body is refused before it is parsed, or undefined. Checked on the text, in
 * one pass each, so that the refusal costs less than the parse it saves.
 */
export function jsonBodyRefusal(text: string): string | undefined {
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
  }
  if (hasEscapedNul(text)) {
    // PostgreSQL text and jsonb cannot hold NUL: no field of the API can store one.
    return 'JSON text containing a NUL character (\\u0000)';
  }
  if (hasControlCharacter(text)) {
    // No field means one: a name or a finding holding ESC or a backspace would reach HL7, CSV and
    // PDF output as invisible bytes. Tab, line feed and carriage return are text.
    return 'JSON text containing a control character (other than tab, line feed or carriage return)';
  }
  return undefined;
}

/**
 * Whether JSON text nests arrays and objects deeper than `max` levels. Brackets inside strings
 * are ignored; the text is not validated (the parser does that next).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i += 1;
      } else if (c === 0x22 /* " */) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth += 1;
      if (depth > max) {
        return true;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Whether JSON text holds the escape `\u0000` (the only way JSON writes NUL: a raw control
 * character is invalid). An escaped backslash followed by `u0000` is text, not NUL.
 */
export function hasEscapedNul(text: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\\u0000/.test(text);
}

/**
 * Whether JSON text holds a C0 control character other than NUL, tab, line feed and carriage
 * return (escaped as `\b`, `\f` or `\u00XX`, since JSON cannot hold them raw), or DEL (which
 * JSON may hold raw).
 */
export function hasControlCharacter(text: string): boolean {
  return (
    /(?:^|[^\\])(?:\\\\)*\\(?:[bf]|u00(?:0[1-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]))/.test(
      text,
    ) || text.includes('\u007f')
  );
}

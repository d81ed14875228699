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

import { DomainError, type FieldError } from '@poems/domain';

// A percent-encoded NUL: PostgreSQL text cannot hold it. Raw control characters never get this far
// (Node's parser refuses them).
const ENCODED_NUL = /%00/;
// The other C0 controls and DEL, percent-encoded: no field of the API means one (they would reach
// names, HL7 and CSV output as invisible bytes). Tab, line feed and carriage return stay text: an
// audit filter may match an entity id with a line break, as a body's free text may hold one.
const ENCODED_CONTROL = /%(?:0[1-8bcef]|1[0-9a-f]|7f)/i;

/** Why a part of a request target is refused, or undefined. */
function controlIn(part: string): string | undefined {
  if (ENCODED_NUL.test(part)) {
    return 'must not contain a NUL character';
  }
  if (ENCODED_CONTROL.test(part)) {
    return 'must not contain a control character';
  }
  return undefined;
}

/**
 * The fields of a request target (the path, or a query parameter by name) holding NUL or another
 * control character once decoded: empty when there is none.
 */
export function controlCharacterFields(url: string): FieldError[] {
  if (!ENCODED_NUL.test(url) && !ENCODED_CONTROL.test(url)) {
    return [];
  }
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const fields: FieldError[] = [];
  const inPath = controlIn(path);
  if (inPath !== undefined) {
    fields.push({ field: 'path', message: inPath });
  }
  if (query !== -1) {
    for (const pair of url.slice(query + 1).split('&')) {
      const message = controlIn(pair);
      if (message !== undefined) {
        fields.push({ field: parameterName(pair), message });
      }
    }
  }
  return fields;
}

/** The decoded name of a query parameter, or `query` when the name itself cannot be shown. */
function parameterName(pair: string): string {
  const raw = pair.split('=', 1)[0] ?? '';
  try {
    const name = decodeURIComponent(raw.replace(/\+/g, ' '));
    return name !== '' && name.length <= 64 && controlIn(raw) === undefined
      ? name
      : 'query';
  } catch {
    return 'query';
  }
}

/** A 400 for a request target holding a control character, or undefined when it holds none. */
export function controlCharacterRefusal(url: string): DomainError | undefined {
  const fields = controlCharacterFields(url);
  if (fields.length === 0) {
    return undefined;
  }
  return DomainError.invalid(
    fields,
    ENCODED_NUL.test(url)
      ? 'The address contains a NUL character (%00), which no field can hold.'
      : 'The address contains a control character (other than tab, line feed or carriage return), which no field can hold.',
  );
}

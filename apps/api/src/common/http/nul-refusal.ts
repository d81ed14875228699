import { DomainError, type FieldError } from '@poems/domain';

// A percent-encoded NUL: PostgreSQL text cannot hold it. Other control characters are data (an
// audit filter may match an entity id with a line break); raw ones never get this far (Node's
// parser refuses them).
const ENCODED_NUL = /%00/;

/**
 * The fields of a request target (the path, or a query parameter by name) holding NUL once
 * decoded: empty when there is none.
 */
export function nulFields(url: string): FieldError[] {
  if (!ENCODED_NUL.test(url)) {
    return [];
  }
  const message = 'must not contain a NUL character';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const fields: FieldError[] = [];
  if (ENCODED_NUL.test(path)) {
    fields.push({ field: 'path', message });
  }
  if (query !== -1) {
    for (const pair of url.slice(query + 1).split('&')) {
      if (ENCODED_NUL.test(pair)) {
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
    return name !== '' && name.length <= 64 && !ENCODED_NUL.test(raw)
      ? name
      : 'query';
  } catch {
    return 'query';
  }
}

/** A 400 for a request target holding NUL, or undefined when it holds none. */
export function nulRefusal(url: string): DomainError | undefined {
  const fields = nulFields(url);
  return fields.length === 0
    ? undefined
    : DomainError.invalid(
        fields,
        'The address contains a NUL character (%00), which no field can hold.',
      );
}

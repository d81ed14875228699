import { createHash, createHmac, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { JWT_SECRET } from './api-process';
import type { Account } from './clinic';

/** The parts of an OpenAPI document the fuzzer reads. */
export interface OpenApiDocument {
  readonly paths: Readonly<
    Record<string, Readonly<Record<string, OpenApiOperation>>>
  >;
  readonly components?: {
    readonly schemas?: Readonly<Record<string, Schema>>;
  };
}

interface OpenApiOperation {
  readonly parameters?: readonly {
    readonly name: string;
    readonly in: string;
    readonly schema?: Schema;
  }[];
  readonly requestBody?: {
    readonly content?: Readonly<Record<string, { readonly schema?: Schema }>>;
  };
}

/** The subset of JSON Schema the API's document uses. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
  readonly maxItems?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
}

/** One route of the API. */
export interface Operation {
  readonly method: string;
  /** `/api/workups/{id}/items/{key}/order` */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly query: readonly { readonly name: string; readonly schema: Schema }[];
  readonly body?: Schema;
}

/** Every operation of the document. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? [])
        .filter((p) => p.in === 'path')
        .map((p) => p.name),
      query: (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: p.schema ?? {} })),
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Inputs that have broken web APIs before: injections, prototype keys, odd encodings, limits. */
export const NASTY_STRINGS: readonly string[] = [
  "' OR '1'='1",
  "'; DROP TABLE patients; --",
  '1; SELECT pg_sleep(30)--',
  '" OR ""="',
  "' UNION SELECT password_hash FROM users --",
  '%',
  '_',
  '\\',
  '%\\',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '{"__proto__":{"admin":true}}',
  '../../../../etc/passwd',
  '..%2f..%2f',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202eevil',
  '😀'.repeat(20),
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '',
  ' ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9999999999999999999999',
  '2147483648',
  '0000-00-00',
  '2025-02-30',
  '0001-01-01',
  '9999-12-31',
  '275760-09-13',
  '2025-01-31T08:00:00+15:00',
  '2025-01-31T24:00:00Z',
  '1970-01-01T00:00:00Z',
  'x'.repeat(10_000),
];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/** Any JSON value, including the nasty ones, prototype keys and deep nesting. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    null,
    true,
    false,
    0,
    -1,
    2 ** 31,
    2 ** 53,
    -(2 ** 63),
    1e308,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(nested(200)),
);

/** `arbitrary` once in `oneIn` cases, else null. */
function rarely<T>(
  arbitrary: fc.Arbitrary<T>,
  oneIn: number,
): fc.Arbitrary<T | null> {
  return fc.oneof(
    { weight: oneIn - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary },
  );
}

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? [value] : { a: value };
  }
  return value;
}

/** A value that matches `schema` (as far as the document says), to get past validation. */
export function fromSchema(
  schema: Schema | undefined,
  doc: OpenApiDocument,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema === undefined || depth > 4) {
    return fc.constant(undefined);
  }
  if (schema.$ref !== undefined) {
    const target =
      doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
    return fromSchema(target, doc, name, depth + 1);
  }
  if (schema.enum !== undefined && schema.enum.length > 0) {
    return fc.constantFrom(...schema.enum);
  }
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [
          key,
          fromSchema(property, doc, key, depth + 1),
        ]),
      );
      return fc.record(properties, {
        requiredKeys: [...(schema.required ?? [])],
      });
    }
    case 'array':
      return fc.array(fromSchema(schema.items, doc, name, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'integer':
    case 'number':
      return fc.integer({
        min: schema.minimum ?? -5,
        max: Math.min(schema.maximum ?? 20, 20),
      });
    case 'boolean':
      return fc.boolean();
    case 'string':
    case undefined:
    default:
      return stringNamed(name, schema);
  }
}

/** Strings shaped by their field's name: the API's dates, instants and ids. */
function stringNamed(name: string, schema: Schema): fc.Arbitrary<string> {
  if (/At$|^from$|^to$/.test(name)) {
    return fc.oneof(
      fc
        .date({
          min: new Date('2000-01-01'),
          max: new Date('2040-01-01'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString()),
      fc.constantFrom('2025-01-31', '2025-01-31T08:00:00+01:00'),
    );
  }
  if (/Date$/.test(name)) {
    return fc
      .date({
        min: new Date('1900-01-01'),
        max: new Date('2040-01-01'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (/[iI]d$|^attending$/.test(name)) {
    return fc.uuid();
  }
  return fc.string({
    minLength: 1,
    maxLength: Math.min(schema.maxLength ?? 30, 30),
  });
}

/** A body: valid as far as the schema says, then maybe broken in one place. */
function bodyFor(
  schema: Schema | undefined,
  doc: OpenApiDocument,
): fc.Arbitrary<unknown> {
  const valid = fromSchema(schema, doc);
  const keys = Object.keys(
    (schema?.$ref === undefined
      ? schema
      : doc.components?.schemas?.[schema.$ref.split('/').pop() ?? '']
    )?.properties ?? {},
  );
  const key = fc.oneof(
    fc.constantFrom(
      ...keys,
      '__proto__',
      'constructor',
      'prototype',
      'isAdmin',
    ),
    nastyString,
  );
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    {
      weight: 4,
      arbitrary: fc
        .tuple(valid, key, nastyValue)
        .map(([body, k, v]) =>
          typeof body === 'object' && body !== null
            ? { ...body, [k]: v }
            : body,
        ),
    },
    {
      weight: 1,
      // A computed key makes an own property named __proto__, as JSON.parse does.
      arbitrary: fc.constant({ ['__proto__']: { polluted: true } } as unknown),
    },
    { weight: 2, arbitrary: nastyValue },
  );
}

/** Raw bodies no JSON encoder would write. */
const RAW_BODIES: readonly string[] = [
  '{',
  '{"version":',
  '[1,2',
  '{"a":1}{',
  '\u0000',
  "{'single': 'quotes'}",
  '{"version": 1, "version": "2"}',
  '{"__proto__": {"polluted": true}, "version": 1}',
  '{"constructor": {"prototype": {"polluted": true}}, "version": 1}',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
  `{"reason": "${'x'.repeat(900_000)}", "version": 1}`,
  // Larger than BODY_LIMIT_BYTES (1 MiB by default).
  `{"reason": "${'x'.repeat(1_200_000)}", "version": 1}`,
  `[${Array.from({ length: 100_000 }, () => '1').join(',')}]`,
];

const CONTENT_TYPES: readonly string[] = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  '*/*',
  'application/json, text/plain',
];

/** The request a fuzz case sends. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  /** Sent as it is. */
  readonly body?: string;
  /** What was fuzzed, for the report of a failing case. */
  readonly route: string;
}

/** What the fuzzer may point path ids and tokens at. */
export interface FuzzTargets {
  readonly accounts: readonly Account[];
  /** Ids of existing rows (a workup, a patient, a user…), so that cases reach the handlers. */
  readonly ids: readonly string[];
  readonly itemKeys: readonly string[];
}

/** Every kind of request the fuzzer sends, route by route. */
export function fuzzRequest(
  doc: OpenApiDocument,
  targets: FuzzTargets,
): fc.Arbitrary<FuzzRequest> {
  const operations = operationsOf(doc);
  const perRoute = operations.map((op) =>
    fc
      .record({
        method: fc.oneof(
          { weight: 9, arbitrary: fc.constant(op.method) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              'GET',
              'POST',
              'PUT',
              'PATCH',
              'DELETE',
              'OPTIONS',
            ),
          },
        ),
        params: fc.tuple(
          ...op.pathParams.map(() => pathValue(targets)),
        ) as fc.Arbitrary<string[]>,
        query: queryFor(op, doc),
        auth: authHeader(targets),
        headers: extraHeaders,
        body:
          op.body === undefined
            ? fc.constant(undefined)
            : bodyFor(op.body, doc),
        raw: rarely(fc.constantFrom(...RAW_BODIES), 8),
        contentType: rarely(fc.constantFrom(...CONTENT_TYPES), 6),
        anyBody: rarely(nastyValue, 4),
      })
      .map((c): FuzzRequest => {
        let path = op.path;
        op.pathParams.forEach((name, i) => {
          path = path.replace(
            `{${name}}`,
            encodePathSegment(c.params[i] ?? ''),
          );
        });
        const headers: Record<string, string> = { ...c.headers };
        if (c.auth !== null) {
          headers['authorization'] = c.auth;
        }
        const bodyValue = c.body ?? c.anyBody ?? undefined;
        let body =
          c.raw ??
          (bodyValue === undefined ? undefined : JSON.stringify(bodyValue));
        if (c.method === 'GET' || c.method === 'HEAD') {
          body = undefined;
        }
        if (body !== undefined) {
          headers['content-type'] = c.contentType ?? 'application/json';
        }
        return {
          method: c.method,
          path: `${path}${c.query}`,
          headers,
          body,
          route: `${op.method} ${op.path}`,
        };
      }),
  );
  const unknownRoute = fc.tuple(nastyString, authHeader(targets)).map(
    ([segment, auth]): FuzzRequest => ({
      method: 'GET',
      path: `/api/${encodePathSegment(segment)}`,
      headers: auth === null ? {} : { authorization: auth },
      route: 'GET /api/<anything>',
    }),
  );
  return fc.oneof(...perRoute, unknownRoute);
}

function pathValue(targets: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...targets.ids) },
    { weight: 3, arbitrary: fc.constantFrom(...targets.itemKeys) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: nastyString },
  );
}

function queryFor(op: Operation, doc: OpenApiDocument): fc.Arbitrary<string> {
  const known = op.query.map((q) =>
    fc
      .option(
        fc.oneof(
          fromSchema(q.schema, doc, q.name).map((v) => String(v)),
          nastyString,
          fc.array(nastyString, { minLength: 2, maxLength: 3 }),
        ),
        { freq: 3 },
      )
      .map((value) => [q.name, value] as const),
  );
  const extra = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          '__proto__[admin]',
          'constructor[prototype][admin]',
          'page[]',
        ),
        nastyString,
      ),
      nastyString,
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...known), extra).map(([pairs, extras]) => {
    const parts: string[] = [];
    for (const [name, value] of [...pairs, ...extras]) {
      if (value === null || value === undefined) {
        continue;
      }
      for (const v of Array.isArray(value) ? value : [value]) {
        parts.push(
          `${encodeBytes(name.slice(0, MAX_URL_TEXT))}=${encodeBytes(String(v).slice(0, MAX_URL_TEXT))}`,
        );
      }
    }
    return parts.length === 0 ? '' : `?${parts.join('&')}`;
  });
}

/** 2100-01-01 and 2001-09-09 (UTC), as JWT `exp` values. */
const FAR_FUTURE_SECONDS = 4_102_444_800;
const LONG_AGO_SECONDS = 1_000_000_000;

/** Authorization headers: mostly a real user's token (to reach the handlers), else broken ones. */
function authHeader(targets: FuzzTargets): fc.Arbitrary<string | null> {
  const userId = targets.accounts[0]?.id ?? randomUUID();
  // Fixed instants, not the clock: the same seed must make the same tokens in every run.
  const future = FAR_FUTURE_SECONDS;
  const past = LONG_AGO_SECONDS;
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom(...targets.accounts)
        .map((a) => `Bearer ${a.token}`),
    },
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'Bearer',
        'Bearer ',
        'bearer x.y.z',
        'Basic YWRtaW46YWRtaW4=',
        'Bearer a.b',
        'Bearer ....',
        `Bearer ${'a'.repeat(8_000)}`,
        `Bearer ${jwt({ alg: 'none', typ: 'JWT' }, { sub: userId }, null)}`,
        `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: userId, exp: future }, 'not-the-secret-of-this-api-at-all!!')}`,
        `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: userId, exp: past }, JWT_SECRET)}`,
        `Bearer ${jwt({ alg: 'HS384', typ: 'JWT' }, { sub: userId, exp: future }, JWT_SECRET)}`,
        `Bearer ${jwt({ alg: 'HS256', typ: 'JWT' }, { sub: userId, scope: 'calendar', exp: future }, JWT_SECRET)}`,
        `Bearer ${jwt({ alg: 'HS256' }, { sub: "' OR 1=1 --", exp: future }, JWT_SECRET)}`,
        `Bearer ${jwt({ alg: 'HS256' }, { sub: { $gt: '' }, exp: future }, JWT_SECRET)}`,
        `Bearer ${jwt({ alg: 'HS256' }, { ['__proto__']: { sub: userId }, exp: future }, JWT_SECRET)}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.jsonValue(), fc.jsonValue())
        .map(
          ([header, payload]) => `Bearer ${jwt(header, payload, JWT_SECRET)}`,
        ),
    },
  );
}

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'x-request-id': nastyString,
      accept: fc.constantFrom(
        'application/json',
        'text/csv',
        'application/xml',
        '*/*',
        'text/html;q=0.1, application/pdf',
        '',
      ),
      'x-forwarded-for': nastyString,
      'accept-language': nastyString,
      'if-none-match': nastyString,
    },
    { requiredKeys: [] },
  )
  .map((headers) =>
    Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, headerSafe(v)]),
    ),
  );

/** A header value HTTP can carry: visible ASCII and spaces, at most 4 kB. */
function headerSafe(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?').slice(0, 4_096);
}

/**
 * Longest text put in a URL: beyond Node's 16 kB header limit the server refuses the request
 * (431) before any application code runs, and the client may see only the connection close.
 */
const MAX_URL_TEXT = 3_000;

/** Percent-encodes every byte of the UTF-8 form but the unreserved ones. */
function encodeBytes(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function encodePathSegment(value: string): string {
  // An empty segment would change the route, not fuzz its parameter.
  return value === '' ? '%20' : encodeBytes(value.slice(0, MAX_URL_TEXT));
}

function jwt(header: unknown, payload: unknown, secret: string | null): string {
  const part = (value: unknown) =>
    Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url');
  const unsigned = `${part(header)}.${part(payload)}`;
  const signature =
    secret === null
      ? ''
      : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** Values tried in every field, parameter and path segment by the systematic pass. */
const KILLER_VALUES: readonly unknown[] = [
  // Most telling first: a pass cut short by its budget still tries these on every route.
  'a\u0000b',
  null,
  2 ** 31,
  '10000-01-01',
  'x'.repeat(100_000),
  { ['__proto__']: { polluted: true } },
  nested(40),
  "' OR 1=1 --",
  '\ud800',
  -1,
  1e308,
  0.5,
  '0001-01-01T00:00:00+14:59',
  '2025-13-45',
  '%\\',
  [],
  {},
  true,
];

/**
 * Every field of every body, every query parameter and every path segment, set in turn to each
 * of {@link KILLER_VALUES}, the rest of the request valid: what random cases reach only by luck.
 */
export function systematicRequests(
  doc: OpenApiDocument,
  targets: FuzzTargets,
  seed: number,
): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  const sample = <T>(arbitrary: fc.Arbitrary<T>): T =>
    fc.sample(arbitrary, { seed, numRuns: 1 })[0] as T;
  for (const op of operationsOf(doc)) {
    // The role most routes admit; user management is the admin's.
    const role = op.path.startsWith('/api/users') ? 'admin' : 'hematologist';
    const token = targets.accounts.find((a) => a.role === role)?.token ?? '';
    const validPath = (override?: { index: number; value: string }) => {
      let path = op.path;
      op.pathParams.forEach((name, i) => {
        const value =
          override?.index === i
            ? override.value
            : name === 'key'
              ? (targets.itemKeys[0] ?? 'cbc')
              : (targets.ids[0] ?? '');
        path = path.replace(`{${name}}`, encodePathSegment(value));
      });
      return path;
    };
    const validQuery = Object.fromEntries(
      op.query.map((q) => [
        q.name,
        String(sample(fromSchema(q.schema, doc, q.name))),
      ]),
    );
    const queryString = (query: Record<string, string>) => {
      const parts = Object.entries(query).map(
        ([k, v]) =>
          `${encodeBytes(k)}=${encodeBytes(v.slice(0, MAX_URL_TEXT))}`,
      );
      return parts.length === 0 ? '' : `?${parts.join('&')}`;
    };
    const validBody =
      op.body === undefined
        ? undefined
        : (sample(fromSchema(op.body, doc)) as Record<string, unknown>);
    const request = (
      path: string,
      body: unknown,
      what: string,
    ): FuzzRequest => ({
      method: op.method,
      path,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body:
        body === undefined || op.method === 'GET'
          ? undefined
          : JSON.stringify(body),
      route: `${op.method} ${op.path} ${what}`,
    });
    for (const value of KILLER_VALUES) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      op.pathParams.forEach((name, index) => {
        requests.push(
          request(
            `${validPath({ index, value: text })}${queryString(validQuery)}`,
            validBody,
            `path ${name}`,
          ),
        );
      });
      for (const q of op.query) {
        requests.push(
          request(
            `${validPath()}${queryString({ ...validQuery, [q.name]: text })}`,
            validBody,
            `query ${q.name}`,
          ),
        );
      }
      if (validBody !== undefined && typeof validBody === 'object') {
        const keys = Object.keys(
          (op.body?.$ref === undefined
            ? op.body
            : doc.components?.schemas?.[op.body.$ref.split('/').pop() ?? '']
          )?.properties ?? {},
        );
        for (const key of keys) {
          requests.push(
            request(
              `${validPath()}${queryString(validQuery)}`,
              { ...validBody, [key]: value },
              `body ${key}`,
            ),
          );
        }
      }
    }
  }
  return requests;
}

/** C0 control characters and DEL, each percent-encoded as a client sends it. */
const CONTROL_CHARACTERS: readonly string[] = [
  ...Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)),
  '\u007f',
];

/** Escapes no decoder accepts: not hex, cut short, not UTF-8, overlong, a lone surrogate. */
const MALFORMED_ESCAPES: readonly string[] = [
  '%zz',
  '%',
  '%4',
  '%E0%A4',
  '%FF',
  '%C0%AF',
  '%C0%80',
  '%ED%A0%80',
];

/**
 * Requests the systematic pass cannot make, since it encodes every value it sends: each control
 * character in a query, a path segment and a JSON body, and malformed percent-escapes written raw
 * into paths and queries. None may get a 5xx; a refusal must be a problem document.
 */
export function malformedRequests(targets: FuzzTargets): FuzzRequest[] {
  const token =
    targets.accounts.find((a) => a.role === 'hematologist')?.token ?? '';
  const headers = { authorization: `Bearer ${token}` };
  const get = (path: string, what: string): FuzzRequest => ({
    method: 'GET',
    path,
    headers,
    route: `GET ${what}`,
  });
  const requests: FuzzRequest[] = [];
  for (const c of CONTROL_CHARACTERS) {
    const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    requests.push(
      get(
        `/api/patients?q=a${encodeBytes(c)}b`,
        `/api/patients q with ${code}`,
      ),
      get(
        `/api/patients/${encodeBytes(`a${c}b`)}`,
        `/api/patients/{id} with ${code}`,
      ),
      {
        method: 'POST',
        path: '/api/patients',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          // Valid but for the control character: the refusal must be for it.
          mrn: `CTRL${c.charCodeAt(0)}`,
          familyName: `Doe${c}`,
          givenName: 'Jane',
          birthDate: '1970-01-01',
          sex: 'female',
        }),
        route: `POST /api/patients body with ${code}`,
      },
    );
  }
  for (const escape of MALFORMED_ESCAPES) {
    requests.push(
      get(`/api/patients/${escape}`, `/api/patients/{id} raw ${escape}`),
      get(`/api/patients?q=${escape}`, `/api/patients q raw ${escape}`),
      get(
        `/api/patients?${escape}=1`,
        `/api/patients query name raw ${escape}`,
      ),
      get(`/api/${escape}`, `/api/ unknown route raw ${escape}`),
    );
  }
  return requests;
}

/**
 * The seed of random case `index` of a run: each case has its own, derived from the run's seed and
 * its number, so that one case can be made again alone (RELIABILITY_FUZZ_CASE) and a case does not
 * depend on how many came before it in a run that the clock cut short.
 */
export function caseSeed(seed: number, index: number): number {
  return (
    createHash('sha256').update(`${seed}:${index}`).digest().readUInt32LE(0) >>>
    1
  );
}

/** Random case `index` of the run with `seed` (see {@link caseSeed}). */
export function randomCase(
  arbitrary: fc.Arbitrary<FuzzRequest>,
  seed: number,
  index: number,
): FuzzRequest {
  const [request] = fc.sample(arbitrary, {
    seed: caseSeed(seed, index),
    numRuns: 1,
  });
  if (request === undefined) {
    throw new Error(`no fuzz case ${index} for seed ${seed}`);
  }
  return request;
}

/** A case's name in reports and in RELIABILITY_FUZZ_CASE: `s12` (systematic), `r818` (random). */
export type CaseName = `s${number}` | `r${number}`;

/** `s12` → systematic case 12; throws on anything else. */
export function parseCaseName(name: string): {
  readonly pass: 'systematic' | 'random';
  readonly index: number;
} {
  const match = /^([sr])(\d+)$/.exec(name.trim());
  if (match === null) {
    throw new Error(
      `RELIABILITY_FUZZ_CASE must name a case as the failure report does, e.g. r818 or s12; got ${JSON.stringify(name)}`,
    );
  }
  return {
    pass: match[1] === 's' ? 'systematic' : 'random',
    index: Number(match[2]),
  };
}

/** Runs of one character at least this long are printed as `⟪x×1200000⟫`. */
const RUN_PRINTED_SHORT = 40;

/**
 * A case as text to read and to rerun: method, address, every header and the body, with the values
 * this run created (tokens, ids) named instead of shown, as another run creates others, and long
 * runs of one character counted rather than printed.
 */
export function printCase(
  name: CaseName,
  seed: number,
  request: FuzzRequest,
  runTimeValues: Readonly<Record<string, string>>,
): string {
  const named = Object.entries(runTimeValues)
    .filter(([, value]) => value.length >= 8)
    .sort(([, a], [, b]) => b.length - a.length);
  const label = (text: string): string => {
    let out = text;
    for (const [what, value] of named) {
      out = out.split(value).join(`⟨${what}⟩`);
    }
    return out;
  };
  const short = (text: string): string =>
    text.replace(
      new RegExp(`([\\s\\S])\\1{${RUN_PRINTED_SHORT - 1},}`, 'g'),
      (run, char: string) => `⟪${char}×${run.length}⟫`,
    );
  const readable = (text: string): string => short(label(text));
  const lines = [
    `fuzz case ${name} of seed ${seed} (${request.route}):`,
    `  ${request.method} ${readable(request.path)}`,
    ...Object.entries(request.headers).map(
      ([header, value]) =>
        `  ${header}: ${JSON.stringify(
          header === 'authorization'
            ? short(label(decodeJwt(label(value))))
            : readable(value),
        )}`,
    ),
    request.body === undefined
      ? '  (no body)'
      : `  body (${Buffer.byteLength(request.body)} bytes): ${JSON.stringify(readable(request.body))}`,
    `  rerun it alone: RELIABILITY_FUZZ_SEED=${seed} RELIABILITY_FUZZ_CASE=${name} npm run test:reliability -- fuzz`,
  ];
  return lines.join('\n');
}

/**
 * Forged tokens carry this run's user id in their payload (and so another signature each run):
 * shown decoded, `⟨JWT {"alg":"none"} {"sub":"…"} +43⟩` (43 signature characters), they read the
 * same in every run once the id is named.
 */
function decodeJwt(authorization: string): string {
  // Anchored and without overlapping repetitions: a long header must not make this quadratic.
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(authorization);
  if (match === null) {
    return authorization;
  }
  const [, header = '', payload = '', signature = ''] = match;
  try {
    const decode = (part: string) =>
      JSON.stringify(
        JSON.parse(Buffer.from(part, 'base64url').toString('utf8')),
      );
    return `Bearer ⟨JWT ${decode(header)} ${decode(payload)} +${signature.length}⟩`;
  } catch {
    return authorization;
  }
}

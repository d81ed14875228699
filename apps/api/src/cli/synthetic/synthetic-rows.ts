/**
 * The tables the synthetic seeder fills, their columns in COPY order, and the COPY text encoding.
 * Every column is written explicitly, including those the API leaves to defaults, so a seeded row
 * never depends on the server's clock or sequences.
 */
export const TABLE_COLUMNS = {
  users: [
    'id',
    'username',
    'display_name',
    'role',
    'password_hash',
    'active',
    'failed_login_count',
    'locked_until',
    'created_at',
    'updated_at',
    'version',
  ],
  patients: [
    'id',
    'mrn',
    'given_name',
    'family_name',
    'birth_date',
    'sex',
    'created_at',
    'updated_at',
    'version',
    'created_by',
    'mrn_search',
    'given_search',
    'family_search',
  ],
  workups: [
    'id',
    'patient_id',
    'status',
    'protocol_key',
    'protocol_version',
    'opened_at',
    'opened_by',
    'closed_at',
    'close_reason',
    'attending_id',
    'overall',
    'completion_done',
    'completion_closed',
    'completion_total',
    'criteria_first_met_at',
    'version',
    'updated_at',
  ],
  workup_items: [
    'id',
    'workup_id',
    'key',
    'required',
    'active',
    'workup_open',
    'status',
    'due_date',
    'scheduled_at',
    'location',
    'performed_at',
    'resulted_at',
    'reviewed_at',
    'reviewed_by',
    'result',
    'findings',
    'reason',
    'closed_by_name',
    'version',
    'updated_at',
    'updated_by',
  ],
  item_history: [
    'id',
    'item_id',
    'workup_id',
    'action',
    'from_status',
    'to_status',
    'actor_id',
    'actor_role',
    'effective_at',
    'recorded_at',
    'reason',
    'details',
  ],
  workup_evaluations: [
    'id',
    'workup_id',
    'evaluated_at',
    'overall',
    'criteria',
    'flags',
    'protocol_key',
    'protocol_version',
    'rules_version',
    'cause',
    'item_key',
  ],
  audit_events: [
    'id',
    'occurred_at',
    'actor_id',
    'actor_role',
    'action',
    'outcome',
    'patient_id',
    'entity_type',
    'entity_id',
    'diff',
    'request_id',
    'client_ip',
    'details',
    'chain_seq',
    'prev_hash',
    'hash',
  ],
} as const;

/** A table the seeder fills. */
export type SeededTable = keyof typeof TABLE_COLUMNS;

/** Parents before children: the order in which tables can be loaded with foreign keys checked. */
export const TABLE_LOAD_ORDER: readonly SeededTable[] = [
  'users',
  'patients',
  'workups',
  'workup_items',
  'item_history',
  'workup_evaluations',
  'audit_events',
];

/** Tables whose `id` is an identity column: its sequence must be moved past the seeded ids. */
export const IDENTITY_TABLES: readonly SeededTable[] = [
  'item_history',
  'workup_evaluations',
  'audit_events',
];

/** A column value: text, number, boolean, an instant, JSON (already serialised, see {@link json}), or null. */
export type CopyValue = string | number | boolean | Date | Json | null;

/** JSON text for a jsonb column, kept apart from plain text so it is never mistaken for it. */
export class Json {
  constructor(readonly text: string) {}
}

/** A value for a jsonb column. */
export function json(value: unknown): Json {
  return new Json(JSON.stringify(value));
}

/** Receives rows as they are produced; implementations stream them into PostgreSQL. */
export interface RowSink {
  write(table: SeededTable, values: readonly CopyValue[]): void;
}

const SPECIAL = /[\\\t\n\r]/;

/** One line of COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) {
      line += '\t';
    }
    line += copyField(values[i] ?? null);
  }
  return `${line}\n`;
}

function copyField(value: CopyValue): string {
  if (value === null) {
    return '\\N';
  }
  if (typeof value === 'boolean') {
    return value ? 't' : 'f';
  }
  if (typeof value === 'number') {
    return String(value);
  }
  const text =
    value instanceof Date
      ? value.toISOString()
      : value instanceof Json
        ? value.text
        : value;
  return SPECIAL.test(text) ? escape(text) : text;
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * A JSON value with object keys in jsonb's order (shorter keys first, then by their UTF-8 bytes):
 * the form in which the API reads a jsonb column back. The API compares such values as JSON text
 * (audit diffs), so the seeder must hold them in the same form to decide the same way.
 */
export function asStoredJson<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(asStoredJson) as T;
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => compareJsonbKeys(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, asStoredJson(v)])) as T;
}

function compareJsonbKeys(a: string, b: string): number {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length - bb.length || Buffer.compare(ab, bb);
}

import { createHash, createHmac } from 'node:crypto';

/** `prev_hash` of the first event of the chain: there is no event before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** A JSON value as PostgreSQL's jsonb reaches the driver. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/**
 * What the hash of an audit event covers: every column of `audit_events` except the three seal
 * columns. The list is fixed on purpose: a column added later must not change the hash of events
 * sealed before it existed, so covering it takes a new, explicit version of this record.
 */
export interface AuditEventContent {
  /** bigint, as the decimal string the driver returns. */
  readonly id: string;
  /** ISO 8601 in UTC with PostgreSQL's full microsecond precision, e.g. `2025-01-31T08:15:00.123456Z`. */
  readonly occurredAt: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly outcome: string;
  readonly patientId: string | null;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly diff: JsonValue;
  readonly requestId: string | null;
  readonly clientIp: string | null;
  readonly details: JsonValue;
}

/**
 * Serialises a JSON value so that equal values always give equal text: object keys sorted by
 * UTF-16 code units at every depth, no whitespace, strings and numbers as `JSON.stringify` writes
 * them (the ordering and number format of RFC 8785). Anything JSON cannot represent is refused
 * rather than silently dropped, since two different events must never serialise alike.
 */
export function canonicalJson(value: unknown): string {
  if (
    value === null ||
    typeof value === 'boolean' ||
    typeof value === 'string'
  ) {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError('canonicalJson: numbers must be finite');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const record = value as Readonly<Record<string, unknown>>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`);
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The canonical text of an event's content, keyed by column name. */
export function canonicalAuditContent(content: AuditEventContent): string {
  return canonicalJson({
    id: content.id,
    occurred_at: content.occurredAt,
    actor_id: content.actorId,
    actor_role: content.actorRole,
    action: content.action,
    outcome: content.outcome,
    patient_id: content.patientId,
    entity_type: content.entityType,
    entity_id: content.entityId,
    diff: content.diff,
    request_id: content.requestId,
    client_ip: content.clientIp,
    details: content.details,
  });
}

/**
 * The seal of an event: hex HMAC-SHA-256, under the audit key, of the previous event's seal, a
 * newline, and the event's canonical content. Chaining the previous seal in makes any later edit,
 * insertion or removal change every seal after it; the key (never stored in the database) makes
 * a chain recomputed by someone who can write the table, but lacks the key, fail verification.
 */
export function auditEventHash(
  key: Buffer,
  prevHash: string,
  content: AuditEventContent,
): string {
  return createHmac('sha256', key)
    .update(prevHash)
    .update('\n')
    .update(canonicalAuditContent(content))
    .digest('hex');
}

/**
 * The unkeyed SHA-256 seal chains had before the keyed one: what anyone with write access to the
 * table can compute. Kept only so tests can play that attacker.
 */
export function unkeyedAuditEventHash(
  prevHash: string,
  content: AuditEventContent,
): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(canonicalAuditContent(content))
    .digest('hex');
}

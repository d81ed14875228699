import type { AuditEventContent, JsonValue } from './audit-hash';

/**
 * The hashed columns of `audit_events` as the sealer and the verifier read them (the driver
 * returns bigint `id` as a string). The timestamp is formatted by PostgreSQL, not the driver: a
 * JavaScript Date would drop the microseconds, and an edit to them would then go unnoticed.
 * Computed columns get aliases no table column has, so a bare `ORDER BY` name always means the
 * column, never text that sorts differently.
 */
export const CHAIN_CONTENT_COLUMNS = `
  id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_utc,
  actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id, diff,
  request_id, client_ip, details`;

/** A row selected with {@link CHAIN_CONTENT_COLUMNS}. */
export interface ChainContentRow {
  readonly id: string;
  readonly occurred_at_utc: string;
  readonly actor_id: string | null;
  readonly actor_role: string | null;
  readonly action: string;
  readonly outcome: string;
  readonly patient_id: string | null;
  readonly entity_type: string | null;
  readonly entity_id: string | null;
  readonly diff: JsonValue;
  readonly request_id: string | null;
  readonly client_ip: string | null;
  readonly details: JsonValue;
}

/** A sealed row: its content plus the seal, `chain_seq` selected as the text `seq`. */
export interface SealedChainRow extends ChainContentRow {
  readonly seq: string;
  readonly prev_hash: string | null;
  readonly hash: string | null;
}

/** The hashed content of a row. */
export function contentOf(row: ChainContentRow): AuditEventContent {
  return {
    id: row.id,
    occurredAt: row.occurred_at_utc,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    outcome: row.outcome,
    patientId: row.patient_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    diff: row.diff,
    requestId: row.request_id,
    clientIp: row.client_ip,
    details: row.details,
  };
}

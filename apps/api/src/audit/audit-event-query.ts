import type { Role } from '@poems/domain';
import type { AuditEventView } from '@poems/contract';
import { patientMatchSql, searchTerms } from '../patients/patient-search';
import type { AuditOutcome } from './audit-event.entity';
import type { AuditEventSort, AuditEventSortKey } from './audit-events.dto';

/** Filters of the audit-log API, each optional, combined with AND. */
export interface AuditEventFilters {
  /** Inclusive lower bound, an ISO 8601 instant with offset. */
  readonly from?: string;
  /** Exclusive upper bound, an ISO 8601 instant with offset. */
  readonly to?: string;
  /** A user id or a username. */
  readonly actor?: string;
  readonly patientId?: string;
  /** An MRN (or a fragment with a digit) or a name, matched as the patient list matches them. */
  readonly patient?: string;
  /**
   * An action, or a family of them: whole parts of the code, so `item` finds every `item.*`,
   * `result` finds `item.result` and `auth.mfa` finds `auth.mfa_enrol`, while
   * `workup.evaluation` does not find `workup.evaluations.read`.
   */
  readonly action?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly outcome?: AuditOutcome;
}

/** A parameterised SQL statement. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A row selected by {@link auditEventsSelect}. */
export interface AuditEventRow {
  /** bigint: the driver returns it as a string. */
  readonly id: string;
  readonly occurred_at: Date;
  readonly actor_id: string | null;
  readonly actor_username: string | null;
  readonly actor_role: Role | null;
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly patient_id: string | null;
  readonly entity_type: string | null;
  readonly entity_id: string | null;
  readonly diff: Record<string, unknown> | null;
  readonly request_id: string | null;
  readonly client_ip: string | null;
  readonly details: Record<string, unknown> | null;
}

// Only these expressions ever reach ORDER BY: the sort key selects one, it is never interpolated.
const SORT_SQL: Readonly<Record<AuditEventSortKey, string>> = {
  occurredAt: 'e.occurred_at',
  id: 'e.id',
  actor: 'u.username',
  actorId: 'e.actor_id',
  actorRole: 'e.actor_role',
  action: 'e.action',
  outcome: 'e.outcome',
  patientId: 'e.patient_id',
  entityType: 'e.entity_type',
  entityId: 'e.entity_id',
  requestId: 'e.request_id',
  clientIp: 'e.client_ip',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `WHERE …` for the filters, numbering its parameters from `$1`. */
export function auditEventsWhere(filters: AuditEventFilters): SqlStatement {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filters.from !== undefined) {
    conditions.push(`e.occurred_at >= ${param(filters.from)}::timestamptz`);
  }
  if (filters.to !== undefined) {
    conditions.push(`e.occurred_at < ${param(filters.to)}::timestamptz`);
  }
  if (filters.actor !== undefined) {
    const byUsername = `e.actor_id IN (SELECT id FROM users WHERE lower(username) = lower(${param(filters.actor)}))`;
    conditions.push(
      UUID.test(filters.actor)
        ? `(e.actor_id = ${param(filters.actor)}::uuid OR ${byUsername})`
        : byUsername,
    );
  }
  if (filters.patientId !== undefined) {
    conditions.push(`e.patient_id = ${param(filters.patientId)}::uuid`);
  }
  if (filters.patient !== undefined) {
    const match = patientMatchSql(searchTerms(filters.patient), param);
    conditions.push(
      match.length === 0
        ? 'FALSE'
        : `e.patient_id IN (SELECT p.id FROM patients p WHERE ${match.join(' AND ')})`,
    );
  }
  if (filters.action !== undefined) {
    conditions.push(`e.action ~* ${param(actionPattern(filters.action))}`);
  }
  if (filters.entityType !== undefined) {
    conditions.push(`e.entity_type = ${param(filters.entityType)}`);
  }
  if (filters.entityId !== undefined) {
    conditions.push(`e.entity_id = ${param(filters.entityId)}`);
  }
  if (filters.outcome !== undefined) {
    conditions.push(`e.outcome = ${param(filters.outcome)}`);
  }
  return {
    sql: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`,
    params,
  };
}

/** The family an action filter names: its code without separators at either end. */
export function actionFamily(action: string): string {
  return action.trim().replace(/^[._:-]+|[._:-]+$/g, '');
}

/**
 * A POSIX regular expression matching codes that contain the family as whole parts: bounded by
 * the code's ends or by `.`, `_`, `-` or `:`.
 */
export function actionPattern(action: string): string {
  const family = actionFamily(action).replace(/[.\\^$*+?()[\]{}|-]/g, '\\$&');
  return `(^|[._:-])${family}($|[._:-])`;
}

/** `ORDER BY …` for a sort, ties broken by id in the same direction so pages never overlap. */
export function auditEventsOrderBy(sort: AuditEventSort): string {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as AuditEventSortKey;
  const direction = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${SORT_SQL[key]} ${direction}, e.id ${direction}`;
}

/**
 * The matching events with their actor's username, sorted; a page of them when `page` is given.
 * The CSV export streams the same statement unpaged, so both formats list the same rows.
 */
export function auditEventsSelect(
  filters: AuditEventFilters,
  sort: AuditEventSort,
  page?: { readonly page: number; readonly pageSize: number },
): SqlStatement {
  const where = auditEventsWhere(filters);
  const params = [...where.params];
  let limit = '';
  if (page !== undefined) {
    params.push(page.pageSize, (page.page - 1) * page.pageSize);
    limit = `LIMIT $${params.length - 1} OFFSET $${params.length}`;
  }
  return {
    sql: `SELECT e.id, e.occurred_at, e.actor_id, u.username AS actor_username,
                 e.actor_role, e.action, e.outcome, e.patient_id, e.entity_type, e.entity_id,
                 e.diff, e.request_id, e.client_ip, e.details
            FROM audit_events e
            LEFT JOIN users u ON u.id = e.actor_id
            ${where.sql}
            ${auditEventsOrderBy(sort)}
            ${limit}`,
    params,
  };
}

/** How many events match; bigint, read as text so no count is ever truncated. */
export function auditEventsCount(filters: AuditEventFilters): SqlStatement {
  const where = auditEventsWhere(filters);
  return {
    sql: `SELECT count(*)::text AS total FROM audit_events e ${where.sql}`,
    params: where.params,
  };
}

/** The API's view of a row. */
export function auditEventView(row: AuditEventRow): AuditEventView {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorId: row.actor_id,
    actorUsername: row.actor_username,
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

/** Columns of the CSV export, in order; `diff` and `details` are JSON text. */
export const AUDIT_EVENT_CSV_COLUMNS = [
  'id',
  'occurredAt',
  'actorId',
  'actorUsername',
  'actorRole',
  'action',
  'outcome',
  'patientId',
  'entityType',
  'entityId',
  'diff',
  'requestId',
  'clientIp',
  'details',
] as const satisfies readonly (keyof AuditEventView)[];

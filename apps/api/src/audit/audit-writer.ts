import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context/request-context';
import type { AuditOutcome } from './audit-event.entity';

/** What an audit event says beyond who asked and from where. */
export interface AuditEventInput {
  /** Dotted verb, e.g. `auth.login`, `patient.register`, `item.schedule`, `patient.read`. */
  readonly action: string;
  readonly outcome?: AuditOutcome;
  readonly patientId?: string | null;
  readonly entityType?: string | null;
  readonly entityId?: string | null;
  /** For mutations: `{ field: { from, to } }` of the changed fields only (see {@link diffOf}). */
  readonly diff?: Record<string, unknown> | null;
  /** Anything else worth keeping; never secrets, never free-text clinical notes copied from elsewhere. */
  readonly details?: Record<string, unknown> | null;
}

/**
 * Writes audit events through the caller's EntityManager, so an event commits or rolls back with
 * the change it describes. Events are inserted unsealed; the chain is sealed after commit.
 */
@Injectable()
export class AuditWriter {
  async record(
    manager: EntityManager,
    context: RequestContext,
    event: AuditEventInput,
  ): Promise<void> {
    // Plain SQL: one round trip, and jsonb columns need no entity mapping.
    await manager.query(
      `INSERT INTO audit_events
         (actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id,
          diff, details, request_id, client_ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      eventParams(context, event),
    );
  }

  /**
   * A read and its audit event in one statement, so auditing a read costs no round trip of its
   * own: the read's SELECT runs as a CTE beside the event's INSERT, in the caller's transaction,
   * so the event commits exactly when the read's transaction does. The event is written when the
   * read finds a row (a read of nothing discloses nothing), with that row's `patientColumn` as
   * its patient. Returns the read's rows.
   */
  async readAudited<T>(
    manager: EntityManager,
    context: RequestContext,
    read: {
      readonly sql: string;
      readonly params: readonly unknown[];
      readonly patientColumn: string;
    },
    event: Omit<AuditEventInput, 'patientId'>,
  ): Promise<T[]> {
    const n = read.params.length;
    const p = (i: number): string => `$${n + i}`;
    return (await manager.query(
      `WITH audited_read AS (${read.sql}),
       audit AS (
         INSERT INTO audit_events
           (actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id,
            diff, details, request_id, client_ip)
         SELECT ${p(1)}::uuid, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text,
                coalesce(${p(5)}::uuid, r."${read.patientColumn}"), ${p(6)}::text, ${p(7)}::text,
                ${p(8)}::jsonb, ${p(9)}::jsonb, ${p(10)}::text, ${p(11)}::text
           FROM audited_read r LIMIT 1)
       SELECT * FROM audited_read`,
      [...read.params, ...eventParams(context, { ...event, patientId: null })],
    )) as T[];
  }
}

function eventParams(
  context: RequestContext,
  event: AuditEventInput,
): unknown[] {
  // The caller's own request id is not vouched for: it goes into the sealed details, apart from
  // the server's id in request_id, so a client cannot make its events pose as another request's.
  const details =
    context.clientRequestId === undefined
      ? event.details
      : { ...event.details, clientRequestId: context.clientRequestId };
  return [
    context.actor?.id ?? null,
    context.actor?.role ?? null,
    event.action,
    event.outcome ?? 'success',
    event.patientId ?? null,
    event.entityType ?? null,
    event.entityId ?? null,
    event.diff ? JSON.stringify(event.diff) : null,
    details ? JSON.stringify(details) : null,
    context.requestId,
    context.clientIp,
  ];
}

/** The audit diff of two records: the domain's, so every writer of audit events agrees. */
export { diffOf } from '@poems/domain';

import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, loincOf, type ResultSource } from '@poems/domain';
import {
  type InboxCount,
  type InboxEntryView,
  type Page,
  type WorkupView,
} from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../../audit/audit-writer';
import type { RequestContext } from '../../common/request-context/request-context';
import { fieldErrorsOf } from '../../common/validation/validation.pipe';
import { ItemActionsService } from '../../workups/item-actions.service';
import { ResultItemDto } from '../../workups/workups.dto';
import { RawCipher } from '../raw-cipher';
import type {
  ApplyInboxDto,
  DismissInboxDto,
  ListInboxQuery,
} from './inbox.dto';

const ENTRY_COLUMNS = `e.id, e.reason, e.priority, e.status, e.detail, i.name AS "interfaceName",
  e.message_id AS "messageId", m.control_id AS "controlId", m.protocol, e.created_at AS "receivedAt",
  e.filler_order AS "fillerOrder", e.item_key AS "itemKey", e.patient_id AS "patientId",
  e.workup_id AS "workupId", e.sent_patient AS "sentPatient", e.proposal, e.observations,
  e.decided_at AS "decidedAt", u.display_name AS "decidedBy", e.decision_reason AS "decisionReason",
  e.applied_workup_id AS "appliedWorkupId", e.applied_item_key AS "appliedItemKey", e.version,
  e.interface_id AS "interfaceId"`;

const ENTRY_FROM = `inbox_entries e
  JOIN inbound_messages m ON m.id = e.message_id
  JOIN lab_interfaces i ON i.id = e.interface_id
  LEFT JOIN users u ON u.id = e.decided_by`;

type EntryRow = Omit<InboxEntryView, 'receivedAt' | 'decidedAt'> & {
  readonly receivedAt: Date;
  readonly decidedAt: Date | null;
  readonly interfaceId: string;
};

/**
 * The review inbox (lab-interface reference §5): everything an interface sent that was not applied
 * by itself. Hematologists see and decide every entry — apply (the normal `result` action on the
 * chosen patient's open workup, with the item's version) or dismiss with a reason; coordinators see
 * unknown-patient entries (to register the patient); auditors read. Every decision, and every read of
 * a raw message, is audited.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly actions: ItemActionsService,
    private readonly audit: AuditWriter,
    private readonly cipher: RawCipher,
  ) {}

  async list(
    context: RequestContext,
    query: ListInboxQuery,
  ): Promise<Page<InboxEntryView>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const reason = this.visibleReason(context, query.reason);
    const params = [query.status ?? 'open', reason ?? null];
    const where = `e.status = $1 AND ($2::text IS NULL OR e.reason = $2)`;
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM inbox_entries e WHERE ${where}`,
      params,
    )) as { n: number }[];
    const rows = (await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE ${where}
        ORDER BY e.priority, e.created_at, e.id LIMIT $3 OFFSET $4`,
      [...params, pageSize, (page - 1) * pageSize],
    )) as EntryRow[];
    return { items: rows.map(entryView), total: count?.n ?? 0, page, pageSize };
  }

  async count(context: RequestContext): Promise<InboxCount> {
    const reason = this.visibleReason(context, undefined);
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM inbox_entries WHERE status = 'open' AND ($1::text IS NULL OR reason = $1)`,
      [reason ?? null],
    )) as { n: number }[];
    return { open: row?.n ?? 0 };
  }

  async get(context: RequestContext, id: string): Promise<InboxEntryView> {
    const row = await this.find(this.dataSource.manager, id);
    this.checkVisible(context, row);
    return entryView(row);
  }

  /** The message as received, decrypted; the read is audited. */
  async raw(
    context: RequestContext,
    id: string,
  ): Promise<{ readonly messageId: string; readonly raw: string | null }> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.find(m, id);
      const [message] = (await m.query(
        `SELECT raw FROM inbound_messages WHERE id = $1`,
        [row.messageId],
      )) as {
        raw: Buffer | null;
      }[];
      await this.audit.record(m, context, {
        action: 'inbound.raw_read',
        patientId: row.patientId,
        entityType: 'inbound_message',
        entityId: row.messageId,
        details: { inboxEntryId: id },
      });
      const raw = message?.raw
        ? this.cipher.decrypt(message.raw).toString('utf8')
        : null;
      return { messageId: row.messageId, raw };
    });
  }

  async apply(
    context: RequestContext,
    id: string,
    body: ApplyInboxDto,
  ): Promise<{ entry: InboxEntryView; workup: WorkupView }> {
    const errors = await validate(
      plainToInstance(ResultItemDto, { ...body.result, version: body.version }),
      {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      },
    );
    if (errors.length > 0) {
      throw DomainError.invalid(
        fieldErrorsOf(errors).map((e) => ({
          ...e,
          field: `result.${e.field}`,
        })),
      );
    }
    return this.dataSource.transaction(async (m) => {
      const entry = await this.find(m, id, true);
      this.checkOpen(entry);
      const [workup] = (await m.query(
        `SELECT id FROM workups WHERE patient_id = $1 AND status = 'open' ORDER BY opened_at DESC LIMIT 1`,
        [body.patientId],
      )) as { id: string }[];
      if (workup === undefined) {
        throw new DomainError(
          'not_found',
          'The patient has no open workup to apply the result to.',
        );
      }
      const source: ResultSource = {
        kind: 'inbox',
        entryId: entry.id,
        messageId: entry.messageId,
        controlId: entry.controlId,
        interfaceName: entry.interfaceName,
      };
      const view = await this.actions.act(
        context,
        workup.id,
        {
          key: body.itemKey,
          action: 'result',
          body: plainToInstance(ResultItemDto, {
            ...body.result,
            version: body.version,
            ...(body.performedAt !== undefined && {
              performedAt: body.performedAt,
            }),
          }),
        },
        { manager: m, source },
      );
      // Later corrections of this order find the result like one the interface applied itself.
      for (const observation of entry.observations) {
        const loinc = loincOf(observation, {});
        if (entry.fillerOrder !== null && loinc !== undefined) {
          await m.query(
            `INSERT INTO inbound_results (message_id, interface_id, filler_order, loinc, sub_id, workup_id, item_key, patient_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [
              entry.messageId,
              entry.interfaceId,
              entry.fillerOrder,
              loinc,
              observation.subId,
              workup.id,
              body.itemKey,
              body.patientId,
            ],
          );
        }
      }
      await m.query(
        `UPDATE inbox_entries SET status = 'applied', decided_at = now(), decided_by = $2,
           applied_workup_id = $3, applied_item_key = $4, version = version + 1 WHERE id = $1`,
        [id, context.actor?.id ?? null, workup.id, body.itemKey],
      );
      await this.audit.record(m, context, {
        action: 'inbox.apply',
        patientId: body.patientId,
        entityType: 'inbox_entry',
        entityId: id,
        details: {
          messageId: entry.messageId,
          reason: entry.reason,
          workupId: workup.id,
          itemKey: body.itemKey,
        },
      });
      return { entry: entryView(await this.find(m, id)), workup: view };
    });
  }

  async dismiss(
    context: RequestContext,
    id: string,
    body: DismissInboxDto,
  ): Promise<InboxEntryView> {
    return this.dataSource.transaction(async (m) => {
      const entry = await this.find(m, id, true);
      if (entry.version !== body.version) {
        throw new DomainError(
          'stale_version',
          'The entry was changed by someone else; reload and retry.',
          {
            current: entryView(entry),
          },
        );
      }
      this.checkOpen(entry);
      await m.query(
        `UPDATE inbox_entries SET status = 'dismissed', decided_at = now(), decided_by = $2,
           decision_reason = $3, version = version + 1 WHERE id = $1`,
        [id, context.actor?.id ?? null, body.reason],
      );
      await this.audit.record(m, context, {
        action: 'inbox.dismiss',
        patientId: entry.patientId,
        entityType: 'inbox_entry',
        entityId: id,
        details: {
          messageId: entry.messageId,
          reason: entry.reason,
          decision: body.reason,
        },
      });
      return entryView(await this.find(m, id));
    });
  }

  private checkOpen(entry: EntryRow): void {
    if (entry.status !== 'open') {
      throw new DomainError(
        'conflict',
        `The entry was already ${entry.status}.`,
        { current: entryView(entry) },
      );
    }
  }

  /** Coordinators see unknown-patient entries only: they register the patient. */
  private visibleReason(
    context: RequestContext,
    asked: ListInboxQuery['reason'],
  ): ListInboxQuery['reason'] {
    if (context.actor?.role !== 'coordinator') {
      return asked;
    }
    if (asked !== undefined && asked !== 'unknown_patient') {
      throw new DomainError(
        'forbidden',
        'Coordinators see unknown-patient entries only.',
      );
    }
    return 'unknown_patient';
  }

  private checkVisible(context: RequestContext, row: EntryRow): void {
    if (
      context.actor?.role === 'coordinator' &&
      row.reason !== 'unknown_patient'
    ) {
      throw new DomainError('not_found', 'No inbox entry has this id.');
    }
  }

  private async find(
    m: EntityManager,
    id: string,
    lock = false,
  ): Promise<EntryRow> {
    const [row] = (await m.query(
      `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`,
      [id],
    )) as EntryRow[];
    if (row === undefined) {
      throw new DomainError('not_found', 'No inbox entry has this id.');
    }
    return row;
  }
}

function entryView(row: EntryRow): InboxEntryView {
  const { interfaceId: _interfaceId, ...rest } = row;
  return {
    ...rest,
    receivedAt: row.receivedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

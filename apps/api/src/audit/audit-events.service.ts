import { Injectable, StreamableFile } from '@nestjs/common';
import { DomainError } from '@poems/domain';
import {
  type AuditEventView,
  type AuditVerifyView,
  type Page,
} from '@poems/contract';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { RequestContext } from '../common/request-context/request-context';
import { ReadDatabase } from '../database/read-database';
import { searchTerms } from '../patients/patient-search';
import { AuditChainVerifier } from './audit-chain-verifier';
import {
  type AuditEventFilters,
  type AuditEventRow,
  actionFamily,
  auditEventsCount,
  auditEventsSelect,
  auditEventView,
} from './audit-event-query';
import {
  AUDIT_EVENTS_CSV_TYPE,
  auditEventsCsv,
  auditEventsCsvFilename,
} from './audit-events-csv';
import type { ListAuditEventsQuery } from './audit-events.dto';
import { AuditSealer } from './audit-sealer';
import { AuditWriter } from './audit-writer';

/** Rows the export fetches per round trip; memory stays bounded by this and stream buffers. */
const EXPORT_BATCH_SIZE = 500;

/** A pooled client and the pool's release callback: an error destroys the client instead. */
type PooledClient = readonly [PoolClient, (error?: Error) => void];

/**
 * The audit log as auditors see it: search, CSV export and chain verification. Each of them is
 * itself audited, and the event is committed before any row is disclosed.
 */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase,
    private readonly audit: AuditWriter,
    private readonly sealer: AuditSealer,
    private readonly verifier: AuditChainVerifier,
    @InjectPinoLogger(AuditEventsService.name)
    private readonly logger: PinoLogger,
  ) {}

  /** A page of matching events as JSON, or every matching event as a streamed CSV file. */
  search(
    context: RequestContext,
    query: ListAuditEventsQuery,
  ): Promise<Page<AuditEventView> | StreamableFile> {
    const filters = filtersOf(query);
    return query.format === 'csv'
      ? this.export(context, filters, query)
      : this.list(context, filters, query);
  }

  /** Seals pending events, then recomputes the whole chain. */
  async verify(context: RequestContext): Promise<AuditVerifyView> {
    await this.sealer.sealPending();
    const chain = await this.verifier.verify();
    const [{ unsealed }] = (await this.dataSource.query(
      `SELECT count(*)::text AS unsealed FROM audit_events WHERE chain_seq IS NULL`,
    )) as [{ unsealed: string }];
    const view: AuditVerifyView = { ...chain, unsealed: Number(unsealed) };
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'audit.verify',
        details: { ...view },
      }),
    );
    return view;
  }

  private async list(
    context: RequestContext,
    filters: AuditEventFilters,
    query: ListAuditEventsQuery,
  ): Promise<Page<AuditEventView>> {
    const { page, pageSize, sort } = query;
    const select = auditEventsSelect(filters, sort, { page, pageSize });
    const count = auditEventsCount(filters);
    // One snapshot for the page and the total, so they agree even while events keep arriving;
    // read where lag-tolerant reads go (a replica, if any), audited on the primary before anything
    // is disclosed.
    const { rows, total } = await this.read.dataSource.transaction(
      'REPEATABLE READ',
      async (manager) => {
        const found = (await manager.query(select.sql, [
          ...select.params,
        ])) as AuditEventRow[];
        const [counted] = (await manager.query(count.sql, [
          ...count.params,
        ])) as [{ total: string }];
        return { rows: found, total: counted.total };
      },
    );
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'audit.list',
        patientId: filters.patientId ?? null,
        details: { filters, sort, page, pageSize },
      }),
    );
    return {
      items: rows.map(auditEventView),
      total: Number(total),
      page,
      pageSize,
    };
  }

  /**
   * Streams from a server-side cursor on a client of its own, so memory stays constant however
   * many events match. The client goes back to the pool when the last row is sent, and is
   * destroyed instead when the stream fails or the client aborts mid-way.
   */
  private async export(
    context: RequestContext,
    filters: AuditEventFilters,
    query: ListAuditEventsQuery,
  ): Promise<StreamableFile> {
    const now = new Date();
    // Recorded before the streaming client is taken: holding one pooled client while waiting for
    // another would let concurrent exports exhaust the pool and wait on each other forever.
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'audit.export',
        patientId: filters.patientId ?? null,
        details: { filters, sort: query.sort, format: 'csv' },
      }),
    );
    const [client, release] = await this.pooledClient();
    const select = auditEventsSelect(filters, query.sort);
    const rows = client.query(
      new QueryStream(select.sql, [...select.params], {
        batchSize: EXPORT_BATCH_SIZE,
      }),
    );
    const csv = auditEventsCsv(rows, { bom: query.bom }, (error) => {
      release(error ?? undefined);
      if (error !== null && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn({ err: error }, 'Audit event export failed');
      }
    });
    return new StreamableFile(csv, {
      type: AUDIT_EVENTS_CSV_TYPE,
      disposition: `attachment; filename="${auditEventsCsvFilename(filters.from, filters.to, now)}"`,
    });
  }

  /** A client of the data source lag-tolerant reads use (a replica, if any). */
  private async pooledClient(): Promise<PooledClient> {
    const driver = this.read.dataSource.driver as PostgresDriver;
    return (await driver.obtainMasterConnection()) as unknown as PooledClient;
  }
}

/** The filters of a query, once they are known to make sense together. */
function filtersOf(query: ListAuditEventsQuery): AuditEventFilters {
  if (
    query.from !== undefined &&
    query.to !== undefined &&
    Date.parse(query.from) > Date.parse(query.to)
  ) {
    throw DomainError.invalid([
      { field: 'to', message: 'to must not be before from' },
    ]);
  }
  if (query.patient !== undefined && searchTerms(query.patient).length === 0) {
    throw DomainError.invalid([
      { field: 'patient', message: 'patient must hold an MRN or a name' },
    ]);
  }
  if (query.action !== undefined && actionFamily(query.action) === '') {
    throw DomainError.invalid([
      {
        field: 'action',
        message: 'action must name an action or a family of them',
      },
    ]);
  }
  const filters: AuditEventFilters = {
    from: query.from,
    to: query.to,
    actor: query.actor,
    patientId: query.patientId,
    patient: query.patient,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    outcome: query.outcome,
  };
  // Only the filters given, so the audit event's details say exactly what was asked.
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as AuditEventFilters;
}

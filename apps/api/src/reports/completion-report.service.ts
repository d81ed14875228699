import { finished, type Readable } from 'node:stream';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { DomainError, todayIn } from '@poems/domain';
import {
  type CompletionReport,
  type CompletionReportFilters,
  type CompletionReportRow,
} from '@poems/contract';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ReadDatabase } from '../database/read-database';
import {
  COMPLETION_REPORT_CSV_TYPE,
  completionReportCopyCsv,
  completionReportFilename,
} from './completion-report.csv';
import {
  COMPLETION_REPORT_PDF_TYPE,
  completionReportPdf,
  PDF_MAX_ROWS,
} from './completion-report.pdf';
import {
  completionReportRow,
  completionCountQuery,
  completionReportSummary,
  completionRowsQuery,
  completionSummaryQuery,
  completionTurnaroundQuery,
  type CompletionReportRecord,
  type CompletionSummaryRecord,
  type ReportScope,
  type TurnaroundRecord,
} from './completion-report.query';
import type { CompletionReportQuery } from './completion-report.dto';
import { completionCsvQuery } from './completion-report.copy-sql';
import { NO_JIT, ReportSnapshot } from './report-snapshot';

/**
 * The completion report for auditors, as JSON, CSV or PDF, all three from the same query
 * definition. Every request is audited (`report.completion`) in a transaction of its own that
 * commits before any row is read, so an export that fails or is abandoned mid-way is still on
 * record.
 */
@Injectable()
export class CompletionReportService {
  constructor(
    private readonly dataSource: DataSource,
    /** Where the report's rows are read: a replica, if any. The audit event goes to the primary. */
    private readonly read: ReadDatabase,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(CompletionReportService.name)
    private readonly logger: PinoLogger,
  ) {}

  async completion(
    context: RequestContext,
    query: CompletionReportQuery,
  ): Promise<CompletionReport | StreamableFile> {
    const now = this.clock.now();
    const scope: ReportScope = {
      filters: filtersOf(query),
      timeZone: this.config.clinicTimeZone,
      today: todayIn(this.config.clinicTimeZone, now),
    };
    if (query.format === 'pdf') {
      await this.checkPdfSize(scope);
    }
    // Recorded before a streaming client is taken: holding one pooled client while waiting for
    // another would let concurrent exports exhaust the pool and wait on each other forever.
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'report.completion',
        entityType: 'report',
        details: {
          format: query.format,
          filters: scope.filters,
          today: scope.today,
          ...(query.format === 'json' && {
            page: query.page,
            pageSize: query.pageSize,
          }),
          ...(query.format === 'csv' && { bom: query.bom }),
        },
      }),
    );
    switch (query.format) {
      case 'json':
        return this.json(scope, query, now);
      case 'csv':
        return this.csv(scope, query);
      case 'pdf':
        return this.pdf(context, scope, now);
    }
  }

  /** One page of rows and the summary of all of them, from one snapshot. */
  private json(
    scope: ReportScope,
    query: CompletionReportQuery,
    now: Date,
  ): Promise<CompletionReport> {
    const { page, pageSize } = query;
    const reads = this.read.dataSource;
    return reads.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(NO_JIT);
      const rows = completionRowsQuery(scope, { page, pageSize });
      const summary = completionSummaryQuery(scope);
      const turnaround = completionTurnaroundQuery(scope);
      const records = (await manager.query(rows.sql, [
        ...rows.params,
      ])) as CompletionReportRecord[];
      const [totals] = (await manager.query(summary.sql, [
        ...summary.params,
      ])) as [CompletionSummaryRecord];
      const kinds = (await manager.query(turnaround.sql, [
        ...turnaround.params,
      ])) as TurnaroundRecord[];
      const report = completionReportSummary(totals, kinds);
      return {
        filters: scope.filters,
        timeZone: scope.timeZone,
        today: scope.today,
        generatedAt: now.toISOString(),
        summary: report,
        items: records.map(completionReportRow),
        total: report.workups,
        page,
        pageSize,
      };
    });
  }

  /**
   * Every row as CSV text PostgreSQL writes (COPY), passed through as it comes: constant memory
   * whatever the row count, and no parsing or re-serialising in the API.
   */
  private async csv(
    scope: ReportScope,
    query: CompletionReportQuery,
  ): Promise<StreamableFile> {
    const snapshot = await ReportSnapshot.open(this.read.dataSource);
    let copy: Readable;
    try {
      copy = await snapshot.copyCsv(completionCsvQuery(scope), scope.timeZone);
    } catch (error) {
      snapshot.close(error as Error);
      throw error;
    }
    const csv = completionReportCopyCsv(copy, { bom: query.bom }, (error) =>
      this.streamEnded(snapshot, error),
    );
    return new StreamableFile(csv, {
      type: COMPLETION_REPORT_CSV_TYPE,
      disposition: `attachment; filename="${completionReportFilename(scope.filters.from, scope.filters.to, 'csv')}"`,
    });
  }

  /** The summary first, then every row from a cursor of the same snapshot, page by page. */
  private async pdf(
    context: RequestContext,
    scope: ReportScope,
    now: Date,
  ): Promise<StreamableFile> {
    const snapshot = await ReportSnapshot.open(this.read.dataSource);
    try {
      const [totals] = await snapshot.query<CompletionSummaryRecord>(
        completionSummaryQuery(scope),
      );
      const kinds = await snapshot.query<TurnaroundRecord>(
        completionTurnaroundQuery(scope),
      );
      const attendingName = await this.attendingName(snapshot, scope.filters);
      const records = snapshot.stream(completionRowsQuery(scope));
      const pdf = completionReportPdf(
        {
          filters: scope.filters,
          attendingName,
          timeZone: scope.timeZone,
          today: scope.today,
          generatedAt: now,
          generatedBy: context.actor?.displayName ?? 'unknown user',
          summary: completionReportSummary(totals ?? {}, kinds),
        },
        rowsOf(records),
      );
      finished(pdf, (error) => this.streamEnded(snapshot, error ?? null));
      return new StreamableFile(pdf, {
        type: COMPLETION_REPORT_PDF_TYPE,
        disposition: `attachment; filename="${completionReportFilename(scope.filters.from, scope.filters.to, 'pdf')}"`,
      });
    } catch (error) {
      snapshot.close(error as Error);
      throw error;
    }
  }

  /** Refuses a PDF of more rows than {@link PDF_MAX_ROWS}, before anything is disclosed. */
  private async checkPdfSize(scope: ReportScope): Promise<void> {
    const count = completionCountQuery(scope);
    const [{ workups }] = (await this.read.dataSource.query(count.sql, [
      ...count.params,
    ])) as [{ workups: number }];
    if (workups > PDF_MAX_ROWS) {
      throw DomainError.invalid(
        [
          {
            field: 'format',
            message: `a PDF holds at most ${PDF_MAX_ROWS} workups and ${workups} match: narrow the period or filters, or export CSV`,
          },
        ],
        'The report is too large for a PDF.',
      );
    }
  }

  private async attendingName(
    snapshot: ReportSnapshot,
    filters: CompletionReportFilters,
  ): Promise<string | null> {
    if (filters.attending === undefined) {
      return null;
    }
    const [user] = await snapshot.query<{ display_name: string }>({
      sql: 'SELECT display_name FROM users WHERE id = $1',
      params: [filters.attending],
    });
    return user?.display_name ?? null;
  }

  private streamEnded(
    snapshot: ReportSnapshot,
    error: NodeJS.ErrnoException | null,
  ): void {
    snapshot.close(error ?? undefined);
    // A client that goes away mid-download is routine; anything else is worth a look.
    if (error !== null && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      this.logger.warn({ err: error }, 'Completion report export failed');
    }
  }
}

/** The filters of a query, once they are known to make sense together; only those given. */
function filtersOf(query: CompletionReportQuery): CompletionReportFilters {
  if (query.from > query.to) {
    throw DomainError.invalid([
      { field: 'to', message: 'to must not be before from' },
    ]);
  }
  return {
    from: query.from,
    to: query.to,
    ...(query.attending !== undefined && { attending: query.attending }),
    ...(query.status !== undefined && { status: query.status }),
    ...(query.overall !== undefined && { overall: query.overall }),
  };
}

async function* rowsOf(
  records: AsyncIterable<CompletionReportRecord>,
): AsyncGenerator<CompletionReportRow> {
  for await (const record of records) {
    yield completionReportRow(record);
  }
}

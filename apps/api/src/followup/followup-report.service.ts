import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { FollowupReport, FollowupReportRow } from '@poems/contract';
import { DomainError, todayIn } from '@poems/domain';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { finished, type Readable } from 'node:stream';
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
} from '../reports/completion-report.csv';
import { PDF_MAX_ROWS } from '../reports/completion-report.pdf';
import { REPORT_PDF_TYPE } from '../reports/report-pdf';
import { NO_JIT, ReportSnapshot } from '../reports/report-snapshot';
import type { FollowupReportQuery } from './followup-report.dto';
import { followupReportPdf } from './followup-report.pdf';
import {
  followupCountQuery,
  followupCsvQuery,
  followupReportRowOf,
  followupReportSummaryOf,
  followupRowsQuery,
  followupSummaryQuery,
  type FollowupReportRecord,
  type FollowupReportScope,
  type FollowupSummaryRecord,
} from './followup-report.query';

/**
 * The follow-up report for auditors (patients in follow-up, instances done on time, late and
 * overdue, time points assessed per domain), as JSON, CSV or PDF, computed by PostgreSQL from the
 * stored instances and the report facts every follow-up change keeps (`followup-report-facts`):
 * no patient's follow-up is evaluated here, so the report scales with the database, not the API.
 * Every request is audited (`report.followup`) in a transaction of its own that commits before any
 * row is read.
 */
@Injectable()
export class FollowupReportService {
  constructor(
    private readonly dataSource: DataSource,
    /** Where the report's rows are read: a replica, if any. The audit event goes to the primary. */
    private readonly read: ReadDatabase,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectPinoLogger(FollowupReportService.name)
    private readonly logger: PinoLogger,
  ) {}

  async report(
    context: RequestContext,
    query: FollowupReportQuery,
  ): Promise<FollowupReport | StreamableFile> {
    const now = this.clock.now();
    const scope: FollowupReportScope = {
      today: todayIn(this.config.clinicTimeZone, now),
      timeZone: this.config.clinicTimeZone,
    };
    if (query.format === 'pdf') {
      await this.checkPdfSize();
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'report.followup',
        entityType: 'report',
        details: {
          format: query.format,
          ...(query.format === 'json'
            ? { page: query.page, pageSize: query.pageSize }
            : query.format === 'csv'
              ? { bom: query.bom }
              : {}),
        },
      }),
    );
    switch (query.format) {
      case 'json':
        return this.json(scope, query);
      case 'csv':
        return this.csv(scope, query);
      case 'pdf':
        return this.pdf(context, scope, now);
    }
  }

  /** One page of rows and the totals of all of them, from one snapshot. */
  private json(
    scope: FollowupReportScope,
    query: FollowupReportQuery,
  ): Promise<FollowupReport> {
    const { page, pageSize } = query;
    return this.read.dataSource.transaction(
      'REPEATABLE READ',
      async (manager) => {
        await manager.query(NO_JIT);
        const rows = followupRowsQuery(scope, { page, pageSize });
        const summary = followupSummaryQuery(scope);
        const records = (await manager.query(rows.sql, [
          ...rows.params,
        ])) as FollowupReportRecord[];
        const [totals] = (await manager.query(summary.sql, [
          ...summary.params,
        ])) as [FollowupSummaryRecord];
        return {
          asOf: scope.today,
          page,
          pageSize,
          total: totals.patients,
          rows: records.map(followupReportRowOf),
          summary: followupReportSummaryOf(totals),
        };
      },
    );
  }

  /** Every row as CSV text PostgreSQL writes (COPY), streamed as it comes: constant memory. */
  private async csv(
    scope: FollowupReportScope,
    query: FollowupReportQuery,
  ): Promise<StreamableFile> {
    const snapshot = await ReportSnapshot.open(this.read.dataSource);
    let copy: Readable;
    try {
      copy = await snapshot.copyCsv(followupCsvQuery(scope), scope.timeZone);
    } catch (error) {
      snapshot.close(error as Error);
      throw error;
    }
    const csv = completionReportCopyCsv(copy, { bom: query.bom }, (error) =>
      this.streamEnded(snapshot, error),
    );
    return new StreamableFile(csv, {
      type: COMPLETION_REPORT_CSV_TYPE,
      disposition: `attachment; filename="follow-up_${scope.today}.csv"`,
    });
  }

  /** The summary first, then every row from a cursor of the same snapshot, page by page. */
  private async pdf(
    context: RequestContext,
    scope: FollowupReportScope,
    now: Date,
  ): Promise<StreamableFile> {
    const snapshot = await ReportSnapshot.open(this.read.dataSource);
    try {
      const [totals] = await snapshot.query<FollowupSummaryRecord>(
        followupSummaryQuery(scope),
      );
      const records = snapshot.stream(followupRowsQuery(scope));
      const pdf = followupReportPdf(
        {
          asOf: scope.today,
          timeZone: scope.timeZone,
          generatedAt: now,
          generatedBy: context.actor?.displayName ?? 'unknown user',
          summary: followupReportSummaryOf(totals),
        },
        rowsOf(records),
      );
      finished(pdf, (error) => this.streamEnded(snapshot, error ?? null));
      return new StreamableFile(pdf, {
        type: REPORT_PDF_TYPE,
        disposition: `attachment; filename="follow-up_${scope.today}.pdf"`,
      });
    } catch (error) {
      snapshot.close(error as Error);
      throw error;
    }
  }

  /** Refuses a PDF of more rows than {@link PDF_MAX_ROWS}, before anything is disclosed. */
  private async checkPdfSize(): Promise<void> {
    const count = followupCountQuery();
    const [{ patients }] = (await this.read.dataSource.query(count.sql, [
      ...count.params,
    ])) as [{ patients: number }];
    if (patients > PDF_MAX_ROWS) {
      throw DomainError.invalid(
        [
          {
            field: 'format',
            message: `a PDF holds at most ${PDF_MAX_ROWS} patients and ${patients} are in follow-up: export CSV`,
          },
        ],
        'The report is too large for a PDF.',
      );
    }
  }

  private streamEnded(
    snapshot: ReportSnapshot,
    error: NodeJS.ErrnoException | null,
  ): void {
    snapshot.close(error ?? undefined);
    // A client that goes away mid-download is routine; anything else is worth a look.
    if (error !== null && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
      this.logger.warn({ err: error }, 'Follow-up report export failed');
    }
  }
}

async function* rowsOf(
  records: AsyncIterable<FollowupReportRecord>,
): AsyncGenerator<FollowupReportRow> {
  for await (const record of records) {
    yield followupReportRowOf(record);
  }
}

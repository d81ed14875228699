import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { FollowupReport } from '@poems/contract';
import { todayIn } from '@poems/domain';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Readable } from 'node:stream';
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
import { NO_JIT, ReportSnapshot } from '../reports/report-snapshot';
import type { FollowupReportQuery } from './followup-report.dto';
import {
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
 * overdue, time points assessed per domain), as JSON or CSV, computed by PostgreSQL from the
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
    const scope: FollowupReportScope = {
      today: todayIn(this.config.clinicTimeZone, this.clock.now()),
      timeZone: this.config.clinicTimeZone,
    };
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'report.followup',
        entityType: 'report',
        details: {
          format: query.format,
          ...(query.format === 'json'
            ? { page: query.page, pageSize: query.pageSize }
            : { bom: query.bom }),
        },
      }),
    );
    return query.format === 'csv'
      ? this.csv(scope, query)
      : this.json(scope, query);
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
    const csv = completionReportCopyCsv(copy, { bom: query.bom }, (error) => {
      snapshot.close(error ?? undefined);
      // A client that goes away mid-download is routine; anything else is worth a look.
      if (error !== null && error.code !== 'ERR_STREAM_PREMATURE_CLOSE') {
        this.logger.warn({ err: error }, 'Follow-up report export failed');
      }
    });
    return new StreamableFile(csv, {
      type: COMPLETION_REPORT_CSV_TYPE,
      disposition: `attachment; filename="follow-up_${scope.today}.csv"`,
    });
  }
}

import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import type { FollowupReport, FollowupReportRow } from '@poems/contract';
import { stringify } from 'csv-stringify';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import type { FollowupReportQuery } from './followup-report.dto';
import {
  FOLLOWUP_REPORT_COLUMNS,
  followupReportRecord,
  followupReportRow,
  followupReportSummary,
  type ReportPatient,
} from './followup-report';
import { FollowupService } from './followup.service';

/**
 * The follow-up report for auditors (patients in follow-up, instances done on time, late and
 * overdue, time points assessed per domain), as JSON or CSV. Rows come from each patient's
 * follow-up evaluated as the patient page evaluates it, in one repeatable-read snapshot, so the
 * page and the summary agree. Every request is audited (`report.followup`) before any row is read.
 */
@Injectable()
export class FollowupReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly followup: FollowupService,
    private readonly audit: AuditWriter,
  ) {}

  async report(
    context: RequestContext,
    query: FollowupReportQuery,
  ): Promise<FollowupReport | StreamableFile> {
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
    const { asOf, rows } = await this.rows();
    if (query.format === 'csv') {
      const csv = stringify({
        header: true,
        columns: [...FOLLOWUP_REPORT_COLUMNS],
        bom: query.bom,
        // A text starting with =, +, -, @ is never run as a spreadsheet formula (CSV injection).
        escape_formulas: true,
      });
      Readable.from(rows.map(followupReportRecord)).pipe(csv);
      return new StreamableFile(csv, {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="follow-up_${asOf}.csv"`,
      });
    }
    const start = (query.page - 1) * query.pageSize;
    return {
      asOf,
      page: query.page,
      pageSize: query.pageSize,
      total: rows.length,
      rows: rows.slice(start, start + query.pageSize),
      summary: followupReportSummary(rows),
    };
  }

  /** Every patient with a signed-off diagnosis, by diagnosis date, from one snapshot. */
  private rows(): Promise<{ asOf: string; rows: FollowupReportRow[] }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const patients = (await manager.query(
        `SELECT p.id AS "patientId", p.mrn, p.family_name AS "familyName",
                p.given_name AS "givenName", d.diagnosis_date::text AS "diagnosisDate"
           FROM diagnoses d JOIN patients p ON p.id = d.patient_id
          ORDER BY d.diagnosis_date, p.mrn`,
      )) as ReportPatient[];
      const rows: FollowupReportRow[] = [];
      let asOf = '';
      // One after another: the reads share the transaction's connection.
      for (const patient of patients) {
        const view = await this.followup.viewIn(manager, patient.patientId);
        asOf = view.asOf;
        rows.push(followupReportRow(patient, view));
      }
      return { asOf: asOf || this.followup.today(), rows };
    });
  }
}

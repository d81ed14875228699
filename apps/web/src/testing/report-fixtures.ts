import {
  PERCENT_COMPLETE_BINS,
  type AuditEventView,
  type CompletionReport,
  type CompletionReportRow,
  type CompletionReportSummary,
} from '@poems/contract';
import type { FileSaver } from '../app/core/download/file-saver';

/**
 * The summary of three workups opened 10–15 Jan 2030 in Auckland, as the API's integration test
 * computes it by hand (apps/api/src/reports/completion-report.int-spec.ts).
 */
export function aReportSummary(
  overrides: Partial<CompletionReportSummary> = {},
): CompletionReportSummary {
  return {
    workups: 3,
    byStatus: { open: 1, closed: 2 },
    byOverall: {
      criteria_met: 1,
      criteria_not_met: 1,
      indeterminate: 0,
      incomplete: 1,
    },
    items: {
      total: 49,
      done: 6,
      closed: 8,
      overdue: 3,
      cancelled: 1,
      notIndicated: 1,
    },
    workupsWithOverdueItems: 1,
    completion: { closedWorkups: 2, medianDaysToCompletion: 3 },
    criteriaMet: { workups: 1, medianDaysToCriteriaMet: 2 },
    turnaround: [
      { kind: 'lab', items: 2, medianDays: 2 },
      { kind: 'imaging', items: 1, medianDays: 3.5 },
      { kind: 'procedure', items: 0, medianDays: null },
      { kind: 'study', items: 1, medianDays: 2 },
      { kind: 'exam', items: 0, medianDays: null },
    ],
    byPercentComplete: PERCENT_COMPLETE_BINS.map((bin) => ({
      ...bin,
      workups: bin.fromPercent === 0 ? 2 : bin.fromPercent === 20 ? 1 : 0,
    })),
    overdueByWeek: [
      { week: '2030-W01', weekStart: '2029-12-31', items: 1 },
      { week: '2030-W03', weekStart: '2030-01-14', items: 2 },
    ],
    byAttending: [
      { attendingId: ATTENDING_ID, attendingName: 'Dr Attending', workups: 3 },
    ],
    ...overrides,
  };
}

export const ATTENDING_ID = '0b8a2a55-7f3e-4a51-9d1e-2c51f5a0c0de';

/** A row of the report with valid defaults. */
export function aReportRow(
  overrides: Partial<CompletionReportRow> = {},
): CompletionReportRow {
  return {
    workupId: 'w-1',
    patientId: 'p-1',
    mrn: 'MRN-0001',
    patientName: 'Lovelace, Ada',
    attendingId: ATTENDING_ID,
    attendingName: 'Dr Attending',
    status: 'open',
    openedAt: '2030-01-12T01:00:00.000Z',
    openedOn: '2030-01-12',
    closedAt: null,
    closedOn: null,
    daysOpen: 4,
    itemsTotal: 17,
    itemsDone: 1,
    itemsClosed: 3,
    itemsOverdue: 3,
    itemsCancelled: 1,
    itemsNotIndicated: 1,
    percentComplete: 6,
    overall: 'incomplete',
    criteriaFirstMetAt: null,
    daysToCriteriaMet: null,
    signOff: 'none',
    signedOffAt: null,
    signedOffById: null,
    signedOffByName: null,
    signOffOutdatedSince: null,
    ...overrides,
  };
}

/** A `GET /api/reports/completion` answer. */
export function aCompletionReport(
  overrides: Partial<CompletionReport> = {},
): CompletionReport {
  return {
    filters: { from: '2030-01-10', to: '2030-01-15' },
    timeZone: 'UTC',
    today: '2030-01-16',
    generatedAt: '2030-01-16T08:00:00.000Z',
    summary: aReportSummary(),
    items: [aReportRow()],
    total: 3,
    page: 1,
    pageSize: 25,
    ...overrides,
  };
}

/** An audit event with valid defaults. */
export function anAuditEvent(
  overrides: Partial<AuditEventView> = {},
): AuditEventView {
  return {
    id: '42',
    occurredAt: '2030-01-15T09:30:00.000Z',
    actorId: 'u-hematologist',
    actorUsername: 'hematologist',
    actorRole: 'hematologist',
    action: 'item.schedule',
    outcome: 'success',
    patientId: '6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f',
    entityType: 'workup_item',
    entityId: 'w-1/cbc',
    diff: {
      status: { from: 'ordered', to: 'scheduled' },
      location: { from: null, to: 'Room 2' },
    },
    requestId: 'req-1',
    clientIp: '10.0.0.7',
    details: { itemKey: 'cbc' },
    ...overrides,
  };
}

/**
 * Stands in for {@link FileSaver} (`{ provide: FileSaver, useValue: saver }`): keeps what would
 * have been saved instead of handing it to a browser's downloads.
 */
export class RecordingFileSaver implements Pick<FileSaver, 'save'> {
  readonly saved: { readonly filename: string; readonly blob: Blob }[] = [];

  save(blob: Blob, filename: string): void {
    this.saved.push({ filename, blob });
  }
}

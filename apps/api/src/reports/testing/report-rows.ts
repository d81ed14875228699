import {
  PERCENT_COMPLETE_BINS,
  type CompletionReportRow,
  type CompletionReportSummary,
} from '@poems/contract';
import type { CompletionReportRecord } from '../completion-report.query';

/** A database record of the report with valid defaults. */
export function aReportRecord(
  overrides: Partial<CompletionReportRecord> = {},
): CompletionReportRecord {
  return {
    workup_id: '00000000-0000-4000-8000-000000000001',
    patient_id: '00000000-0000-4000-8000-000000000002',
    mrn: 'MRN-1',
    family_name: 'Lovelace',
    given_name: 'Ada',
    attending_id: null,
    attending_name: null,
    status: 'open',
    opened_at: new Date('2030-01-02T09:00:00Z'),
    opened_on: '2030-01-02',
    closed_at: null,
    closed_on: null,
    days_open: 3,
    items_total: 16,
    items_done: 2,
    items_closed: 3,
    items_overdue: 1,
    items_cancelled: 1,
    items_not_indicated: 0,
    overall: 'incomplete',
    criteria_first_met_at: null,
    days_to_criteria_met: null,
    signed_off_at: null,
    signed_off_by: null,
    signed_off_by_name: null,
    sign_off_outdated_at: null,
    ...overrides,
  };
}

/** A report row with valid defaults. */
export function aReportRow(
  overrides: Partial<CompletionReportRow> = {},
): CompletionReportRow {
  return {
    workupId: '00000000-0000-4000-8000-000000000001',
    patientId: '00000000-0000-4000-8000-000000000002',
    mrn: 'MRN-1',
    patientName: 'Lovelace, Ada',
    attendingId: null,
    attendingName: 'Dr Attending',
    status: 'open',
    openedAt: '2030-01-02T09:00:00.000Z',
    openedOn: '2030-01-02',
    closedAt: null,
    closedOn: null,
    daysOpen: 3,
    itemsTotal: 16,
    itemsDone: 2,
    itemsClosed: 3,
    itemsOverdue: 1,
    itemsCancelled: 1,
    itemsNotIndicated: 0,
    percentComplete: 13,
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

/** A summary of `workups` rows with plausible numbers. */
export function aReportSummary(workups: number): CompletionReportSummary {
  return {
    workups,
    byStatus: { open: workups, closed: 0 },
    byOverall: {
      criteria_met: 0,
      criteria_not_met: 0,
      indeterminate: 0,
      incomplete: workups,
    },
    items: {
      total: 16 * workups,
      done: 2 * workups,
      closed: 3 * workups,
      overdue: workups,
      cancelled: workups,
      notIndicated: 0,
    },
    workupsWithOverdueItems: workups,
    completion: { closedWorkups: 0, medianDaysToCompletion: null },
    criteriaMet: { workups: 0, medianDaysToCriteriaMet: null },
    turnaround: [
      { kind: 'lab', items: 4, medianDays: 2.5 },
      { kind: 'imaging', items: 0, medianDays: null },
      { kind: 'procedure', items: 0, medianDays: null },
      { kind: 'study', items: 0, medianDays: null },
      { kind: 'exam', items: 0, medianDays: null },
    ],
    byPercentComplete: PERCENT_COMPLETE_BINS.map((bin) => ({
      ...bin,
      workups: bin.fromPercent === 10 ? workups : 0,
    })),
    overdueByWeek:
      workups === 0
        ? []
        : [{ week: '2030-W01', weekStart: '2029-12-31', items: workups }],
    byAttending:
      workups === 0
        ? []
        : [{ attendingId: null, attendingName: null, workups }],
  };
}

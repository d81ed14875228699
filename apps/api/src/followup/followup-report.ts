import { isDone, RESPONSE_DOMAINS } from '@poems/domain';
import {
  type AssessedByDomain,
  type FollowupReportRow,
  type FollowupReportSummary,
  type FollowupView,
} from '@poems/contract';

/** A patient in follow-up as the report's query lists them. */
export interface ReportPatient {
  readonly patientId: string;
  readonly mrn: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly diagnosisDate: string;
}

const noneAssessed = (): Record<keyof AssessedByDomain, number> => ({
  vegf: 0,
  hematologic: 0,
  radiographic: 0,
  neurological: 0,
});

/**
 * A patient's report row from their follow-up as the API evaluates it today, so the report counts
 * exactly what the patient page shows: done on time = closed by a result dated on or before the
 * due date; overdue = the one overdue rule's `dueState`; assessed = time points whose domain has a
 * category (not evaluable included), over every line.
 */
export function followupReportRow(
  patient: ReportPatient,
  view: FollowupView,
): FollowupReportRow {
  const resultDates = new Map(view.results.map((r) => [r.id, r.date]));
  let doneOnTime = 0;
  let doneLate = 0;
  let overdue = 0;
  let open = 0;
  let cancelled = 0;
  for (const i of view.instances.filter((x) => x.active)) {
    if (isDone(i.status)) {
      const on =
        i.closedByResultId === null
          ? undefined
          : resultDates.get(i.closedByResultId);
      if (on !== undefined && on > i.dueDate) {
        doneLate++;
      } else {
        doneOnTime++;
      }
    } else if (i.dueState === 'overdue') {
      overdue++;
    } else if (i.dueState === 'closed') {
      cancelled++;
    } else {
      open++;
    }
  }
  const assessed = noneAssessed();
  for (const line of view.evaluation?.lines ?? []) {
    for (const tp of line.timePoints) {
      for (const d of tp.domains) {
        if (d.status === 'assessed') {
          assessed[d.domain]++;
        }
      }
    }
  }
  const lines = view.evaluation?.lines ?? [];
  const latest = lines[lines.length - 1];
  return {
    ...patient,
    lines: view.lines.length,
    currentRegimen: view.lines[view.lines.length - 1]?.regimenClass ?? null,
    doneOnTime,
    doneLate,
    overdue,
    open,
    cancelled,
    assessed,
    event: latest?.event?.kind ?? null,
  };
}

/** The totals of every row. */
export function followupReportSummary(
  rows: readonly FollowupReportRow[],
): FollowupReportSummary {
  const assessed = noneAssessed();
  const sum = (pick: (r: FollowupReportRow) => number): number =>
    rows.reduce((n, r) => n + pick(r), 0);
  for (const domain of RESPONSE_DOMAINS) {
    assessed[domain] = sum((r) => r.assessed[domain]);
  }
  return {
    patients: rows.length,
    doneOnTime: sum((r) => r.doneOnTime),
    doneLate: sum((r) => r.doneLate),
    overdue: sum((r) => r.overdue),
    open: sum((r) => r.open),
    cancelled: sum((r) => r.cancelled),
    assessed,
    relapses: rows.filter((r) => r.event === 'relapse').length,
    progressions: rows.filter((r) => r.event === 'progression').length,
  };
}

/** The CSV columns: the JSON row flattened, assessed counts one column per domain. */
export const FOLLOWUP_REPORT_COLUMNS = [
  'patientId',
  'mrn',
  'familyName',
  'givenName',
  'diagnosisDate',
  'lines',
  'currentRegimen',
  'doneOnTime',
  'doneLate',
  'overdue',
  'open',
  'cancelled',
  'assessedVegf',
  'assessedHematologic',
  'assessedRadiographic',
  'assessedNeurological',
  'event',
] as const;

/** A row as a CSV record (null as an empty field). */
export function followupReportRecord(
  row: FollowupReportRow,
): Record<(typeof FOLLOWUP_REPORT_COLUMNS)[number], string | number | null> {
  const { assessed, ...rest } = row;
  return {
    ...rest,
    assessedVegf: assessed.vegf,
    assessedHematologic: assessed.hematologic,
    assessedRadiographic: assessed.radiographic,
    assessedNeurological: assessed.neurological,
  };
}

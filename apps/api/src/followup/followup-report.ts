import { isDone } from '@poems/domain';
import {
  type AssessedByDomain,
  type FollowupReportRow,
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
 * The reference definition of a patient's report row, from their follow-up as the patient page
 * evaluates it: the report itself is computed in SQL (`followup-report.query`) and an integration
 * test holds the two equal, on the day and on later days. done on time = closed by a result dated on or before the
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

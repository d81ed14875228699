import { DONE_STATUSES, OPEN_STATUSES, RESPONSE_DOMAINS } from '@poems/domain';
import type { FollowupReportRow, FollowupReportSummary } from '@poems/contract';
import { FORMULA_STARTS } from '../reports/completion-report.copy-sql';
import type { SqlQuery } from '../reports/completion-report.query';
import { FOLLOWUP_REPORT_COLUMNS } from './followup-report';

/** The day the report is as of and the clock results' instants are read on. */
export interface FollowupReportScope {
  /** The clinic's today. */
  readonly today: string;
  readonly timeZone: string;
}

const quoted = (values: readonly string[]): string =>
  values.map((v) => `'${v}'`).join(', ');

/**
 * One row per patient with a signed-off diagnosis, computed in SQL from the stored instances,
 * lines and report facts (`followup_report_facts`, `followup_assessed_time_points`), as
 * `followupReportRow` computes it from the evaluated follow-up: done = a done status, late when
 * the result that closed it is dated after the due date (a workup result on the clinic's clock);
 * overdue = the domain's overdue rule (open and due before today, as the worklist's SQL); cancelled
 * = cancelled or not indicated; assessed = the time points assessed when the facts were written
 * plus those whose range has ended since. $1 is today, $2 the clinic's time zone.
 */
const ROWS = `
  WITH closed_on AS (
    SELECT i.patient_id, i.status, i.due_date,
           coalesce(r.performed_on, (w.performed_at AT TIME ZONE $2::text)::date) AS result_on
      FROM followup_instances i
      LEFT JOIN followup_results r ON r.id = i.closed_by_result_id::uuid
      LEFT JOIN workup_items w ON w.id = i.closed_by_result_id::uuid AND r.id IS NULL
     WHERE i.active
  ), instances AS (
    SELECT patient_id,
           count(*) FILTER (WHERE status IN (${quoted(DONE_STATUSES)})
                              AND NOT coalesce(result_on > due_date, false))::int AS done_on_time,
           count(*) FILTER (WHERE status IN (${quoted(DONE_STATUSES)})
                              AND result_on > due_date)::int AS done_late,
           count(*) FILTER (WHERE status IN (${quoted(OPEN_STATUSES)})
                              AND due_date < $1::date)::int AS overdue,
           count(*) FILTER (WHERE status IN (${quoted(OPEN_STATUSES)})
                              AND due_date >= $1::date)::int AS open,
           count(*) FILTER (WHERE status IN ('cancelled', 'not_indicated'))::int AS cancelled
      FROM closed_on GROUP BY patient_id
  ), lines AS (
    SELECT patient_id, count(*)::int AS lines,
           (array_agg(regimen_class ORDER BY line_number DESC))[1] AS current_regimen
      FROM treatment_lines GROUP BY patient_id
  ), assessed AS (
    SELECT patient_id,
           ${RESPONSE_DOMAINS.map(
             (
               d,
             ) => `coalesce(sum(assessed + (SELECT count(*) FROM unnest(assessed_later) later
                              WHERE later <= $1::date)) FILTER (WHERE domain = '${d}'), 0)::int AS ${d}`,
           ).join(',\n           ')}
      FROM followup_assessed_time_points GROUP BY patient_id
  )
  SELECT p.id AS patient_id, p.mrn, p.family_name, p.given_name,
         d.diagnosis_date::text AS diagnosis_date,
         coalesce(l.lines, 0) AS lines, l.current_regimen,
         coalesce(i.done_on_time, 0) AS done_on_time, coalesce(i.done_late, 0) AS done_late,
         coalesce(i.overdue, 0) AS overdue, coalesce(i.open, 0) AS open,
         coalesce(i.cancelled, 0) AS cancelled,
         ${RESPONSE_DOMAINS.map((d) => `coalesce(a.${d}, 0) AS assessed_${d}`).join(', ')},
         f.event
    FROM diagnoses d
    JOIN patients p ON p.id = d.patient_id
    LEFT JOIN lines l ON l.patient_id = d.patient_id
    LEFT JOIN instances i ON i.patient_id = d.patient_id
    LEFT JOIN assessed a ON a.patient_id = d.patient_id
    LEFT JOIN followup_report_facts f ON f.patient_id = d.patient_id`;

const ORDER = 'ORDER BY r.diagnosis_date, r.mrn, r.patient_id';

/** A report row as PostgreSQL returns it. */
export interface FollowupReportRecord {
  readonly patient_id: string;
  readonly mrn: string;
  readonly family_name: string;
  readonly given_name: string;
  readonly diagnosis_date: string;
  readonly lines: number;
  readonly current_regimen: string | null;
  readonly done_on_time: number;
  readonly done_late: number;
  readonly overdue: number;
  readonly open: number;
  readonly cancelled: number;
  readonly assessed_vegf: number;
  readonly assessed_hematologic: number;
  readonly assessed_radiographic: number;
  readonly assessed_neurological: number;
  readonly event: 'relapse' | 'progression' | null;
}

/** The report's totals as PostgreSQL returns them. */
export type FollowupSummaryRecord = Omit<
  FollowupReportRecord,
  | 'patient_id'
  | 'mrn'
  | 'family_name'
  | 'given_name'
  | 'diagnosis_date'
  | 'lines'
  | 'current_regimen'
  | 'event'
> & {
  readonly patients: number;
  readonly relapses: number;
  readonly progressions: number;
};

const params = (scope: FollowupReportScope): unknown[] => [
  scope.today,
  scope.timeZone,
];

/** One page of rows (every row without a page), by diagnosis date. */
export function followupRowsQuery(
  scope: FollowupReportScope,
  page?: { readonly page: number; readonly pageSize: number },
): SqlQuery {
  const limit =
    page === undefined
      ? ''
      : ` LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`;
  return {
    sql: `SELECT r.* FROM (${ROWS}) r ${ORDER}${limit}`,
    params: params(scope),
  };
}

/** The number of rows, without computing them. */
export function followupCountQuery(): SqlQuery {
  return {
    sql: `SELECT count(*)::int AS patients
            FROM diagnoses d JOIN patients p ON p.id = d.patient_id`,
    params: [],
  };
}

/** The totals of every row. */
export function followupSummaryQuery(scope: FollowupReportScope): SqlQuery {
  const sum = (column: string): string =>
    `coalesce(sum(r.${column}), 0)::int AS ${column}`;
  return {
    sql: `SELECT count(*)::int AS patients,
                 ${[
                   'done_on_time',
                   'done_late',
                   'overdue',
                   'open',
                   'cancelled',
                   ...RESPONSE_DOMAINS.map((d) => `assessed_${d}`),
                 ]
                   .map(sum)
                   .join(', ')},
                 (count(*) FILTER (WHERE r.event = 'relapse'))::int AS relapses,
                 (count(*) FILTER (WHERE r.event = 'progression'))::int AS progressions
            FROM (${ROWS}) r`,
    params: params(scope),
  };
}

/**
 * The rows for `COPY … TO STDOUT WITH (FORMAT csv, HEADER)`, each column the text the CSV holds:
 * the JSON row's keys as the header, null as an empty field, names with a formula start defused
 * with a leading `'` (as csv-stringify's `escape_formulas` did).
 */
export function followupCsvQuery(scope: FollowupReportScope): SqlQuery {
  const formulas = `$3`;
  const text = (expression: string): string => {
    const v = `nullif(${expression}, '')`;
    return `CASE WHEN left(${v}, 1) = ANY(${formulas}::text[]) THEN '''' || ${v} ELSE ${v} END`;
  };
  const columns: Readonly<
    Record<(typeof FOLLOWUP_REPORT_COLUMNS)[number], string>
  > = {
    patientId: 'r.patient_id',
    mrn: text('r.mrn'),
    familyName: text('r.family_name'),
    givenName: text('r.given_name'),
    diagnosisDate: 'r.diagnosis_date',
    lines: 'r.lines',
    currentRegimen: 'r.current_regimen',
    doneOnTime: 'r.done_on_time',
    doneLate: 'r.done_late',
    overdue: 'r.overdue',
    open: 'r.open',
    cancelled: 'r.cancelled',
    assessedVegf: 'r.assessed_vegf',
    assessedHematologic: 'r.assessed_hematologic',
    assessedRadiographic: 'r.assessed_radiographic',
    assessedNeurological: 'r.assessed_neurological',
    event: 'r.event',
  };
  const list = FOLLOWUP_REPORT_COLUMNS.map(
    (column) => `${columns[column]} AS "${column}"`,
  ).join(', ');
  return {
    sql: `SELECT ${list} FROM (${ROWS}) r ${ORDER}`,
    params: [...params(scope), FORMULA_STARTS],
  };
}

/** A record as the JSON row. */
export function followupReportRowOf(
  r: FollowupReportRecord,
): FollowupReportRow {
  return {
    patientId: r.patient_id,
    mrn: r.mrn,
    familyName: r.family_name,
    givenName: r.given_name,
    diagnosisDate: r.diagnosis_date,
    lines: r.lines,
    currentRegimen: r.current_regimen,
    doneOnTime: r.done_on_time,
    doneLate: r.done_late,
    overdue: r.overdue,
    open: r.open,
    cancelled: r.cancelled,
    assessed: {
      vegf: r.assessed_vegf,
      hematologic: r.assessed_hematologic,
      radiographic: r.assessed_radiographic,
      neurological: r.assessed_neurological,
    },
    event: r.event,
  };
}

/** The totals as the JSON summary. */
export function followupReportSummaryOf(
  s: FollowupSummaryRecord,
): FollowupReportSummary {
  return {
    patients: s.patients,
    doneOnTime: s.done_on_time,
    doneLate: s.done_late,
    overdue: s.overdue,
    open: s.open,
    cancelled: s.cancelled,
    assessed: {
      vegf: s.assessed_vegf,
      hematologic: s.assessed_hematologic,
      radiographic: s.assessed_radiographic,
      neurological: s.assessed_neurological,
    },
    relapses: s.relapses,
    progressions: s.progressions,
  };
}

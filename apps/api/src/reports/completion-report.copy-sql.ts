import {
  completionRowsQuery,
  COMPLETION_REPORT_COLUMNS,
} from './completion-report.query';
import type { ReportScope, SqlQuery } from './completion-report.query';

type Column = (typeof COMPLETION_REPORT_COLUMNS)[number];

/**
 * Leading characters a spreadsheet reads as the start of a formula (OWASP "CSV injection"), the
 * list csv-stringify's `escape_formulas` uses: such a value is written with a leading `'`.
 */
export const FORMULA_STARTS = [
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\uFF1D',
  '\uFF0B',
  '\uFF0D',
  '\uFF20',
] as const;

/**
 * The completion report's CSV rows as one SELECT for `COPY … TO STDOUT WITH (FORMAT csv, HEADER)`:
 * the rows of {@link completionRowsQuery}, each column already the text the CSV holds — instants
 * on the clinic clock with its offset (the session's TimeZone must be the clinic's), null and
 * empty text as an empty field, formulas defused. Column names are the JSON row's keys.
 */
export function completionCsvQuery(scope: ReportScope): SqlQuery {
  const rows = completionRowsQuery(scope);
  const formulas = `$${rows.params.length + 1}`;
  // Free text and numbers that could be negative get the formula check; ids, dates, instants,
  // counts and the fixed words never start with one of those characters, nor are ever empty.
  const text = (expression: string): string => {
    const v = `nullif((${expression})::text, '')`;
    return `CASE WHEN left(${v}, 1) = ANY(${formulas}::text[]) THEN '''' || ${v} ELSE ${v} END`;
  };
  const instant = (expression: string): string =>
    `to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')`;
  const expected = 'r.items_total - r.items_closed + r.items_done';
  const columns: Readonly<Record<Column, string>> = {
    workupId: 'r.workup_id',
    patientId: 'r.patient_id',
    mrn: text('r.mrn'),
    patientName: text(`r.family_name || ', ' || r.given_name`),
    attendingId: 'r.attending_id',
    attendingName: text('r.attending_name'),
    status: 'r.status',
    openedAt: instant('r.opened_at'),
    openedOn: 'r.opened_on',
    closedAt: instant('r.closed_at'),
    closedOn: 'r.closed_on',
    daysOpen: text('r.days_open'),
    itemsTotal: 'r.items_total',
    itemsDone: 'r.items_done',
    itemsClosed: 'r.items_closed',
    itemsOverdue: 'r.items_overdue',
    itemsCancelled: 'r.items_cancelled',
    itemsNotIndicated: 'r.items_not_indicated',
    // completionFromCounts' Math.round in integer arithmetic, as the summary's bins compute it.
    percentComplete: `CASE WHEN r.items_total = 0 THEN 0 WHEN ${expected} = 0 THEN 100
      ELSE (200 * r.items_done + (${expected})) / (2 * (${expected})) END`,
    overall: 'r.overall',
    criteriaFirstMetAt: instant('r.criteria_first_met_at'),
    daysToCriteriaMet: text('r.days_to_criteria_met'),
    signOff: `CASE WHEN r.signed_off_at IS NULL THEN 'none'
      WHEN r.sign_off_outdated_at IS NULL THEN 'current' ELSE 'outdated' END`,
    signedOffAt: instant('r.signed_off_at'),
    signedOffById: 'r.signed_off_by',
    signedOffByName: text('r.signed_off_by_name'),
    signOffOutdatedSince: instant('r.sign_off_outdated_at'),
  };
  const list = COMPLETION_REPORT_COLUMNS.map(
    (column) => `${columns[column]} AS "${column}"`,
  ).join(', ');
  return {
    sql: `SELECT ${list} FROM (${rows.sql}) r ORDER BY r.opened_at, r.workup_id`,
    params: [...rows.params, FORMULA_STARTS],
  };
}

/**
 * The statement with its parameters written in as literals: COPY takes no bind parameters.
 * `escapeLiteral` is the driver's quoting of a string literal.
 */
export function inlineParams(
  query: SqlQuery,
  escapeLiteral: (text: string) => string,
): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) {
      return 'NULL';
    }
    if (typeof value === 'number' || typeof value === 'boolean') {
      return String(value);
    }
    if (Array.isArray(value)) {
      return escapeLiteral(
        `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`,
      );
    }
    return escapeLiteral(
      value instanceof Date ? value.toISOString() : String(value),
    );
  };
  return query.sql.replace(/\$(\d+)/g, (_, n: string) =>
    literal(query.params[Number(n) - 1]),
  );
}

import {
  CLOSED_STATUSES,
  completionFromCounts,
  DONE_STATUSES,
  ITEM_KINDS,
  PROTOCOLS,
  type ItemKind,
  type Overall,
} from '@poems/domain';
import {
  OVERALL_RESULTS,
  PERCENT_COMPLETE_BINS,
  WORKUP_STATUSES,
  type AttendingWorkups,
  type CompletionReportFilters,
  type CompletionReportRow,
  type CompletionReportSummary,
  type ItemKindTurnaround,
  type OverdueWeek,
  type PercentCompleteBin,
  type WorkupStatus,
} from '@poems/contract';
import { overdueSql } from '../common/sql/due-date.sql';

/**
 * The one definition of the completion report's numbers. JSON, CSV and PDF all read the rows,
 * summary and turnaround from the queries built here, so the three formats cannot disagree.
 *
 * - Scope: workups opened between `from` and `to` (clinic dates, inclusive, in the clinic's time
 *   zone), narrowed by attending, status and overall when given.
 * - Item counts: active items only, from one aggregate per workup in the same statement (a
 *   LATERAL subquery), never a query per row. Overdue is the domain rule (`dueState`): an open
 *   status and a due date before the clinic's today.
 * - Days: calendar days in the clinic's time zone. Days open run to the closing date, or to today
 *   while the workup is open. Days to completion are the days open of closed workups.
 * - Turnaround: for each done item, days from the first of its `order`, `schedule` or `perform`
 *   steps or its performed time to the time its result in force was recorded (`resulted_at`), when
 *   that start came first. An item resulted with a performed time but never ordered counts too.
 * - Sign-off: the workup's latest sign-off as copied onto the workup by the sign-off and by
 *   whatever outdates it (`signed_off_at`, `signed_off_by`, `sign_off_outdated_at`), so a row needs
 *   no probe of the sign-off table.
 * - Breakdowns of the summary: workups by percent complete (the rows' rounding), overdue items by
 *   the ISO week of their due date (the same overdue predicate as the counts), workups per
 *   attending.
 */

/** One run of the report: the filters, and the clinic calendar its dates and overdue use. */
export interface ReportScope {
  readonly filters: CompletionReportFilters;
  readonly timeZone: string;
  /** The clinic's today, `YYYY-MM-DD`. */
  readonly today: string;
}

/** SQL text with its positional parameters. */
export interface SqlQuery {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** A report row as PostgreSQL returns it. */
export interface CompletionReportRecord {
  readonly workup_id: string;
  readonly patient_id: string;
  readonly mrn: string;
  readonly family_name: string;
  readonly given_name: string;
  readonly attending_id: string | null;
  readonly attending_name: string | null;
  readonly status: WorkupStatus;
  readonly opened_at: Date;
  readonly opened_on: string;
  readonly closed_at: Date | null;
  readonly closed_on: string | null;
  readonly days_open: number;
  readonly items_total: number;
  readonly items_done: number;
  readonly items_closed: number;
  readonly items_overdue: number;
  readonly items_cancelled: number;
  readonly items_not_indicated: number;
  readonly overall: Overall;
  readonly criteria_first_met_at: Date | null;
  readonly days_to_criteria_met: number | null;
  readonly signed_off_at: Date | null;
  readonly signed_off_by: string | null;
  readonly signed_off_by_name: string | null;
  readonly sign_off_outdated_at: Date | null;
}

/** The columns of a report row, in the order the CSV export writes them. */
export const COMPLETION_REPORT_COLUMNS = [
  'workupId',
  'patientId',
  'mrn',
  'patientName',
  'attendingId',
  'attendingName',
  'status',
  'openedAt',
  'openedOn',
  'closedAt',
  'closedOn',
  'daysOpen',
  'itemsTotal',
  'itemsDone',
  'itemsClosed',
  'itemsOverdue',
  'itemsCancelled',
  'itemsNotIndicated',
  'percentComplete',
  'overall',
  'criteriaFirstMetAt',
  'daysToCriteriaMet',
  'signOff',
  'signedOffAt',
  'signedOffById',
  'signedOffByName',
  'signOffOutdatedSince',
] as const satisfies readonly (keyof CompletionReportRow)[];

/** Positional parameters, each value bound once however often the SQL uses it. */
class Params {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();

  /** The placeholder of a value, `$n`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** The placeholder of a value shared under a name, bound on first use. */
  shared(name: string, value: unknown): string {
    let placeholder = this.named.get(name);
    if (placeholder === undefined) {
      placeholder = this.add(value);
      this.named.set(name, placeholder);
    }
    return placeholder;
  }
}

/** The clinic date of a timestamptz expression. */
function clinicDate(expression: string, scope: ReportScope, p: Params): string {
  return `(${expression} AT TIME ZONE ${p.shared('tz', scope.timeZone)})::date`;
}

/** FROM and WHERE of the workups in scope; `w` is the workup. */
function scopeSql(scope: ReportScope, p: Params): string {
  const tz = p.shared('tz', scope.timeZone);
  const { from, to, attending, status, overall } = scope.filters;
  // Bounds as instants, so the period is a range scan of ix_workups_opened_at.
  const where = [
    `w.opened_at >= (${p.add(from)}::date)::timestamp AT TIME ZONE ${tz}`,
    `w.opened_at < (${p.add(to)}::date + 1)::timestamp AT TIME ZONE ${tz}`,
  ];
  if (attending !== undefined) {
    where.push(`w.attending_id = ${p.add(attending)}::uuid`);
  }
  if (status !== undefined) {
    where.push(`w.status = ${p.add(status)}`);
  }
  if (overall !== undefined) {
    where.push(`w.overall = ${p.add(overall)}`);
  }
  return `FROM workups w WHERE ${where.join(' AND ')}`;
}

/**
 * Whether the item `i` is overdue: the domain's one rule (`dueState`), an open status and a due
 * date before the clinic's today. The row counts and the weekly breakdown both use it.
 */
function itemOverdueSql(scope: ReportScope, p: Params): string {
  return overdueSql('i', `${p.shared('today', scope.today)}::date`);
}

/** The item counts of the active items `i` of one workup: the one definition of each count. */
function itemCountsSql(scope: ReportScope, p: Params): string {
  const done = p.shared('done', DONE_STATUSES);
  const closed = p.shared('closed', CLOSED_STATUSES);
  return `
    count(*)::int AS items_total,
    count(*) FILTER (WHERE i.status = ANY(${done}::text[]))::int AS items_done,
    count(*) FILTER (WHERE i.status = ANY(${closed}::text[]))::int AS items_closed,
    count(*) FILTER (WHERE ${itemOverdueSql(scope, p)})::int AS items_overdue,
    count(*) FILTER (WHERE i.status = 'cancelled')::int AS items_cancelled,
    count(*) FILTER (WHERE i.status = 'not_indicated')::int AS items_not_indicated`;
}

/**
 * SELECT of the rows in scope, unordered.
 *
 * Every statement of the report reaches the items through a LATERAL probe of
 * uq_workup_items_workup_key per workup in scope, so its cost follows the number of workups in
 * the period, never the size of the whole items table. Left to choose a join, the planner
 * hash-joined a sequential scan of every item (1.4 s for a 30-day period at 100 000 patients).
 * A LATERAL without an aggregate carries `OFFSET 0`, which keeps the planner from flattening it
 * back into such a join.
 */
function rowsSql(
  scope: ReportScope,
  p: Params,
  shown: 'with names' | 'counts only',
): string {
  const today = p.shared('today', scope.today);
  const opened = clinicDate('w.opened_at', scope, p);
  const closed = clinicDate('w.closed_at', scope, p);
  const metOn = clinicDate('w.criteria_first_met_at', scope, p);
  const counts = itemCountsSql(scope, p);
  // The summary aggregates counts and dates only: the patients and users are not read for it.
  const names =
    shown === 'with names'
      ? {
          columns: `p.mrn, p.family_name, p.given_name, u.display_name AS attending_name,
           (SELECT s.display_name FROM users s WHERE s.id = w.signed_off_by)
             AS signed_off_by_name,`,
          joins: `JOIN patients p ON p.id = w.patient_id
      LEFT JOIN users u ON u.id = w.attending_id`,
        }
      : { columns: '', joins: '' };
  return `
    SELECT w.id AS workup_id, w.patient_id, ${names.columns}
           w.attending_id, w.status,
           w.opened_at, ${opened}::text AS opened_on,
           w.closed_at, ${closed}::text AS closed_on,
           coalesce(${closed}, ${today}::date) - ${opened} AS days_open,
           c.items_total, c.items_done, c.items_closed, c.items_overdue,
           c.items_cancelled, c.items_not_indicated,
           w.overall, w.criteria_first_met_at,
           ${metOn} - ${opened} AS days_to_criteria_met,
           w.signed_off_at, w.signed_off_by, w.sign_off_outdated_at
      FROM (SELECT w.* ${scopeSql(scope, p)}) w
      CROSS JOIN LATERAL (
        SELECT ${counts} FROM workup_items i WHERE i.workup_id = w.id AND i.active
      ) c
      ${names.joins}`;
}

/**
 * Every row in scope in opening order (ties by id), or one page of them. The CSV and PDF exports
 * run it without a page through a cursor.
 */
export function completionRowsQuery(
  scope: ReportScope,
  page?: { readonly page: number; readonly pageSize: number },
): SqlQuery {
  const p = new Params();
  const rows = rowsSql(scope, p, 'with names');
  const limit =
    page === undefined
      ? ''
      : `LIMIT ${p.add(page.pageSize)} OFFSET ${p.add((page.page - 1) * page.pageSize)}`;
  return {
    // Sent without its indentation: pg_stat_activity keeps only the first 1 KiB of a statement
    // (track_activity_query_size), and an operator looking for a running export should see its
    // FROM clause. The statement has no string literal that whitespace could change.
    sql: `SELECT r.* FROM (${rows}) r ORDER BY r.opened_at, r.workup_id ${limit}`
      .replace(/\s+/g, ' ')
      .trim(),
    params: p.values,
  };
}

/** How many workups are in scope: what the PDF's row cap is checked against. */
export function completionCountQuery(scope: ReportScope): SqlQuery {
  const p = new Params();
  return {
    sql: `SELECT count(*)::int AS workups ${scopeSql(scope, p)}`,
    params: p.values,
  };
}

/**
 * A row's percent complete in SQL, exactly as `completionFromCounts` rounds it (`Math.round` of
 * done over expected items — total less those closed without being done —, 0 without items, 100
 * when none is expected any more): integer arithmetic, floor(100·done/expected + ½), so no
 * floating-point step can land a row in the neighbouring bin. The integration test checks the
 * bins against the rows' `percentComplete`.
 */
const PERCENT_COMPLETE_SQL = `CASE WHEN r.items_total = 0 THEN 0
  WHEN r.items_total - r.items_closed + r.items_done = 0 THEN 100
  ELSE (200 * r.items_done + (r.items_total - r.items_closed + r.items_done))
     / (2 * (r.items_total - r.items_closed + r.items_done)) END`;

/** The overdue items `i` of the workups in scope, by the ISO week of their due date, as JSON. */
function overdueWeeksSql(scope: ReportScope, p: Params): string {
  // The Monday of the due date's ISO week by date arithmetic: no time zone is involved.
  return `(
    SELECT coalesce(json_agg(json_build_object(
             'week', to_char(t.week_start::timestamp, 'IYYY-"W"IW'),
             'weekStart', t.week_start::text,
             'items', t.items) ORDER BY t.week_start), '[]'::json)
      FROM (
        SELECT i.due_date - (extract(isodow FROM i.due_date)::int - 1) AS week_start,
               count(*)::int AS items
          FROM (SELECT w.id ${scopeSql(scope, p)}) w
          CROSS JOIN LATERAL (
            SELECT i.due_date FROM workup_items i
             WHERE i.workup_id = w.id AND i.active AND ${itemOverdueSql(scope, p)}
            OFFSET 0
          ) i
         GROUP BY 1
      ) t)`;
}

/** The workups in scope per attending, by name, as JSON. */
function attendingsSql(scope: ReportScope, p: Params): string {
  return `(
    SELECT coalesce(json_agg(json_build_object(
             'attendingId', a.attending_id,
             'attendingName', a.attending_name,
             'workups', a.workups)
             ORDER BY a.attending_name, a.attending_id), '[]'::json)
      FROM (
        SELECT w.attending_id, u.display_name AS attending_name, count(*)::int AS workups
          FROM (SELECT w.* ${scopeSql(scope, p)}) w
          LEFT JOIN users u ON u.id = w.attending_id
         GROUP BY w.attending_id, u.display_name
      ) a)`;
}

/**
 * One row of totals, medians and breakdowns over every row in scope. The breakdowns that are
 * lists (overdue items by week, workups per attending) come as JSON columns of the same row, so
 * the summary stays one statement.
 */
export function completionSummaryQuery(scope: ReportScope): SqlQuery {
  const p = new Params();
  const rows = rowsSql(scope, p, 'counts only');
  const counts = [
    ...WORKUP_STATUSES.map(
      (status) =>
        `count(*) FILTER (WHERE r.status = ${p.add(status)})::int AS "status:${status}"`,
    ),
    ...OVERALL_RESULTS.map(
      (overall) =>
        `count(*) FILTER (WHERE r.overall = ${p.add(overall)})::int AS "overall:${overall}"`,
    ),
    ...PERCENT_COMPLETE_BINS.map(
      (bin, index) =>
        `count(*) FILTER (
           WHERE r.percent_complete BETWEEN ${p.add(bin.fromPercent)}::int AND ${p.add(bin.toPercent)}::int
         )::int AS "percent:${index}"`,
    ),
  ];
  const overdueWeeks = overdueWeeksSql(scope, p);
  const attendings = attendingsSql(scope, p);
  return {
    sql: `
      SELECT count(*)::int AS workups, ${counts.join(', ')},
             coalesce(sum(r.items_total), 0)::int AS items_total,
             coalesce(sum(r.items_done), 0)::int AS items_done,
             coalesce(sum(r.items_closed), 0)::int AS items_closed,
             coalesce(sum(r.items_overdue), 0)::int AS items_overdue,
             coalesce(sum(r.items_cancelled), 0)::int AS items_cancelled,
             coalesce(sum(r.items_not_indicated), 0)::int AS items_not_indicated,
             count(*) FILTER (WHERE r.items_overdue > 0)::int AS workups_with_overdue_items,
             count(*) FILTER (WHERE r.status = 'closed')::int AS closed_workups,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days_open)
               FILTER (WHERE r.status = 'closed') AS median_days_to_completion,
             count(r.days_to_criteria_met)::int AS criteria_met_workups,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days_to_criteria_met)
               AS median_days_to_criteria_met,
             ${overdueWeeks} AS overdue_weeks,
             ${attendings} AS attendings
        FROM (SELECT r.*, ${PERCENT_COMPLETE_SQL} AS percent_complete FROM (${rows}) r) r`,
    params: p.values,
  };
}

/** Per item kind: how many done items had a turnaround, and its median in days. */
export function completionTurnaroundQuery(scope: ReportScope): SqlQuery {
  const p = new Params();
  // Kinds live in the versioned catalog, not in the database: a lookup of every protocol
  // version's items, keyed `protocol|version|item`. A lookup rather than a join, so the planner
  // cannot start from the catalog and probe every workup once per kind.
  const kinds = p.add(
    JSON.stringify(
      Object.fromEntries(
        PROTOCOLS.flatMap((protocol) =>
          protocol.items.map((item) => [
            `${protocol.key}|${protocol.version}|${item.key}`,
            item.kind,
          ]),
        ),
      ),
    ),
  );
  const done = p.shared('done', DONE_STATUSES);
  const days = `${clinicDate('i.resulted_at', scope, p)} - ${clinicDate('o.started_at', scope, p)}`;
  return {
    sql: `
      SELECT t.kind, count(*)::int AS items,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY t.days) AS median_days
        FROM (
          SELECT ${kinds}::jsonb ->> (w.protocol_key || '|' || w.protocol_version || '|' || i.key)
                   AS kind,
                 ${days} AS days
            FROM (SELECT w.* ${scopeSql(scope, p)}) w
            CROSS JOIN LATERAL (
              SELECT i.id, i.key, i.performed_at, i.resulted_at FROM workup_items i
               WHERE i.workup_id = w.id AND i.active AND i.status = ANY(${done}::text[])
              OFFSET 0
            ) i
            JOIN LATERAL (
              -- least() ignores NULL: an item never ordered starts at its performed time.
              SELECT least(min(h.effective_at), i.performed_at) AS started_at
                FROM item_history h
               WHERE h.item_id = i.id AND h.action IN ('order', 'schedule', 'perform')
            ) o ON o.started_at <= i.resulted_at
        ) t
       GROUP BY t.kind`,
    params: p.values,
  };
}

/** A report row as the API shows it. */
export function completionReportRow(
  record: CompletionReportRecord,
): CompletionReportRow {
  return {
    workupId: record.workup_id,
    patientId: record.patient_id,
    mrn: record.mrn,
    patientName: `${record.family_name}, ${record.given_name}`,
    attendingId: record.attending_id,
    attendingName: record.attending_name,
    status: record.status,
    openedAt: record.opened_at.toISOString(),
    openedOn: record.opened_on,
    closedAt: record.closed_at?.toISOString() ?? null,
    closedOn: record.closed_on,
    daysOpen: record.days_open,
    itemsTotal: record.items_total,
    itemsDone: record.items_done,
    itemsClosed: record.items_closed,
    itemsOverdue: record.items_overdue,
    itemsCancelled: record.items_cancelled,
    itemsNotIndicated: record.items_not_indicated,
    percentComplete: completionFromCounts(
      record.items_done,
      record.items_closed,
      record.items_total,
    ).percent,
    overall: record.overall,
    criteriaFirstMetAt: record.criteria_first_met_at?.toISOString() ?? null,
    daysToCriteriaMet: record.days_to_criteria_met,
    signOff:
      record.signed_off_at === null
        ? 'none'
        : record.sign_off_outdated_at === null
          ? 'current'
          : 'outdated',
    signedOffAt: record.signed_off_at?.toISOString() ?? null,
    signedOffById: record.signed_off_by,
    signedOffByName: record.signed_off_by_name,
    signOffOutdatedSince: record.sign_off_outdated_at?.toISOString() ?? null,
  };
}

/**
 * The summary row as PostgreSQL returns it: counts and medians as numbers (or null), the list
 * breakdowns as parsed JSON.
 */
export type CompletionSummaryRecord = Readonly<Record<string, unknown>>;

/** A turnaround row as PostgreSQL returns it. */
export interface TurnaroundRecord {
  readonly kind: ItemKind;
  readonly items: number;
  readonly median_days: number | null;
}

/** The summary as the API shows it, from the summary and turnaround queries' rows. */
export function completionReportSummary(
  record: CompletionSummaryRecord,
  turnaround: readonly TurnaroundRecord[],
): CompletionReportSummary {
  const numberOrNull = (column: string): number | null => {
    const value = record[column];
    return typeof value === 'number' ? value : null;
  };
  const count = (column: string): number => numberOrNull(column) ?? 0;
  // JSON columns of this module's own statement; an empty summary (no row) has none.
  const list = <T>(column: string): readonly T[] => {
    const value = record[column];
    return Array.isArray(value) ? (value as T[]) : [];
  };
  const byKind = new Map(turnaround.map((t) => [t.kind, t]));
  return {
    workups: count('workups'),
    byStatus: Object.fromEntries(
      WORKUP_STATUSES.map((s) => [s, count(`status:${s}`)]),
    ) as Record<WorkupStatus, number>,
    byOverall: Object.fromEntries(
      OVERALL_RESULTS.map((o) => [o, count(`overall:${o}`)]),
    ) as Record<Overall, number>,
    items: {
      total: count('items_total'),
      done: count('items_done'),
      closed: count('items_closed'),
      overdue: count('items_overdue'),
      cancelled: count('items_cancelled'),
      notIndicated: count('items_not_indicated'),
    },
    workupsWithOverdueItems: count('workups_with_overdue_items'),
    completion: {
      closedWorkups: count('closed_workups'),
      medianDaysToCompletion: numberOrNull('median_days_to_completion'),
    },
    criteriaMet: {
      workups: count('criteria_met_workups'),
      medianDaysToCriteriaMet: numberOrNull('median_days_to_criteria_met'),
    },
    turnaround: ITEM_KINDS.map(
      (kind): ItemKindTurnaround => ({
        kind,
        items: byKind.get(kind)?.items ?? 0,
        medianDays: byKind.get(kind)?.median_days ?? null,
      }),
    ),
    byPercentComplete: PERCENT_COMPLETE_BINS.map(
      (bin, index): PercentCompleteBin => ({
        fromPercent: bin.fromPercent,
        toPercent: bin.toPercent,
        workups: count(`percent:${index}`),
      }),
    ),
    overdueByWeek: list<OverdueWeek>('overdue_weeks'),
    byAttending: list<AttendingWorkups>('attendings'),
  };
}

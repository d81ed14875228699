import type { Params } from '@angular/router';
import { addDays, isIsoDate, type Overall } from '@poems/domain';
import {
  OVERALL_RESULTS,
  WORKUP_STATUSES,
  type WorkupStatus,
} from '@poems/contract';

/** Rows per page of the report's table. */
export const REPORT_PAGE_SIZE = 25;

/** The period shown when the URL names none: the last 90 clinic days, today included. */
export const DEFAULT_PERIOD_DAYS = 90;

/** The dates the API accepts for a period (completion-report.dto.ts). */
export const REPORT_DATES = { min: '2000-01-01', max: '2100-12-31' } as const;

/** What the report is filtered by: the period (clinic dates, inclusive) and optional filters. */
export interface ReportFilters {
  readonly from: string;
  readonly to: string;
  /** The attending hematologist's user id. */
  readonly attending?: string;
  readonly status?: WorkupStatus;
  readonly overall?: Overall;
}

/** What the page asks the API for. */
export interface ReportQuery extends ReportFilters {
  readonly page: number;
  readonly pageSize: number;
}

/** The report's query parameters as the URL carries them. */
export interface ReportUrlParams {
  readonly from?: string;
  readonly to?: string;
  readonly attending?: string;
  readonly status?: string;
  readonly overall?: string;
  readonly page?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string | undefined): value is WorkupStatus =>
  (WORKUP_STATUSES as readonly (string | undefined)[]).includes(value);
const isOverall = (value: string | undefined): value is Overall =>
  (OVERALL_RESULTS as readonly (string | undefined)[]).includes(value);

/** A date the API accepts, or null. */
function reportDate(value: string | undefined): string | null {
  return value !== undefined &&
    isIsoDate(value) &&
    value >= REPORT_DATES.min &&
    value <= REPORT_DATES.max
    ? value
    : null;
}

/** The default period ending on the clinic's `today`. */
export function defaultPeriod(today: string): {
  readonly from: string;
  readonly to: string;
} {
  return { from: addDays(today, -(DEFAULT_PERIOD_DAYS - 1)), to: today };
}

/**
 * The query a URL stands for. Whatever was typed into the address bar, the result is one the API
 * accepts: a missing or unusable date falls back to the default period, a reversed period is
 * turned round, and unknown filter values are dropped.
 */
export function reportQueryOf(
  params: ReportUrlParams,
  today: string,
): ReportQuery {
  const to = reportDate(params.to) ?? today;
  const from = reportDate(params.from) ?? defaultPeriod(to).from;
  const [start, end] = from <= to ? [from, to] : [to, from];
  const { attending, status, overall } = params;
  return {
    from: start,
    to: end,
    ...(attending !== undefined && UUID.test(attending) && { attending }),
    ...(isStatus(status) && { status }),
    ...(isOverall(overall) && { overall }),
    page: Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1),
    pageSize: REPORT_PAGE_SIZE,
  };
}

/** The URL's query parameters for chosen filters; the page starts over at the first. */
export function reportUrlParams(filters: ReportFilters): Params {
  return {
    from: filters.from,
    to: filters.to,
    attending: filters.attending ?? null,
    status: filters.status ?? null,
    overall: filters.overall ?? null,
    page: null,
  };
}

/** Whether two queries ask for the same thing (queries are rebuilt on every URL change). */
export function sameReportQuery(a: ReportQuery, b: ReportQuery): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.attending === b.attending &&
    a.status === b.status &&
    a.overall === b.overall &&
    a.page === b.page &&
    a.pageSize === b.pageSize
  );
}

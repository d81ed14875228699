/**
 * The JSON shapes of the auditors' reports (`GET /api/reports/…`), shared by the API and the web
 * app. Instants are ISO 8601 strings with offset; dates are `YYYY-MM-DD` in the clinic's time zone.
 */
import type { ItemKind, Overall } from '@poems/domain';
import type { Page, WorkupStatus } from './api-types';

/** Formats of `GET /api/reports/completion`. */
export const REPORT_FORMATS = ['json', 'csv', 'pdf'] as const;

/** A format the completion report is rendered in. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Workup statuses, for filters. */
export const WORKUP_STATUSES = [
  'open',
  'closed',
] as const satisfies readonly WorkupStatus[];

/** Overall results of the diagnostic rule, for filters and counts. */
export const OVERALL_RESULTS = [
  'criteria_met',
  'criteria_not_met',
  'indeterminate',
  'incomplete',
] as const satisfies readonly Overall[];

/** What the completion report was asked for. */
export interface CompletionReportFilters {
  /** First clinic date (inclusive) on which a listed workup was opened. */
  readonly from: string;
  /** Last clinic date (inclusive) on which a listed workup was opened. */
  readonly to: string;
  /** The attending hematologist's user id. */
  readonly attending?: string;
  readonly status?: WorkupStatus;
  readonly overall?: Overall;
}

/**
 * One workup opened in the report's period. Item counts cover active items only (required items
 * plus activated conditional ones); `itemsOverdue` applies the domain's one due-date rule on the
 * clinic's today. Day counts are calendar days in the clinic's time zone.
 */
export interface CompletionReportRow {
  readonly workupId: string;
  readonly patientId: string;
  readonly mrn: string;
  /** "Family, Given". */
  readonly patientName: string;
  readonly attendingId: string | null;
  readonly attendingName: string | null;
  readonly status: WorkupStatus;
  readonly openedAt: string;
  /** The clinic date of `openedAt`. */
  readonly openedOn: string;
  readonly closedAt: string | null;
  readonly closedOn: string | null;
  /** Days from the opening date to the closing date, or to today while the workup is open. */
  readonly daysOpen: number;
  readonly itemsTotal: number;
  /** Resulted or reviewed. */
  readonly itemsDone: number;
  /** Done, cancelled or not indicated. */
  readonly itemsClosed: number;
  readonly itemsOverdue: number;
  readonly itemsCancelled: number;
  readonly itemsNotIndicated: number;
  /** Done items as a whole percentage of the total, as the workup's completion shows it. */
  readonly percentComplete: number;
  readonly overall: Overall;
  /**
   * When the criteria were first met on results that still stand; null while they are not met (a
   * correction that retracts the verdict clears it).
   */
  readonly criteriaFirstMetAt: string | null;
  /** Days from the opening date to the date the criteria were first met; null while not met. */
  readonly daysToCriteriaMet: number | null;
  /**
   * The latest sign-off of the evaluation: `none` when never signed off, `outdated` when a change
   * since made the workup differ from what was attested, else `current`.
   */
  readonly signOff: SignOffState;
  /** When the latest sign-off was given; null when never signed off. */
  readonly signedOffAt: string | null;
  /** Who gave it (user id); null when never signed off or the user was deleted. */
  readonly signedOffById: string | null;
  readonly signedOffByName: string | null;
  /** When the first change after the latest sign-off was recorded; null while it is current. */
  readonly signOffOutdatedSince: string | null;
}

/** Where a workup's latest sign-off stands, as the completion report shows it. */
export const SIGN_OFF_STATES = ['none', 'current', 'outdated'] as const;

export type SignOffState = (typeof SIGN_OFF_STATES)[number];

/** Turnaround of one kind of item: days from its first order (or schedule) to its result. */
export interface ItemKindTurnaround {
  readonly kind: ItemKind;
  /** Done items of this kind that were ordered or scheduled before their result. */
  readonly items: number;
  /** Median of those items' turnaround in days; null when there are none. */
  readonly medianDays: number | null;
}

/**
 * The bins of {@link CompletionReportSummary.byPercentComplete}, in order: ten points wide from 0 to
 * 99, then 100 on its own, so finished workups are told apart from nearly finished ones. Bounds are
 * inclusive whole percentages, as {@link CompletionReportRow.percentComplete} gives them.
 */
export const PERCENT_COMPLETE_BINS = [
  { fromPercent: 0, toPercent: 9 },
  { fromPercent: 10, toPercent: 19 },
  { fromPercent: 20, toPercent: 29 },
  { fromPercent: 30, toPercent: 39 },
  { fromPercent: 40, toPercent: 49 },
  { fromPercent: 50, toPercent: 59 },
  { fromPercent: 60, toPercent: 69 },
  { fromPercent: 70, toPercent: 79 },
  { fromPercent: 80, toPercent: 89 },
  { fromPercent: 90, toPercent: 99 },
  { fromPercent: 100, toPercent: 100 },
] as const satisfies readonly { fromPercent: number; toPercent: number }[];

/** Workups whose percent complete lies in one of {@link PERCENT_COMPLETE_BINS}. */
export interface PercentCompleteBin {
  /** Lowest percent complete of the bin (inclusive). */
  readonly fromPercent: number;
  /** Highest percent complete of the bin (inclusive). */
  readonly toPercent: number;
  readonly workups: number;
}

/** Overdue items whose due dates fall in one ISO 8601 week (Monday to Sunday). */
export interface OverdueWeek {
  /** The ISO week of the due dates, `YYYY-Www` (ISO week-numbering year). */
  readonly week: string;
  /** The Monday that starts the week, `YYYY-MM-DD`. */
  readonly weekStart: string;
  readonly items: number;
}

/** Workups of one attending hematologist (or of none assigned). */
export interface AttendingWorkups {
  /** Null for workups without an attending. */
  readonly attendingId: string | null;
  readonly attendingName: string | null;
  readonly workups: number;
}

/**
 * Totals over every row of the report (not just the page shown). Medians are the middle value, or
 * the mean of the two middle values for an even count.
 */
export interface CompletionReportSummary {
  readonly workups: number;
  readonly byStatus: Readonly<Record<WorkupStatus, number>>;
  readonly byOverall: Readonly<Record<Overall, number>>;
  /** Item counts summed over the rows. */
  readonly items: {
    readonly total: number;
    readonly done: number;
    readonly closed: number;
    readonly overdue: number;
    readonly cancelled: number;
    readonly notIndicated: number;
  };
  /** Workups with at least one overdue item. */
  readonly workupsWithOverdueItems: number;
  /**
   * Days to completion: for each closed workup, calendar days (clinic time zone) from the opening
   * date to the closing date; open workups are not counted.
   */
  readonly completion: {
    readonly closedWorkups: number;
    readonly medianDaysToCompletion: number | null;
  };
  /**
   * Days from opening to the date the criteria were first met, over the workups whose criteria are
   * met now: a retracted verdict does not count, so `workups` equals `byOverall.criteria_met`.
   */
  readonly criteriaMet: {
    readonly workups: number;
    readonly medianDaysToCriteriaMet: number | null;
  };
  /** One entry per item kind, in the catalog's kind order. */
  readonly turnaround: readonly ItemKindTurnaround[];
  /**
   * Workups by percent complete (the rows' `percentComplete`): one entry per bin of
   * {@link PERCENT_COMPLETE_BINS}, in that order, empty bins included.
   */
  readonly byPercentComplete: readonly PercentCompleteBin[];
  /**
   * The overdue items of `items.overdue` (the domain's one rule, on the clinic's today), by the ISO
   * week of their due date, oldest first; weeks without an overdue item are left out. The items
   * add up to `items.overdue`.
   */
  readonly overdueByWeek: readonly OverdueWeek[];
  /** Workups per attending, by name (workups without an attending last); they add up to `workups`. */
  readonly byAttending: readonly AttendingWorkups[];
}

/** `GET /api/reports/completion?format=json`: a page of rows plus the summary of all of them. */
export interface CompletionReport extends Page<CompletionReportRow> {
  readonly filters: CompletionReportFilters;
  /** The IANA zone that decides dates, today and overdue. */
  readonly timeZone: string;
  /** The clinic's today when the report was generated. */
  readonly today: string;
  readonly generatedAt: string;
  readonly summary: CompletionReportSummary;
}

import { formatDate } from '@angular/common';
import { addDays } from '@poems/domain';
import {
  type CompletionReportSummary,
  type OverdueWeek,
} from '@poems/contract';
import { KIND_LABELS } from '../../workup/util/workup-labels';

/** One bar of a chart and the row of its text alternative. */
export interface ChartRow {
  /** The category, as the axis and the table show it. */
  readonly label: string;
  /** A second axis line and table column (e.g. the week's Monday); absent when there is none. */
  readonly detail?: string;
  /** The bar's height; null draws no bar (nothing to measure). */
  readonly value: number | null;
  /** The value as the table reads it. */
  readonly valueText: string;
}

/** A bar chart of the summary, with everything its text alternative needs. */
export interface BarChartData {
  readonly title: string;
  /** One sentence with the numbers: the chart's accessible description. */
  readonly description: string;
  readonly categoryHeader: string;
  readonly detailHeader?: string;
  readonly valueHeader: string;
  readonly rows: readonly ChartRow[];
  /** Shown instead of the chart when there is nothing to draw. */
  readonly emptyText: string | null;
}

const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`;

/** Days with at most one decimal, as the PDF prints medians. */
export function formatDays(days: number): string {
  return plural(Math.round(days * 10) / 10, 'day');
}

/** Workups per percent-complete bin. */
export function completionChart(
  summary: CompletionReportSummary,
): BarChartData {
  const rows = summary.byPercentComplete.map(
    (bin): ChartRow => ({
      label:
        bin.fromPercent === bin.toPercent
          ? `${bin.fromPercent} %`
          : `${bin.fromPercent}–${bin.toPercent} %`,
      value: bin.workups,
      valueText: String(bin.workups),
    }),
  );
  const parts = rows
    .filter((row) => row.value !== 0)
    .map((row) => `${row.valueText} at ${row.label}`);
  return {
    title: 'Completion of the checklists',
    description:
      summary.workups === 0
        ? 'No workup was opened in this period.'
        : `${plural(summary.workups, 'workup')} by the share of their checklist done: ${parts.join(', ')}.`,
    categoryHeader: 'Checklist done',
    valueHeader: 'Workups',
    rows,
    emptyText:
      summary.workups === 0 ? 'No workup was opened in this period.' : null,
  };
}

/** Median turnaround per item kind: from the first order, schedule or performed time to the result. */
export function turnaroundChart(
  summary: CompletionReportSummary,
): BarChartData {
  const rows = summary.turnaround.map(
    (t): ChartRow => ({
      label: KIND_LABELS[t.kind],
      detail: plural(t.items, 'item'),
      value: t.medianDays,
      valueText:
        t.medianDays === null ? 'No results' : formatDays(t.medianDays),
    }),
  );
  const measured = summary.turnaround.filter((t) => t.medianDays !== null);
  const unmeasured = summary.turnaround
    .filter((t) => t.medianDays === null)
    .map((t) => KIND_LABELS[t.kind]);
  const description =
    measured.length === 0
      ? 'No item with an order, schedule or performed time has a result yet.'
      : `Median days from order to result: ${measured
          .map(
            (t) =>
              `${KIND_LABELS[t.kind]} ${formatDays(t.medianDays ?? 0)} (${plural(t.items, 'item')})`,
          )
          .join(
            ', ',
          )}${unmeasured.length > 0 ? `; no results yet for ${unmeasured.join(', ')}` : ''}.`;
  return {
    title: 'Median turnaround per item kind',
    description,
    categoryHeader: 'Item kind',
    detailHeader: 'Items measured',
    // Short: it is also the chart's axis title, where a long one is cut off.
    valueHeader: 'Median days',
    rows,
    emptyText:
      measured.length === 0
        ? 'No item with an order, schedule or performed time has a result yet.'
        : null,
  };
}

/** Weeks shown one by one; earlier overdue items are gathered in one bar. */
export const OVERDUE_WEEKS_SHOWN = 26;

const DAY_MS = 86_400_000;

/** The ISO 8601 week (`YYYY-Www`) that starts on a Monday. */
export function isoWeekOf(monday: string): string {
  // The ISO week-numbering year is that of the week's Thursday.
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round(
    (thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS,
  );
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * Every week from the first with an overdue item to the last, empty weeks included so the axis
 * reads as time; beyond {@link OVERDUE_WEEKS_SHOWN} weeks, the earliest are summed into one bar.
 */
export function overdueWeeks(
  weeks: readonly OverdueWeek[],
): readonly (OverdueWeek & { readonly earlier?: true })[] {
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (first === undefined || last === undefined) {
    return [];
  }
  const items = new Map(weeks.map((w) => [w.weekStart, w.items]));
  const all: OverdueWeek[] = [];
  for (let monday = first.weekStart; monday <= last.weekStart; ) {
    all.push({
      week: isoWeekOf(monday),
      weekStart: monday,
      items: items.get(monday) ?? 0,
    });
    monday = addDays(monday, 7);
  }
  if (all.length <= OVERDUE_WEEKS_SHOWN) {
    return all;
  }
  const kept = all.slice(-(OVERDUE_WEEKS_SHOWN - 1));
  const earlier = all.slice(0, all.length - kept.length);
  return [
    {
      week: 'Earlier',
      weekStart: earlier[0]?.weekStart ?? first.weekStart,
      items: earlier.reduce((n, w) => n + w.items, 0),
      earlier: true,
    },
    ...kept,
  ];
}

const dayMonth = (date: string): string =>
  formatDate(date, 'd MMM y', 'en-US', 'UTC');

/** Overdue items by the ISO week of their due date. */
export function overdueChart(summary: CompletionReportSummary): BarChartData {
  const weeks = overdueWeeks(summary.overdueByWeek);
  const rows = weeks.map(
    (w): ChartRow => ({
      label: w.week,
      detail: w.earlier
        ? `before ${dayMonth(weeks[1]?.weekStart ?? w.weekStart)}`
        : `from ${dayMonth(w.weekStart)}`,
      value: w.items,
      valueText: String(w.items),
    }),
  );
  const total = summary.items.overdue;
  return {
    title: 'Overdue items by week due',
    description:
      total === 0
        ? 'No item is overdue.'
        : `${plural(total, 'overdue item')} by the week their due date falls in: ${rows
            .filter((row) => row.value !== 0)
            .map((row) => `${row.label} (${row.detail}) ${row.valueText}`)
            .join(', ')}.`,
    categoryHeader: 'Week of the due date (ISO)',
    detailHeader: 'Week',
    valueHeader: 'Overdue items',
    rows,
    emptyText: total === 0 ? 'No item is overdue.' : null,
  };
}

import { aReportSummary } from '../../../testing/report-fixtures';
import {
  OVERDUE_WEEKS_SHOWN,
  completionChart,
  isoWeekOf,
  overdueChart,
  overdueWeeks,
  turnaroundChart,
} from './report-charts';

describe('chart data from the report summary', () => {
  it('draws one bar per percent-complete bin and says the non-empty ones', () => {
    const chart = completionChart(aReportSummary());

    expect(chart.rows.map((r) => [r.label, r.value])).toEqual([
      ['0–9 %', 2],
      ['10–19 %', 0],
      ['20–29 %', 1],
      ['30–39 %', 0],
      ['40–49 %', 0],
      ['50–59 %', 0],
      ['60–69 %', 0],
      ['70–79 %', 0],
      ['80–89 %', 0],
      ['90–99 %', 0],
      ['100 %', 0],
    ]);
    expect(chart.description).toBe(
      '3 workups by the share of their checklist done: 2 at 0–9 %, 1 at 20–29 %.',
    );
    expect(chart.emptyText).toBeNull();
  });

  it('draws the median turnaround per kind, and no bar where nothing was measured', () => {
    const chart = turnaroundChart(aReportSummary());

    expect(
      chart.rows.map((r) => [r.label, r.detail, r.value, r.valueText]),
    ).toEqual([
      ['Laboratory tests', '2 items', 2, '2 days'],
      ['Imaging', '1 item', 3.5, '3.5 days'],
      ['Procedures', '0 items', null, 'No results'],
      ['Studies', '1 item', 2, '2 days'],
      ['Examinations', '0 items', null, 'No results'],
    ]);
    expect(chart.description).toBe(
      'Median days from order to result: Laboratory tests 2 days (2 items), Imaging 3.5 days (1 item), Studies 2 days (1 item); no results yet for Procedures, Examinations.',
    );
  });

  it('draws overdue items per ISO week, empty weeks between included', () => {
    const chart = overdueChart(aReportSummary());

    expect(chart.rows.map((r) => [r.label, r.detail, r.value])).toEqual([
      ['2030-W01', 'from 31 Dec 2029', 1],
      ['2030-W02', 'from 7 Jan 2030', 0],
      ['2030-W03', 'from 14 Jan 2030', 2],
    ]);
    expect(chart.description).toBe(
      '3 overdue items by the week their due date falls in: 2030-W01 (from 31 Dec 2029) 1, 2030-W03 (from 14 Jan 2030) 2.',
    );
  });

  it('says so instead of drawing when there is nothing to draw', () => {
    const empty = aReportSummary({
      workups: 0,
      byPercentComplete: aReportSummary().byPercentComplete.map((b) => ({
        ...b,
        workups: 0,
      })),
      items: {
        total: 0,
        done: 0,
        closed: 0,
        overdue: 0,
        cancelled: 0,
        notIndicated: 0,
      },
      turnaround: aReportSummary().turnaround.map((t) => ({
        ...t,
        items: 0,
        medianDays: null,
      })),
      overdueByWeek: [],
    });

    expect(completionChart(empty).emptyText).toBe(
      'No workup was opened in this period.',
    );
    expect(turnaroundChart(empty).emptyText).toBe(
      'No item with an order, schedule or performed time has a result yet.',
    );
    expect(overdueChart(empty)).toMatchObject({
      rows: [],
      emptyText: 'No item is overdue.',
    });
  });

  it.each([
    ['2029-12-31', '2030-W01'],
    ['2030-01-07', '2030-W02'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('names the week starting %s %s', (monday, week) => {
    expect(isoWeekOf(monday)).toBe(week);
  });

  it('gathers the weeks before the last ones shown into one "Earlier" bar', () => {
    const weeks = overdueWeeks([
      { week: '2029-W01', weekStart: '2029-01-01', items: 4 },
      { week: '2029-W40', weekStart: '2029-10-01', items: 1 },
      { week: '2030-W03', weekStart: '2030-01-14', items: 2 },
    ]);

    expect(weeks).toHaveLength(OVERDUE_WEEKS_SHOWN);
    expect(weeks[0]).toMatchObject({ week: 'Earlier', items: 4 });
    expect(weeks.reduce((n, w) => n + w.items, 0)).toBe(7);
    expect(weeks[weeks.length - 1]).toEqual({
      week: '2030-W03',
      weekStart: '2030-01-14',
      items: 2,
    });
  });
});

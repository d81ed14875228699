import type { ChartConfiguration } from 'chart.js';
import type { TrendChartData } from './followup-trends';

/** A point of a trend: x is the day number (days since 1970-01-01 UTC) of the result's date. */
export interface TrendXY {
  readonly x: number;
  readonly y: number;
}

/** The chart.js configuration of a trend chart. */
export type TrendChartConfig = ChartConfiguration<'line', TrendXY[]>;

const DAY_MS = 86_400_000;
export const dayNumber = (date: string): number =>
  Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const dateOf = (day: number): string =>
  new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Measured series in the app's blue and a purple; references dashed (ULN grey, baseline amber). */
const COLOURS: Readonly<Record<string, string>> = {
  vegf: '#1f5fa8',
  mSpike: '#1f5fa8',
  onls: '#1f5fa8',
  dflc: '#6a3d9a',
  mrs: '#6a3d9a',
  uln: '#5b6570',
  baseline: '#8a5a00',
};
const TEXT_COLOUR = '#343c45';
const GRID_COLOUR = '#d5dbe1';

/** The chart.js configuration of a trend: one line per series, dates on a linear day axis. */
export function trendChartConfig(data: TrendChartData): TrendChartConfig {
  const units = new Map(data.series.map((s) => [s.axis, s.unit]));
  const axis = (id: 'y' | 'y2') => ({
    beginAtZero: true,
    position: id === 'y' ? ('left' as const) : ('right' as const),
    grid: { color: GRID_COLOUR, drawOnChartArea: id === 'y' },
    ticks: { color: TEXT_COLOUR },
    title: { display: true, text: units.get(id) ?? '', color: TEXT_COLOUR },
  });
  const hasY2 = data.series.some((s) => s.axis === 'y2' && s.points.length > 0);
  return {
    type: 'line',
    data: {
      datasets: data.series
        .filter((s) => s.points.length > 0)
        .map((s) => ({
          label: s.trackerDefault ? `${s.label} (tracker default)` : s.label,
          data: s.points.map((p) => ({ x: dayNumber(p.date), y: p.value })),
          yAxisID: s.axis,
          borderColor: COLOURS[s.key] ?? TEXT_COLOUR,
          backgroundColor: COLOURS[s.key] ?? TEXT_COLOUR,
          borderDash: s.reference ? [6, 4] : [],
          pointRadius: s.reference ? 0 : 3,
          stepped: s.key === 'uln' ? ('before' as const) : false,
        })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: true, labels: { color: TEXT_COLOUR } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? dateOf(items[0].parsed.x ?? 0) : ''),
          },
        },
      },
      scales: {
        x: {
          type: 'linear',
          grid: { display: false },
          ticks: {
            color: TEXT_COLOUR,
            callback: (value) => dateOf(Number(value)),
            maxTicksLimit: 6,
          },
        },
        y: axis('y'),
        ...(hasY2 ? { y2: axis('y2') } : {}),
      },
    },
  };
}

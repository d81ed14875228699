import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  InjectionToken,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import {
  type DrawChart,
  chartOnCanvas,
  drawWithChartJs,
} from '../shared/ui/chart-on-canvas';
import type { TrendChartData } from './followup-trends';
import { TrackerDefaultComponent } from './tracker-default.component';

// Only what line charts use; this module is loaded by a deferred block of the follow-up tab, so
// chart.js comes with it and with nothing else on the patient page.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  Legend,
  Tooltip,
);

/** A point of a trend: x is the day number (days since 1970-01-01 UTC) of the result's date. */
export interface TrendXY {
  readonly x: number;
  readonly y: number;
}

/** The chart.js configuration of a trend chart. */
export type TrendChartConfig = ChartConfiguration<'line', TrendXY[]>;

/** Draws a chart on a canvas; a token so tests can look at the configuration instead. */
export const DRAW_TREND_CHART = new InjectionToken<DrawChart<TrendChartConfig>>(
  'DRAW_TREND_CHART',
  {
    providedIn: 'root',
    factory: () => drawWithChartJs(),
  },
);

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

/**
 * One trend chart with its text alternative: the canvas is an image named by a sentence with the
 * latest values, and a table beside it holds every value with its time point and category. The
 * tracker-default mark names the rules the baseline, placements and categories rest on.
 */
@Component({
  selector: 'pw-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TrackerDefaultComponent],
  template: `
    <figure class="trend" [attr.aria-labelledby]="id() + '-title'">
      <figcaption class="trend__title" [id]="id() + '-title'">
        {{ data().title }}
        @if (data().trackerDefault; as tip) {
          <pw-tracker-default [tip]="tip" />
        }
      </figcaption>
      @if (data().emptyText; as empty) {
        <p class="trend__empty">{{ empty }}</p>
      }
      <div class="trend__canvas" [hidden]="data().emptyText !== null">
        <canvas
          #canvas
          role="img"
          [attr.aria-label]="data().title + '. ' + data().description"
        ></canvas>
      </div>
      @if (data().rows.length > 0) {
        <details class="trend__values">
          <summary>{{ data().title }} values as a table</summary>
          <table class="grid">
            <caption class="visually-hidden">
              {{
                data().title
              }}
              values
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Where</th>
                @for (s of data().series; track s.key) {
                  <th scope="col">{{ s.label }} ({{ s.unit }})</th>
                }
                <th scope="col">Category</th>
              </tr>
            </thead>
            <tbody>
              @for (row of data().rows; track $index) {
                <tr>
                  <th scope="row">{{ row.date }}</th>
                  <td>{{ row.placement }}</td>
                  @for (s of data().series; track s.key) {
                    <td>{{ row.values[s.key] }}</td>
                  }
                  <td>
                    {{ row.category }}
                    @if (row.trackerDefault; as tip) {
                      <pw-tracker-default [tip]="tip" [compact]="true" />
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </details>
      }
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .trend {
      margin: 0;
      padding: 0.75rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
    }
    .trend__title {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-small);
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .trend__canvas {
      position: relative;
      height: 14rem;
    }
    .trend__empty {
      margin: 0;
      color: var(--pw-muted-fg);
    }
    .trend__values {
      margin-top: 0.5rem;
    }
    .grid {
      border-collapse: collapse;
      margin-top: 0.25rem;
    }
    .grid th,
    .grid td {
      padding: 0.125rem 0.5rem;
      text-align: left;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
  `,
})
export class TrendChartComponent {
  readonly data = input.required<TrendChartData>();
  /** Unique on the page: the line and the domain. */
  readonly id = input.required<string>();

  private readonly canvas =
    viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly config = computed(() => trendChartConfig(this.data()));

  constructor() {
    chartOnCanvas(this.canvas, this.config, inject(DRAW_TREND_CHART));
  }
}

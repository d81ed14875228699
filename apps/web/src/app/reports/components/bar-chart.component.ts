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
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  Tooltip,
} from 'chart.js';
import {
  type DrawChart,
  chartOnCanvas,
  drawWithChartJs,
} from '../../shared/ui/chart-on-canvas';
import type { BarChartData } from '../util/report-charts';

// Only what bar charts use: chart.js tree-shakes the rest away, and this module loads with the
// reports route alone.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** The chart.js configuration of a bar chart. */
export type BarChartConfig = ChartConfiguration<
  'bar',
  (number | null)[],
  string | string[]
>;

/** Draws a chart on a canvas; a token so tests can look at the configuration instead. */
export const DRAW_CHART = new InjectionToken<DrawChart<BarChartConfig>>(
  'DRAW_CHART',
  { providedIn: 'root', factory: () => drawWithChartJs() },
);

/** Bars: the app's info blue, above 3:1 against white as WCAG asks of graphics. */
const BAR_COLOUR = '#1f5fa8';
const TEXT_COLOUR = '#343c45';
const GRID_COLOUR = '#d5dbe1';
const FONT_FAMILY =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/** The chart.js configuration for the data: one series, no legend, no animation. */
export function barChartConfig(data: BarChartData): BarChartConfig {
  const font = { family: FONT_FAMILY, size: 12 };
  return {
    type: 'bar',
    data: {
      labels: data.rows.map((row) =>
        row.detail === undefined ? row.label : [row.label, row.detail],
      ),
      datasets: [
        {
          label: data.valueHeader,
          data: data.rows.map((row) => row.value),
          backgroundColor: BAR_COLOUR,
          borderRadius: 2,
          maxBarThickness: 48,
        },
      ],
    },
    options: {
      // A calm page: bars appear, they do not grow (and nothing moves for reduced-motion users).
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) =>
              `${data.valueHeader}: ${data.rows[item.dataIndex]?.valueText ?? ''}`,
          },
        },
      },
      scales: {
        x: {
          grid: { display: false },
          ticks: { color: TEXT_COLOUR, font },
          title: {
            display: true,
            text: data.categoryHeader,
            color: TEXT_COLOUR,
            font,
          },
        },
        y: {
          beginAtZero: true,
          grid: { color: GRID_COLOUR },
          ticks: { color: TEXT_COLOUR, font, precision: 0 },
          title: {
            display: true,
            text: data.valueHeader,
            color: TEXT_COLOUR,
            font,
          },
        },
      },
    },
  };
}

/**
 * A bar chart with its text alternative: the canvas is an image named by a sentence with the
 * numbers, and a visually hidden table holds every value for screen readers.
 */
@Component({
  selector: 'pw-bar-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="chart">
      <figcaption class="chart__title">
        {{ data().title }}
      </figcaption>
      @if (data().emptyText; as empty) {
        <p class="chart__empty">{{ empty }}</p>
      }
      <div class="chart__canvas" [hidden]="data().emptyText !== null">
        <canvas
          #canvas
          role="img"
          [attr.aria-label]="data().title + '. ' + data().description"
        ></canvas>
      </div>
      <table class="visually-hidden">
        <caption>
          {{
            data().title
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ data().categoryHeader }}</th>
            @if (data().detailHeader; as header) {
              <th scope="col">{{ header }}</th>
            }
            <th scope="col">{{ data().valueHeader }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of data().rows; track row.label) {
            <tr>
              <th scope="row">{{ row.label }}</th>
              @if (data().detailHeader) {
                <td>{{ row.detail }}</td>
              }
              <td>{{ row.valueText }}</td>
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .chart {
      margin: 0;
      padding: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-medium);
      height: 100%;
      box-sizing: border-box;
    }
    .chart__title {
      margin: 0 0 0.75rem;
      font: var(--mat-sys-title-medium);
    }
    .chart__canvas {
      position: relative;
      height: 15rem;
    }
    .chart__empty {
      margin: 0;
      color: var(--pw-muted-fg);
    }
  `,
})
export class BarChartComponent {
  readonly data = input.required<BarChartData>();

  private readonly canvas =
    viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly config = computed(() => barChartConfig(this.data()));

  constructor() {
    chartOnCanvas(this.canvas, this.config, inject(DRAW_CHART));
  }
}

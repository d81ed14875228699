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
import { type TrendChartConfig, trendChartConfig } from './trend-chart-config';
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

export {
  type TrendChartConfig,
  type TrendXY,
  dayNumber,
  trendChartConfig,
} from './trend-chart-config';

/** Draws a chart on a canvas; a token so tests can look at the configuration instead. */
export const DRAW_TREND_CHART = new InjectionToken<DrawChart<TrendChartConfig>>(
  'DRAW_TREND_CHART',
  {
    providedIn: 'root',
    factory: () => drawWithChartJs(),
  },
);

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

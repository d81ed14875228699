import {
  DestroyRef,
  type ElementRef,
  type Signal,
  afterRenderEffect,
  inject,
} from '@angular/core';
import { Chart, type ChartConfiguration, type ChartType } from 'chart.js';

/** What a chart component needs of a drawn chart. */
export interface DrawnChart<TConfig> {
  update(config: TConfig): void;
  destroy(): void;
}

/** Draws a chart on a canvas and returns the handle that redraws or removes it. */
export type DrawChart<TConfig> = (
  canvas: HTMLCanvasElement,
  config: TConfig,
) => DrawnChart<TConfig>;

/**
 * Draws with chart.js. Only chart components import this file, and they load lazily (a deferred
 * block, a lazy route), so chart.js never lands in the initial bundle; each component registers
 * the chart.js parts its chart type uses.
 */
export function drawWithChartJs<
  TType extends ChartType,
  TData,
  TLabel,
>(): DrawChart<ChartConfiguration<TType, TData, TLabel>> {
  return (canvas, config) => {
    const chart = new Chart(canvas, config);
    return {
      update: (next) => {
        chart.data = next.data;
        // The options too: callbacks (tooltips, ticks) close over the data they were made for.
        if (next.options !== undefined) {
          chart.options = next.options;
        }
        chart.update('none');
      },
      destroy: () => chart.destroy(),
    };
  };
}

/**
 * Keeps a chart on the canvas in step with its configuration: drawn after the first render,
 * updated in place when the configuration changes, destroyed with the component. Call it in an
 * injection context (a constructor or field initialiser).
 */
export function chartOnCanvas<TConfig>(
  canvas: Signal<ElementRef<HTMLCanvasElement>>,
  config: Signal<TConfig>,
  draw: DrawChart<TConfig>,
): void {
  let chart: DrawnChart<TConfig> | null = null;
  afterRenderEffect({
    write: () => {
      const next = config();
      if (chart === null) {
        chart = draw(canvas().nativeElement, next);
      } else {
        chart.update(next);
      }
    },
  });
  inject(DestroyRef).onDestroy(() => chart?.destroy());
}

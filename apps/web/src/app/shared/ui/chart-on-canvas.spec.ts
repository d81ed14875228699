import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { type DrawnChart, chartOnCanvas } from './chart-on-canvas';

interface Config {
  readonly points: readonly number[];
}

/** What the fake drawer saw, in order. */
type Event =
  | {
      readonly kind: 'draw';
      readonly canvas: HTMLCanvasElement;
      readonly config: Config;
    }
  | { readonly kind: 'update'; readonly config: Config }
  | { readonly kind: 'destroy' };

let events: Event[];

function draw(canvas: HTMLCanvasElement, config: Config): DrawnChart<Config> {
  events.push({ kind: 'draw', canvas, config });
  return {
    update: (next) => events.push({ kind: 'update', config: next }),
    destroy: () => events.push({ kind: 'destroy' }),
  };
}

@Component({
  selector: 'pw-test-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas></canvas>`,
})
class TestChartComponent {
  readonly config = input.required<Config>();
  readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    chartOnCanvas(this.canvas, this.config, draw);
  }
}

describe('chartOnCanvas', () => {
  beforeEach(() => {
    events = [];
  });

  async function render(config: Config) {
    const fixture = TestBed.createComponent(TestChartComponent);
    fixture.componentRef.setInput('config', config);
    await fixture.whenStable();
    return fixture;
  }

  it('draws once on the rendered canvas', async () => {
    const fixture = await render({ points: [1, 2] });

    const canvas = (fixture.nativeElement as HTMLElement).querySelector(
      'canvas',
    );
    expect(events).toEqual([
      { kind: 'draw', canvas, config: { points: [1, 2] } },
    ]);
  });

  it('updates the drawn chart in place when the configuration changes', async () => {
    const fixture = await render({ points: [1] });

    fixture.componentRef.setInput('config', { points: [1, 3] });
    await fixture.whenStable();

    expect(events.map((e) => e.kind)).toEqual(['draw', 'update']);
    expect(events[1]).toEqual({ kind: 'update', config: { points: [1, 3] } });
  });

  it('destroys the chart with the component', async () => {
    const fixture = await render({ points: [1] });

    fixture.destroy();

    expect(events.map((e) => e.kind)).toEqual(['draw', 'destroy']);
  });
});

import { TestBed, type ComponentFixture } from '@angular/core/testing';
import {
  evaluateFollowup,
  getFollowupProtocol,
  TRACKER_DEFAULT_NOTICE,
  type FollowupResult,
  type LineFollowup,
} from '@poems/domain';
import { type FollowupResultView } from '@poems/contract';
import { FollowupTrendsComponent } from './followup-trends.component';
import {
  DRAW_TREND_CHART,
  dayNumber,
  type TrendChartConfig,
} from './trend-chart.component';

const line = {
  id: 'line-1',
  lineNumber: 1,
  intent: 'first_line' as const,
  regimenClass: 'lenalidomide_dexamethasone' as const,
  startDate: '2025-01-15',
};

const vegf = (id: string, date: string, value: number): FollowupResult => ({
  id,
  itemKey: 'vegf',
  date,
  result: {
    specimen: 'plasma',
    values: [{ name: 'VEGF', value, unit: 'pg/mL', high: 96.2 }],
  },
});

const onls = (id: string, date: string, arm: number, leg: number) => ({
  id,
  itemKey: 'neuro_exam',
  date,
  result: { onlsArm: arm, onlsLeg: leg, mrs: 2 },
});

/** Worked example 11 (VEGF 600 → 300 PR → 90 CR) with an ONLS series. */
const EXAMPLE: FollowupResult[] = [
  vegf('r0', '2025-01-05', 600),
  vegf('r1', '2025-04-20', 300),
  vegf('r2', '2025-07-10', 90),
  onls('n0', '2025-01-06', 1, 5),
  onls('n1', '2025-04-21', 1, 3),
];

function evaluated(results: FollowupResult[]): {
  line: LineFollowup;
  results: FollowupResultView[];
} {
  const evaluation = evaluateFollowup(
    1,
    { diagnosisDate: '2025-01-10', birthDate: '1961-04-12' },
    [line],
    results,
    '2026-02-01',
  );
  return {
    line: evaluation.lines[0] as LineFollowup,
    results: results.map((r) => ({
      ...r,
      source: 'followup',
      instanceId: null,
      corrects: null,
      correctedBy: null,
      recordedAt: null,
    })),
  };
}

describe('FollowupTrendsComponent', () => {
  let fixture: ComponentFixture<FollowupTrendsComponent>;
  let drawn: Map<HTMLCanvasElement, TrendChartConfig[]>;

  function render(results: FollowupResult[]): void {
    const input = evaluated(results);
    fixture.componentRef.setInput('line', input.line);
    fixture.componentRef.setInput('results', input.results);
    fixture.detectChanges();
  }

  /** The configurations drawn on the chart titled so, oldest first. */
  function configsOf(title: string): TrendChartConfig[] {
    const figure = figures().find((f) =>
      f.querySelector('figcaption')?.textContent?.trim().startsWith(title),
    );
    const canvas = figure?.querySelector('canvas');
    return (canvas && drawn.get(canvas)) ?? [];
  }

  const figures = (): HTMLElement[] =>
    Array.from(fixture.nativeElement.querySelectorAll('figure'));

  const dataset = (config: TrendChartConfig | undefined, label: string) =>
    config?.data.datasets.find((d) => d.label === label)?.data;

  beforeEach(() => {
    drawn = new Map();
    TestBed.configureTestingModule({
      providers: [
        {
          provide: DRAW_TREND_CHART,
          useValue: (canvas: HTMLCanvasElement, config: TrendChartConfig) => {
            drawn.set(canvas, [config]);
            return {
              update: (next: TrendChartConfig) => drawn.get(canvas)?.push(next),
              destroy: () => undefined,
            };
          },
        },
      ],
    });
    fixture = TestBed.createComponent(FollowupTrendsComponent);
    fixture.componentRef.setInput('rules', getFollowupProtocol(1).rules);
    fixture.componentRef.setInput('notice', TRACKER_DEFAULT_NOTICE);
  });

  it('draws VEGF over time with its ULN and its baseline, the baseline marked as a tracker default', () => {
    render(EXAMPLE);
    const config = configsOf('VEGF').at(-1);
    expect(dataset(config, 'VEGF')).toEqual([
      { x: dayNumber('2025-01-05'), y: 600 },
      { x: dayNumber('2025-04-20'), y: 300 },
      { x: dayNumber('2025-07-10'), y: 90 },
    ]);
    expect((dataset(config, 'ULN') as { y: number }[]).map((p) => p.y)).toEqual(
      [96.2, 96.2, 96.2],
    );
    expect(
      (dataset(config, 'Baseline (tracker default)') as { y: number }[]).map(
        (p) => p.y,
      ),
    ).toEqual([600, 600, 600]);
  });

  it('marks each chart as a tracker default with a tooltip naming the rules', () => {
    render(EXAMPLE);
    const vegfFigure = figures()[0] as HTMLElement;
    const mark = vegfFigure.querySelector(
      'figcaption pw-tracker-default span',
    ) as HTMLElement;
    expect(mark.textContent?.trim()).toBe(
      'tracker default, not a published criterion',
    );
    const tip = mark.getAttribute('aria-label') ?? '';
    expect(tip).toContain('Baseline window');
    expect(tip).toContain('Time points and windows');
    expect(tip).toContain('VEGF partial response');
  });

  it('gives every chart a text alternative: a named image and a table of values with time points and categories', () => {
    render(EXAMPLE);
    const [vegfFigure, hemFigure, onlsFigure] = figures() as HTMLElement[];
    expect(
      vegfFigure?.querySelector('canvas')?.getAttribute('aria-label'),
    ).toBe(
      'VEGF. 3 results from 2025-01-05 to 2025-07-10; latest: VEGF 90 pg/mL on 2025-07-10. Reference lines: ULN 96.2 pg/mL; Baseline 600 pg/mL.',
    );
    const rows = Array.from(vegfFigure?.querySelectorAll('tbody tr') ?? []).map(
      (tr) =>
        Array.from(tr.children).map((c) =>
          (c.firstChild?.textContent ?? '').trim(),
        ),
    );
    expect(rows).toEqual([
      ['2025-01-05', 'baseline', '600', '96.2', '600', ''],
      ['2025-04-20', 'M3', '300', '96.2', '600', 'PR'],
      ['2025-07-10', 'M6', '90', '96.2', '600', 'CR'],
    ]);
    expect(hemFigure?.textContent).toContain(
      'No M-spike and dFLC result in this line yet.',
    );
    expect(
      onlsFigure?.querySelector('canvas')?.getAttribute('aria-label'),
    ).toContain('ONLS 4 points on 2025-04-21');
  });

  it('redraws when a result arrives: the new value joins the series and the table shows its category', () => {
    render(EXAMPLE);
    render([...EXAMPLE, vegf('r3', '2025-12-01', 400)]);
    const configs = configsOf('VEGF');
    expect(configs.length).toBeGreaterThan(1);
    expect(dataset(configs.at(-1), 'VEGF')).toContainEqual({
      x: dayNumber('2025-12-01'),
      y: 400,
    });
    const last = (figures()[0] as HTMLElement).querySelector(
      'tbody tr:last-child',
    );
    expect(last?.textContent).toContain('M12');
    expect(last?.textContent).toContain('progression (unconfirmed)');
  });

  it('draws M-spike and dFLC on their own axes', () => {
    render([
      ...EXAMPLE,
      {
        id: 'i0',
        itemKey: 'serum_ife',
        date: '2025-01-05',
        result: { heavyChain: 'IgG', lightChain: 'lambda' },
      },
      {
        id: 's0',
        itemKey: 'spep',
        date: '2025-01-05',
        result: { values: [{ name: 'M-spike', value: 1.2, unit: 'g/dL' }] },
      },
      {
        id: 'f0',
        itemKey: 'serum_flc',
        date: '2025-01-05',
        result: {
          values: [
            { name: 'Kappa free light chain', value: 20, unit: 'mg/L' },
            { name: 'Lambda free light chain', value: 150, unit: 'mg/L' },
          ],
        },
      },
    ]);
    const config = configsOf('M-spike and dFLC').at(-1);
    expect(
      config?.data.datasets.map((d) => [d.label, d.yAxisID, d.data]),
    ).toEqual([
      ['M-spike', 'y', [{ x: dayNumber('2025-01-05'), y: 1.2 }]],
      ['dFLC', 'y2', [{ x: dayNumber('2025-01-05'), y: 130 }]],
    ]);
  });
});

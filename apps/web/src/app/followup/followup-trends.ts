import {
  dflc,
  freeLightChainReading,
  immunofixationReading,
  mSpikeGPerDl,
  neuroReading,
  vegfReading,
  type AssessedDomain,
  type FollowupRuleDefinition,
  type LightChain,
  type LineFollowup,
  type PlacementKind,
  type ResponseDomain,
  type ResultPlacement,
  type RuleBasis,
} from '@poems/domain';
import { type FollowupResultView } from '@poems/contract';
import { categoryText, trackerDefaultTooltip } from './followup-labels';

/*
 * The trend charts of a treatment line (poems-followup.md §5): VEGF with its ULN and baseline,
 * M-spike and dFLC, ONLS (with the mRS beside it). Each chart's data also makes its table, the
 * text alternative of the canvas.
 */

/** One measured value of a series, with where it stands in the line. */
export interface TrendPoint {
  readonly resultId: string;
  readonly date: string;
  readonly value: number;
}

/** One drawn series (a measurement, or a reference line such as the ULN). */
export interface TrendSeries {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Reference lines are drawn dashed, without points. */
  readonly reference: boolean;
  /** Which y axis: the hematologic chart has a second one for dFLC. */
  readonly axis: 'y' | 'y2';
  readonly points: readonly TrendPoint[];
  /** The rules the series depends on, when any is a tracker default ('' otherwise). */
  readonly trackerDefault: string;
}

/** One row of the table: a result date and every series' value on that date. */
export interface TrendRow {
  readonly date: string;
  /** Baseline, interim, on treatment, or the time point (M3, M6 …). */
  readonly placement: string;
  /** Series key → the value as text ('' when the series has none on that date). */
  readonly values: Readonly<Record<string, string>>;
  /** The category of the time point this result decided, if it did. */
  readonly category: string;
  /** The tracker-default rules behind the placement and category ('' when none). */
  readonly trackerDefault: string;
}

/** A chart with everything its text alternative needs. */
export interface TrendChartData {
  readonly domain: ResponseDomain;
  readonly title: string;
  /** One sentence with the latest values: the canvas's accessible name. */
  readonly description: string;
  readonly series: readonly TrendSeries[];
  readonly rows: readonly TrendRow[];
  /** The tracker-default rules the chart's baseline, placements and categories depend on. */
  readonly trackerDefault: string;
  /** Shown instead of the chart when there is nothing to draw. */
  readonly emptyText: string | null;
}

/** What the charts are drawn from: the line's evaluation and the patient's result series. */
export interface TrendInput {
  readonly line: LineFollowup;
  readonly results: readonly FollowupResultView[];
  readonly rules: readonly FollowupRuleDefinition[];
  readonly notice: string;
}

/** Results placed outside the line's follow-up are not drawn. */
const DRAWN: ReadonlySet<string> = new Set([
  'baseline_window',
  'on_treatment',
  'interim',
  'time_point',
]);

const round = (n: number): string => String(Math.round(n * 100) / 100);

const PLACEMENT_TEXT: Readonly<Record<PlacementKind, string>> = {
  before_baseline_window: 'before the baseline window',
  baseline_window: 'before start',
  on_treatment: 'on treatment',
  interim: 'interim',
  time_point: 'time point',
  after_follow_up: 'after follow-up',
  next_line: 'next line',
};

function placementText(p: ResultPlacement): string {
  if (p.baseline) {
    return 'baseline';
  }
  return p.placement === 'time_point' && p.timePoint
    ? p.timePoint
    : PLACEMENT_TEXT[p.placement];
}

function mergedBasis(bases: readonly RuleBasis[]): RuleBasis {
  return {
    rules: [...new Set(bases.flatMap((b) => b.rules))],
    trackerDefaults: [...new Set(bases.flatMap((b) => b.trackerDefaults))],
  };
}

/** A line's placed results of some items, in date order, with their stored content. */
function placed(
  input: TrendInput,
  items: readonly string[],
): { placement: ResultPlacement; result: FollowupResultView }[] {
  const byId = new Map(input.results.map((r) => [r.id, r]));
  return input.line.results
    .filter((p) => items.includes(p.itemKey) && DRAWN.has(p.placement))
    .flatMap((placement) => {
      const result = byId.get(placement.resultId);
      return result ? [{ placement, result }] : [];
    })
    .sort((a, b) =>
      a.placement.date === b.placement.date
        ? a.placement.resultId.localeCompare(b.placement.resultId)
        : a.placement.date < b.placement.date
          ? -1
          : 1,
    );
}

/** The assessed time points of a domain, by the result that decided each. */
function assessmentsByResult(
  line: LineFollowup,
  domain: ResponseDomain,
): Map<string, AssessedDomain> {
  const map = new Map<string, AssessedDomain>();
  for (const tp of line.timePoints) {
    for (const a of tp.domains) {
      if (a.domain === domain && a.status === 'assessed') {
        for (const id of a.resultIds) {
          map.set(id, a);
        }
      }
    }
  }
  return map;
}

interface Measured {
  readonly placement: ResultPlacement;
  /** Series key → value. */
  readonly values: Readonly<Record<string, number>>;
}

function chart(
  input: TrendInput,
  domain: ResponseDomain,
  title: string,
  measured: readonly Measured[],
  series: readonly Omit<TrendSeries, 'points'>[],
  references: readonly TrendSeries[],
): TrendChartData {
  const tip = (basis: RuleBasis) =>
    trackerDefaultTooltip(basis, input.rules, input.notice);
  const assessed = assessmentsByResult(input.line, domain);
  const baseline = input.line.baselines.find((b) => b.domain === domain);
  const bases: RuleBasis[] = [
    ...(baseline ? [baseline] : []),
    ...new Set(assessed.values()),
  ];
  const timePointBasis = (p: ResultPlacement): RuleBasis[] => {
    const rule = (id: string) => input.rules.find((r) => r.id === id);
    // Where a result lands (baseline, interim, Mk) follows the line's window rules.
    const ids = p.baseline
      ? ['baseline_window']
      : p.placement === 'interim'
        ? ['interim_results']
        : p.placement === 'time_point'
          ? ['time_points']
          : [];
    return ids.flatMap((id) => {
      const r = rule(id);
      return r
        ? [
            {
              rules: [r.id],
              trackerDefaults: r.label === 'D' ? [r.id] : [],
            } as RuleBasis,
          ]
        : [];
    });
  };
  const allSeries: TrendSeries[] = [
    ...series.map((s) => ({
      ...s,
      points: measured.flatMap((m) => {
        const value = m.values[s.key];
        return value === undefined
          ? []
          : [{ resultId: m.placement.resultId, date: m.placement.date, value }];
      }),
    })),
    ...references,
  ];
  const rows: TrendRow[] = measured.map((m) => {
    const assessment = assessed.get(m.placement.resultId);
    const rowBases = [
      ...timePointBasis(m.placement),
      ...(assessment ? [assessment] : []),
    ];
    return {
      date: m.placement.date,
      placement:
        m.placement.placement === 'time_point' && !assessment
          ? `${placementText(m.placement)} (additional)`
          : placementText(m.placement),
      values: Object.fromEntries(
        allSeries.map((s) => {
          const own = m.values[s.key];
          const ref = s.reference
            ? s.points.find((p) => p.date === m.placement.date)?.value
            : undefined;
          const value = own ?? ref;
          return [s.key, value === undefined ? '' : round(value)];
        }),
      ),
      category: assessment ? categoryText(assessment) : '',
      trackerDefault: tip(mergedBasis(rowBases)),
    };
  });
  const drawn = allSeries.filter((s) => !s.reference && s.points.length > 0);
  const latest = drawn
    .map((s) => {
      const last = s.points[s.points.length - 1] as TrendPoint;
      return `${s.label} ${round(last.value)} ${s.unit} on ${last.date}`;
    })
    .join('; ');
  const referenceText = references
    .filter((r) => r.points.length > 0)
    .map(
      (r) => `${r.label} ${round((r.points[0] as TrendPoint).value)} ${r.unit}`,
    )
    .join('; ');
  return {
    domain,
    title,
    description:
      drawn.length === 0
        ? `No ${title} result in this line.`
        : `${measured.length} results from ${measured[0]?.placement.date} to ${measured[measured.length - 1]?.placement.date}; latest: ${latest}${referenceText ? `. Reference lines: ${referenceText}` : ''}.`,
    series: allSeries,
    rows,
    trackerDefault: tip(
      mergedBasis([
        ...bases,
        ...measured.flatMap((m) => timePointBasis(m.placement)),
      ]),
    ),
    emptyText:
      drawn.length === 0 ? `No ${title} result in this line yet.` : null,
  };
}

/** A horizontal reference line across the dates of the measured results. */
function level(
  key: string,
  label: string,
  unit: string,
  value: number | undefined,
  measured: readonly Measured[],
  trackerDefault: string,
  axis: 'y' | 'y2' = 'y',
): TrendSeries[] {
  if (value === undefined || measured.length === 0) {
    return [];
  }
  return [
    {
      key,
      label,
      unit,
      reference: true,
      axis,
      trackerDefault,
      points: measured.map((m) => ({
        resultId: m.placement.resultId,
        date: m.placement.date,
        value,
      })),
    },
  ];
}

function vegfChart(input: TrendInput): TrendChartData {
  const baseline = input.line.baselines.find((b) => b.domain === 'vegf');
  const rows = placed(input, ['vegf']);
  const readings = rows.flatMap(({ placement, result }) => {
    const reading = vegfReading(result.result);
    return reading ? [{ placement, reading }] : [];
  });
  const measured: Measured[] = readings.map(({ placement, reading }) => ({
    placement,
    values: { vegf: reading.value },
  }));
  const uln: TrendSeries = {
    key: 'uln',
    label: 'ULN',
    unit: 'pg/mL',
    reference: true,
    axis: 'y',
    trackerDefault: '',
    points: readings.flatMap(({ placement, reading }) =>
      reading.uln === undefined
        ? []
        : [
            {
              resultId: placement.resultId,
              date: placement.date,
              value: reading.uln,
            },
          ],
    ),
  };
  const baselineTip = baseline
    ? trackerDefaultTooltip(baseline, input.rules, input.notice)
    : '';
  return chart(
    input,
    'vegf',
    'VEGF',
    measured,
    [
      {
        key: 'vegf',
        label: 'VEGF',
        unit: 'pg/mL',
        reference: false,
        axis: 'y',
        trackerDefault: '',
      },
    ],
    [
      ...(uln.points.length > 0 ? [uln] : []),
      ...level(
        'baseline',
        'Baseline',
        'pg/mL',
        baseline?.status === 'available' ? baseline.value : undefined,
        measured,
        baselineTip,
      ),
    ],
  );
}

/** The involved light chain: as the evaluation read it, else from any immunofixation. */
function involvedChain(input: TrendInput): LightChain | undefined {
  for (const tp of input.line.timePoints) {
    for (const a of tp.domains) {
      if (
        a.status === 'assessed' &&
        a.measures?.domain === 'hematologic' &&
        a.measures.involvedLightChain
      ) {
        return a.measures.involvedLightChain;
      }
    }
  }
  return input.results
    .filter((r) => r.itemKey === 'serum_ife' || r.itemKey === 'urine_ife')
    .map((r) => immunofixationReading(r.result)?.lightChain)
    .find((c) => c !== undefined);
}

function hematologicChart(input: TrendInput): TrendChartData {
  const involved = involvedChain(input);
  const byDate = new Map<
    string,
    { placement: ResultPlacement; values: Record<string, number> }
  >();
  for (const { placement, result } of placed(input, ['spep', 'serum_flc'])) {
    const value =
      placement.itemKey === 'spep'
        ? mSpikeGPerDl(result.result)
        : dflc(freeLightChainReading(result.result), involved);
    if (value === undefined) {
      continue;
    }
    const key = placement.itemKey === 'spep' ? 'mSpike' : 'dflc';
    // A date carries one row: both tests of a visit share it.
    const row = byDate.get(placement.date) ?? { placement, values: {} };
    row.values[key] = value;
    if (!row.placement.baseline && placement.baseline) {
      row.placement = placement;
    }
    byDate.set(placement.date, row);
  }
  const measured: Measured[] = [...byDate.values()];
  return chart(
    input,
    'hematologic',
    'M-spike and dFLC',
    measured,
    [
      {
        key: 'mSpike',
        label: 'M-spike',
        unit: 'g/dL',
        reference: false,
        axis: 'y',
        trackerDefault: '',
      },
      {
        key: 'dflc',
        label: 'dFLC',
        unit: 'mg/L',
        reference: false,
        axis: 'y2',
        trackerDefault: '',
      },
    ],
    [],
  );
}

function neurologicalChart(input: TrendInput): TrendChartData {
  const baseline = input.line.baselines.find(
    (b) => b.domain === 'neurological',
  );
  const measured: Measured[] = placed(input, ['neuro_exam']).flatMap(
    ({ placement, result }) => {
      const reading = neuroReading(result.result);
      const values: Record<string, number> = {
        ...(reading.onls === undefined ? {} : { onls: reading.onls }),
        ...(reading.mrs === undefined ? {} : { mrs: reading.mrs }),
      };
      return Object.keys(values).length > 0 ? [{ placement, values }] : [];
    },
  );
  return chart(
    input,
    'neurological',
    'ONLS',
    measured,
    [
      {
        key: 'onls',
        label: 'ONLS',
        unit: 'points',
        reference: false,
        axis: 'y',
        trackerDefault: '',
      },
      {
        key: 'mrs',
        label: 'mRS (shown, not categorized)',
        unit: 'points',
        reference: false,
        axis: 'y',
        trackerDefault: '',
      },
    ],
    level(
      'baseline',
      'Baseline ONLS',
      'points',
      baseline?.status === 'available' ? baseline.value : undefined,
      measured,
      baseline
        ? trackerDefaultTooltip(baseline, input.rules, input.notice)
        : '',
    ),
  );
}

/** The line's trend charts: VEGF, M-spike and dFLC, ONLS. */
export function lineTrends(input: TrendInput): TrendChartData[] {
  return [vegfChart(input), hematologicChart(input), neurologicalChart(input)];
}

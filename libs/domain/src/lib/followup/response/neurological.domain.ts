import type { FollowupRuleId } from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import {
  compareResults,
  type FollowupResult,
} from '../results/followup-result';
import { neuroReading, type NeuroReading } from '../results/readings';
import {
  firstMatch,
  itemResults,
  latestCandidate,
  nadirBefore,
  nearestToTarget,
  type Categorization,
  type DomainContext,
  type DomainRules,
  type SeriesPoint,
} from './domain-engine';
import { inBaselineWindow, isPostAnchor } from './line-timeline';
import type { DomainBaseline } from './response.types';
import { inRange, type TimePointWindow } from './time-points';

interface NeuroEntry {
  readonly result: FollowupResult;
  readonly reading: NeuroReading & { readonly onls: number };
}

/**
 * Neurological response by the ONLS (poems-followup.md §5.4). Evaluable only with a baseline ONLS.
 * Progression = ONLS ≥ nadir + 1; improved = ONLS ≤ baseline − 1; stable otherwise (the one-point
 * step is [D]). The mRS is carried as a measure for the trend, never categorized.
 */
export function neurologicalRules(ctx: DomainContext): DomainRules {
  const { protocol, timeline } = ctx;
  const t = protocol.thresholds.neurological;
  const exams = itemResults(ctx, 'neuro_exam');
  const scored: NeuroEntry[] = exams.flatMap((result) => {
    const reading = neuroReading(result.result);
    return reading.onls === undefined
      ? []
      : [{ result, reading: { ...reading, onls: reading.onls } }];
  });
  const base = latestCandidate(
    scored.filter((e) => inBaselineWindow(timeline, e.result.date)),
  );
  const baseline: DomainBaseline = base
    ? {
        domain: 'neurological',
        status: 'available',
        resultIds: [base.result.id],
        date: base.result.date,
        value: base.reading.onls,
        explanation: `Baseline ONLS ${base.reading.onls}${
          base.reading.onlsArm === undefined
            ? ''
            : ` (arm ${base.reading.onlsArm}, leg ${base.reading.onlsLeg})`
        } on ${base.result.date}.`,
        ...ruleBasis(protocol, ['baseline_window', 'neurological_onls']),
      }
    : {
        domain: 'neurological',
        status: 'not_evaluable',
        reason: 'no_baseline',
        resultIds: [],
        explanation: `No ONLS dated ${timeline.baselineWindow.from} to ${timeline.baselineWindow.to} (the baseline window).`,
        ...ruleBasis(protocol, ['baseline_window', 'neurological_onls']),
      };
  const series: SeriesPoint[] = scored
    .filter((e) => isPostAnchor(timeline, e.result.date))
    .map((e) => ({ value: e.reading.onls, result: e.result }));

  const categorize = (tp: TimePointWindow): Categorization | undefined => {
    if (!base) {
      return undefined;
    }
    const mk = nearestToTarget(
      tp,
      scored.filter((e) => inRange(tp, e.result.date)),
    );
    if (!mk) {
      const unscored = exams.filter((r) => inRange(tp, r.date));
      return unscored.length === 0
        ? undefined
        : {
            category: 'not_evaluable',
            reason: 'incomplete_result',
            resultIds: unscored.map((r) => r.id),
            date: unscored[0].date,
            after: unscored[0].date,
            explanation: `The neurological examination in the ${tp.key} range has no ONLS.`,
            rules: [],
          };
    }
    const onls = mk.reading.onls;
    const nadir =
      nadirBefore(base.reading.onls, series, mk.result.date) ??
      base.reading.onls;
    const { category, overlapped } = firstMatch([
      {
        category: 'progression' as const,
        matches: onls >= nadir + t.progressionStep,
      },
      {
        category: 'improved' as const,
        matches: onls <= base.reading.onls - t.improvementStep,
      },
      { category: 'stable' as const, matches: true },
    ]);
    const mrs = mk.reading.mrs === undefined ? '' : `; mRS ${mk.reading.mrs}`;
    const explanations: Record<typeof category, string> = {
      progression: `${tp.key} ONLS ${onls} ≥ nadir ${nadir} + ${t.progressionStep}: progression${mrs}.`,
      improved: `${tp.key} ONLS ${onls} ≤ baseline ${base.reading.onls} − ${t.improvementStep}: improved${mrs}.`,
      stable: `${tp.key} ONLS ${onls} (baseline ${base.reading.onls}, nadir ${nadir}): stable${mrs}.`,
    };
    const categoryRules: Record<typeof category, FollowupRuleId[]> = {
      progression: ['neurological_one_point_step', 'nadir'],
      improved: ['neurological_one_point_step', 'nadir'],
      stable: ['neurological_one_point_step', 'nadir'],
    };
    return {
      category,
      ...(category === 'progression' ? { relapse: false } : {}),
      resultIds: [mk.result.id],
      date: mk.result.date,
      after: mk.result.date,
      measures: {
        domain: 'neurological',
        onls,
        ...(mk.reading.onlsArm === undefined
          ? {}
          : { onlsArm: mk.reading.onlsArm }),
        ...(mk.reading.onlsLeg === undefined
          ? {}
          : { onlsLeg: mk.reading.onlsLeg }),
        ...(mk.reading.mrs === undefined ? {} : { mrs: mk.reading.mrs }),
        baseline: base.reading.onls,
        nadir,
      },
      explanation: explanations[category],
      rules: [
        ...categoryRules[category],
        ...(overlapped ? (['category_order'] as const) : []),
      ],
    };
  };

  return {
    domain: 'neurological',
    baseline,
    categorize,
    nextCheck: (progression) => {
      const next = series
        .filter((p) => p.result.date > progression.after)
        .sort((a, b) => compareResults(a.result, b.result))[0];
      if (!next || !base) {
        return undefined;
      }
      const nadir =
        nadirBefore(base.reading.onls, series, next.result.date) ??
        base.reading.onls;
      return {
        step: { resultIds: [next.result.id], date: next.result.date },
        meets: next.value >= nadir + t.progressionStep,
      };
    },
  };
}

import type { Specimen } from '../../workup/result';
import type { FollowupRuleId } from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import {
  compareResults,
  type FollowupResult,
} from '../results/followup-result';
import { aboveUln, vegfReading, type VegfReading } from '../results/readings';
import {
  firstMatch,
  itemResults,
  latestCandidate,
  nadirBefore,
  nearestToTarget,
  postAnchorResults,
  type Categorization,
  type DomainContext,
  type DomainRules,
  type SeriesPoint,
} from './domain-engine';
import { inBaselineWindow } from './line-timeline';
import type { DomainBaseline } from './response.types';
import { inRange } from './time-points';

interface VegfEntry {
  readonly result: FollowupResult;
  readonly reading: VegfReading;
}

const fmt = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * VEGF response (poems-followup.md §5.1). Evaluable only against a baseline of the same specimen
 * (plasma preferred when both are in the window) that is above its upper limit of normal.
 * Progression = ≥ 1.5 × nadir and above the ULN; CR = at or below the ULN; PR = ≤ 0.5 × baseline.
 * Results of the other specimen are never compared: a range holding only those is
 * `specimen_mismatch`, and they never change a category where a same-specimen result exists.
 */
export function vegfRules(ctx: DomainContext): DomainRules {
  const { protocol, parameters, timeline } = ctx;
  const t = protocol.thresholds.vegf;
  const entries: VegfEntry[] = itemResults(ctx, 'vegf').flatMap((result) => {
    const reading = vegfReading(result.result);
    return reading ? [{ result, reading }] : [];
  });
  const inWindow = entries.filter((e) =>
    inBaselineWindow(timeline, e.result.date),
  );
  const base =
    latestCandidate(inWindow.filter((e) => e.reading.specimen === 'plasma')) ??
    latestCandidate(inWindow);

  const cutOff = parameters.vegf_serum_normalisation_cutoff;
  const usesCutOff = (specimen: Specimen) =>
    specimen === 'serum' && cutOff !== 'lab_uln';
  const limitRules = (specimen: Specimen): FollowupRuleId[] =>
    usesCutOff(specimen)
      ? ['vegf_uln', 'vegf_serum_normalisation_cutoff']
      : ['vegf_uln'];
  /** The ULN a reading is compared with: the serum cut-off when the protocol sets one, else its own. */
  const ulnOf = (reading: VegfReading, fallback?: VegfReading) =>
    usesCutOff(reading.specimen) && typeof cutOff === 'number'
      ? { uln: cutOff, flag: undefined }
      : { uln: reading.uln ?? fallback?.uln, flag: reading.flag };
  const above = (
    reading: VegfReading,
    fallback?: VegfReading,
  ): boolean | undefined => {
    const { uln, flag } = ulnOf(reading, fallback);
    return aboveUln(reading.value, uln, flag);
  };

  if (!base) {
    const baseline: DomainBaseline = {
      domain: 'vegf',
      status: 'not_evaluable',
      reason: 'no_baseline',
      resultIds: [],
      explanation: `No VEGF dated ${timeline.baselineWindow.from} to ${timeline.baselineWindow.to} (the baseline window).`,
      ...ruleBasis(protocol, ['baseline_window']),
    };
    return {
      domain: 'vegf',
      baseline,
      categorize: () => undefined,
      nextCheck: () => undefined,
    };
  }

  const specimen = base.reading.specimen;
  const baseElevated = above(base.reading);
  const baseUln = ulnOf(base.reading).uln;
  const baseline: DomainBaseline =
    baseElevated === false
      ? {
          domain: 'vegf',
          status: 'not_evaluable',
          reason: 'baseline_not_elevated',
          resultIds: [base.result.id],
          date: base.result.date,
          specimen,
          value: base.reading.value,
          explanation: `Baseline ${specimen} VEGF ${fmt(base.reading.value)} pg/mL is not above the upper limit${
            baseUln === undefined ? '' : ` ${fmt(baseUln)}`
          }: VEGF response cannot be judged.`,
          ...ruleBasis(protocol, [
            'baseline_window',
            'vegf_baseline_elevated',
            'vegf_same_specimen',
            ...limitRules(specimen),
          ]),
        }
      : {
          domain: 'vegf',
          status: 'available',
          resultIds: [base.result.id],
          date: base.result.date,
          specimen,
          value: base.reading.value,
          explanation: `Baseline ${specimen} VEGF ${fmt(base.reading.value)} pg/mL on ${base.result.date}.`,
          ...ruleBasis(protocol, [
            'baseline_window',
            'vegf_same_specimen',
            'vegf_baseline_elevated',
            ...limitRules(specimen),
          ]),
        };

  const series: SeriesPoint[] = postAnchorResults(ctx, 'vegf').flatMap(
    (result) => {
      const reading = vegfReading(result.result);
      return reading && reading.specimen === specimen
        ? [{ value: reading.value, result }]
        : [];
    },
  );
  const sameSpecimenAfter = series.map((p) => p.result);

  const categorize = (
    tp: Parameters<DomainRules['categorize']>[0],
    earlier: Parameters<DomainRules['categorize']>[1],
  ): Categorization | undefined => {
    const inTp = itemResults(ctx, 'vegf').filter((r) => inRange(tp, r.date));
    const eligible = entries.filter(
      (e) => inRange(tp, e.result.date) && e.reading.specimen === specimen,
    );
    const mk = nearestToTarget(tp, eligible);
    if (!mk) {
      const other = entries.filter(
        (e) => inRange(tp, e.result.date) && e.reading.specimen !== specimen,
      );
      if (other.length > 0) {
        const first = other[0];
        return {
          category: 'not_evaluable',
          reason: 'specimen_mismatch',
          resultIds: other.map((e) => e.result.id),
          date: first.result.date,
          after: first.result.date,
          explanation: `Only ${first.reading.specimen} VEGF in the ${tp.key} range; the baseline is ${specimen}: never compared across specimens.`,
          rules: ['vegf_same_specimen'],
        };
      }
      if (inTp.length > 0) {
        return {
          category: 'not_evaluable',
          reason: 'incomplete_result',
          resultIds: inTp.map((r) => r.id),
          date: inTp[0].date,
          after: inTp[0].date,
          explanation: `The VEGF in the ${tp.key} range has no value in pg/mL with its specimen.`,
          rules: [],
        };
      }
      return undefined;
    }

    const cur = mk.reading;
    const common = {
      resultIds: [mk.result.id],
      ignoredResultIds: entries
        .filter(
          (e) => inRange(tp, e.result.date) && e.reading.specimen !== specimen,
        )
        .map((e) => e.result.id),
      date: mk.result.date,
      after: mk.result.date,
      confounders: cur.confounders,
      flags: cur.confounders.length > 0 ? (['vegf_confounder'] as const) : [],
    };
    // The baseline may have come without a limit; the same specimen's current limit then judges it.
    const elevated = baseElevated ?? above(base.reading, cur);
    const isAbove = above(cur, base.reading);
    const uln = ulnOf(cur, base.reading).uln;
    if (elevated === undefined || isAbove === undefined) {
      return {
        ...common,
        category: 'not_evaluable',
        reason: 'incomplete_result',
        explanation: `${tp.key} VEGF ${fmt(cur.value)} pg/mL: neither it nor the baseline came with an upper limit of normal or a laboratory flag.`,
        rules: ['vegf_uln'],
      };
    }
    if (!elevated) {
      return {
        ...common,
        category: 'not_evaluable',
        reason: 'baseline_not_elevated',
        explanation: `Baseline VEGF ${fmt(base.reading.value)} pg/mL is not above the upper limit${uln === undefined ? '' : ` ${fmt(uln)}`}: VEGF response cannot be judged.`,
        rules: ['vegf_baseline_elevated', ...limitRules(specimen)],
      };
    }
    const nadir =
      nadirBefore(base.reading.value, series, mk.result.date) ??
      base.reading.value;
    const progression = cur.value >= t.progressionFactor * nadir && isAbove;
    const partial = cur.value <= t.partialResponseFactor * base.reading.value;
    const { category, overlapped } = firstMatch([
      { category: 'progression' as const, matches: progression },
      { category: 'CR' as const, matches: !isAbove },
      { category: 'PR' as const, matches: partial },
      { category: 'stable' as const, matches: true },
    ]);
    const limit =
      uln === undefined
        ? "the laboratory's upper limit (flag)"
        : `ULN ${fmt(uln)}`;
    const explanations: Record<typeof category, string> = {
      progression: `${tp.key} ${specimen} VEGF ${fmt(cur.value)} pg/mL ≥ ${t.progressionFactor} × nadir ${fmt(nadir)} (${fmt(t.progressionFactor * nadir)}) and above ${limit}: progression.`,
      CR: `${tp.key} ${specimen} VEGF ${fmt(cur.value)} pg/mL at or below ${limit}: CR (normalised).`,
      PR: `${tp.key} ${specimen} VEGF ${fmt(cur.value)} pg/mL ≤ ${t.partialResponseFactor} × baseline ${fmt(base.reading.value)} (${fmt(t.partialResponseFactor * base.reading.value)}): PR.`,
      stable: `${tp.key} ${specimen} VEGF ${fmt(cur.value)} pg/mL: neither ≤ ${fmt(t.partialResponseFactor * base.reading.value)} (PR) nor ≥ ${fmt(t.progressionFactor * nadir)} (progression): stable.`,
    };
    const relapse =
      category === 'progression' && earlier.some((a) => a.category === 'CR');
    const categoryRules: Record<typeof category, FollowupRuleId[]> = {
      progression: [
        'vegf_progression',
        'nadir',
        ...(relapse ? (['relapse'] as const) : []),
      ],
      CR: ['vegf_normalisation'],
      PR: ['vegf_partial_response', 'vegf_progression', 'nadir'],
      stable: ['vegf_partial_response', 'vegf_progression', 'nadir'],
    };
    const nadirFromInterim = series.some(
      (p) =>
        p.result.date < mk.result.date &&
        p.value === nadir &&
        !timeline.timePoints.some((x) => inRange(x, p.result.date)),
    );
    return {
      ...common,
      category,
      ...(category === 'progression' ? { relapse } : {}),
      measures: {
        domain: 'vegf',
        value: cur.value,
        specimen,
        ...(uln === undefined ? {} : { uln }),
        baseline: base.reading.value,
        nadir,
      },
      explanation: relapse
        ? `${explanations[category]} A relapse (CR earlier in the line).`
        : explanations[category],
      rules: [
        ...limitRules(specimen),
        ...categoryRules[category],
        ...(overlapped ? (['category_order'] as const) : []),
        ...(nadirFromInterim && categoryRules[category].includes('nadir')
          ? (['interim_results'] as const)
          : []),
      ],
    };
  };

  return {
    domain: 'vegf',
    baseline,
    categorize,
    nextCheck: (progression) => {
      for (const next of sameSpecimenAfter
        .filter((r) => r.date > progression.after)
        .sort(compareResults)) {
        const reading = vegfReading(next.result);
        const isAbove = reading ? above(reading, base.reading) : undefined;
        if (!reading || isAbove === undefined) {
          continue;
        }
        const nadir =
          nadirBefore(base.reading.value, series, next.date) ??
          base.reading.value;
        return {
          step: { resultIds: [next.id], date: next.date },
          meets: reading.value >= t.progressionFactor * nadir && isAbove,
        };
      }
      return undefined;
    },
  };
}

import type { LightChain } from '../../workup/result';
import type { FollowupRuleId } from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import type { FollowupResult } from '../results/followup-result';
import {
  dflc,
  flcRatioNormal,
  freeLightChainReading,
  immunofixationReading,
  marrowReading,
  mSpikeGPerDl,
  type FreeLightChainReading,
  type ImmunofixationReading,
  type MarrowReading,
} from '../results/readings';
import {
  firstMatch,
  itemResults,
  resultsIn,
  latestCandidate,
  nadirBefore,
  nearestToTarget,
  type Categorization,
  type DomainContext,
  type DomainRules,
  type SeriesPoint,
} from './domain-engine';
import { inBaselineWindow, isPostAnchor } from './line-timeline';
import type {
  AssessedDomain,
  DomainBaseline,
  HematologicBaselineClass,
  HematologicMeasures,
} from './response.types';
import { inRange, type TimePointWindow } from './time-points';

interface Entry<R> {
  readonly result: FollowupResult;
  readonly reading: R;
}
interface ValueEntry {
  readonly result: FollowupResult;
  readonly value: number;
}

/** The measures a hematologic progression was shown on: confirmation looks for the same. */
type Trigger = 'ife' | 'm_spike' | 'dflc';

const MEASURED_ITEMS = ['serum_ife', 'urine_ife', 'spep', 'serum_flc'];
const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
const chainText = (c: LightChain | undefined): string =>
  c === 'kappa' ? ' κ' : c === 'lambda' ? ' λ' : '';

/**
 * Hematologic response (poems-followup.md §5.2), modelled on the amyloid hematologic criteria
 * [F23]. Baseline class: measurable (M-spike > 0.5 g/dL or dFLC > 100 mg/L), IFE-only, or — serum
 * and urine IFE both negative — not evaluable for the line. At each time point, per item the result
 * nearest the target is read. Progression: IFE reappearance after CR, or M-spike / dFLC ≥ 1.5 ×
 * nadir above 0.5 g/dL / 100 mg/L. CR: serum and urine IFE negative, κ/λ ratio in range when it
 * was abnormal (or unknown) at baseline, no iliac-crest marrow clone in the range; a missing
 * required test leaves `cr_workup_incomplete` unless PR applies. PR (measurable only): ≤ 0.5 ×
 * baseline. No VGPR.
 */
export function hematologicRules(ctx: DomainContext): DomainRules {
  const { protocol, timeline } = ctx;
  const t = protocol.thresholds.hematologic;
  const start = timeline.line.startDate;
  const ofItem = (key: string) => itemResults(ctx, key);
  const ife = (key: string): Entry<ImmunofixationReading>[] =>
    ofItem(key).flatMap((result) => {
      const reading = immunofixationReading(result.result);
      return reading ? [{ result, reading }] : [];
    });
  const serumIfe = ife('serum_ife');
  const urineIfe = ife('urine_ife');
  const spikes: ValueEntry[] = ofItem('spep').flatMap((result) => {
    const value = mSpikeGPerDl(result.result);
    return value === undefined ? [] : [{ result, value }];
  });
  const flcs: Entry<FreeLightChainReading>[] = ofItem('serum_flc')
    .map((result) => ({
      result,
      reading: freeLightChainReading(result.result),
    }))
    .filter(
      (e) =>
        e.reading.kappa !== undefined ||
        e.reading.lambda !== undefined ||
        e.reading.ratio !== undefined,
    );
  const marrows: Entry<MarrowReading>[] = ofItem('bone_marrow_biopsy').map(
    (result) => ({
      result,
      reading: marrowReading(result.result),
    }),
  );

  const inWindow = <E extends { readonly result: FollowupResult }>(
    list: readonly E[],
  ) =>
    latestCandidate(
      list.filter((e) => inBaselineWindow(timeline, e.result.date)),
    );
  const bSerum = inWindow(serumIfe);
  const bUrine = inWindow(urineIfe);
  const bSpike = inWindow(spikes);
  const bFlc = inWindow(flcs);

  // The clone's light chain is its identity, not a measurement: any record up to the start names it.
  const named = latestCandidate(
    [...serumIfe, ...urineIfe, ...marrows].filter(
      (e) => e.result.date <= start && e.reading.lightChain !== undefined,
    ),
  );
  const ratio = bFlc?.reading.ratio;
  const involved: LightChain | undefined =
    named?.reading.lightChain ??
    (ratio && flcRatioNormal(ratio, t.flcRatioDefault) === false
      ? ratio.value > 1
        ? 'kappa'
        : 'lambda'
      : undefined);

  const baseSpike = bSpike?.value;
  const baseDflc = bFlc ? dflc(bFlc.reading, involved) : undefined;
  const baseRatioNormal = bFlc
    ? flcRatioNormal(bFlc.reading.ratio, t.flcRatioDefault)
    : undefined;
  const measurableSpike =
    baseSpike !== undefined && baseSpike > t.measurableMSpikeGPerDl;
  const measurableDflc =
    baseDflc !== undefined && baseDflc > t.measurableDflcMgPerL;
  const baseIds = [bSerum, bUrine, bSpike, bFlc].flatMap((e) =>
    e ? [e.result.id] : [],
  );
  const baseDate = [bSerum, bUrine, bSpike, bFlc].reduce<string | undefined>(
    (latest, e) =>
      e && (latest === undefined || e.result.date > latest)
        ? e.result.date
        : latest,
    undefined,
  );

  const described = [
    bSerum
      ? `serum IFE ${bSerum.reading.state}${chainText(bSerum.reading.lightChain)}`
      : 'serum IFE not done',
    bUrine ? `urine IFE ${bUrine.reading.state}` : 'urine IFE not done',
    ...(baseSpike === undefined ? [] : [`M-spike ${fmt(baseSpike)} g/dL`]),
    ...(baseDflc === undefined ? [] : [`dFLC ${fmt(baseDflc)} mg/L`]),
    ...(ratio
      ? [
          `κ/λ ratio ${fmt(ratio.value)} (${baseRatioNormal ? 'normal' : 'abnormal'})`,
        ]
      : []),
  ].join(', ');

  let baselineClass: HematologicBaselineClass | undefined;
  let baseline: DomainBaseline;
  const rules = (...ids: FollowupRuleId[]) =>
    ruleBasis(protocol, [
      'baseline_window',
      'hematologic_baseline_class',
      ...ids,
    ]);
  if (baseIds.length === 0) {
    baseline = {
      domain: 'hematologic',
      status: 'not_evaluable',
      reason: 'no_baseline',
      resultIds: [],
      explanation: `No immunofixation, SPEP or free light chains dated ${timeline.baselineWindow.from} to ${timeline.baselineWindow.to} (the baseline window).`,
      ...ruleBasis(protocol, ['baseline_window']),
    };
  } else if (measurableSpike || measurableDflc) {
    baselineClass = 'measurable';
    baseline = {
      domain: 'hematologic',
      status: 'available',
      resultIds: baseIds,
      ...(baseDate ? { date: baseDate } : {}),
      hematologicClass: 'measurable',
      explanation: `Baseline: ${described}: measurable.`,
      ...rules(),
    };
  } else if (
    bSerum?.reading.state === 'positive' ||
    bUrine?.reading.state === 'positive'
  ) {
    baselineClass = 'ife_only';
    baseline = {
      domain: 'hematologic',
      status: 'available',
      resultIds: baseIds,
      ...(baseDate ? { date: baseDate } : {}),
      hematologicClass: 'ife_only',
      explanation: `Baseline: ${described}: IFE only (not measurable).`,
      ...rules(),
    };
  } else if (
    bSerum?.reading.state === 'negative' &&
    bUrine?.reading.state === 'negative'
  ) {
    baseline = {
      domain: 'hematologic',
      status: 'not_evaluable',
      reason: 'baseline_ife_negative',
      resultIds: baseIds,
      ...(baseDate ? { date: baseDate } : {}),
      explanation: `Baseline: ${described}: serum and urine IFE both negative, so the clone is only in the marrow or a lesion and the hematologic response cannot be followed.`,
      ...rules(),
    };
  } else {
    baseline = {
      domain: 'hematologic',
      status: 'not_evaluable',
      reason: 'no_baseline',
      resultIds: baseIds,
      ...(baseDate ? { date: baseDate } : {}),
      explanation: `Baseline: ${described}: without a measurable M-protein or a positive IFE, both serum and urine IFE are needed.`,
      ...rules(),
    };
  }

  const spikeSeries: SeriesPoint[] = spikes.filter((e) =>
    isPostAnchor(timeline, e.result.date),
  );
  const dflcSeries: SeriesPoint[] = flcs.flatMap((e) => {
    const value = dflc(e.reading, involved);
    return value !== undefined && isPostAnchor(timeline, e.result.date)
      ? [{ value, result: e.result }]
      : [];
  });

  const spikeProgresses = (value: number, date: string): boolean => {
    const nadir = nadirBefore(baseSpike, spikeSeries, date);
    return (
      nadir !== undefined &&
      value >= t.progressionFactor * nadir &&
      value > t.measurableMSpikeGPerDl
    );
  };
  const dflcProgresses = (value: number, date: string): boolean => {
    const nadir = nadirBefore(baseDflc, dflcSeries, date);
    return (
      nadir !== undefined &&
      value >= t.progressionFactor * nadir &&
      value > t.measurableDflcMgPerL
    );
  };

  const categorize = (
    tp: TimePointWindow,
    earlier: readonly AssessedDomain[],
  ): Categorization | undefined => {
    if (baselineClass === undefined) {
      return undefined;
    }
    const pick = <E extends { readonly result: FollowupResult }>(
      list: readonly E[],
    ) =>
      nearestToTarget(
        tp,
        list.filter((e) => inRange(tp, e.result.date)),
      );
    const s = pick(serumIfe);
    const u = pick(urineIfe);
    const sp = pick(spikes);
    const f = pick(flcs);
    const read = [s, u, sp, f].flatMap((e) => (e ? [e.result] : []));
    if (read.length === 0) {
      const unreadable = resultsIn(ctx, MEASURED_ITEMS, tp);
      return unreadable.length === 0
        ? undefined
        : {
            category: 'not_evaluable',
            reason: 'incomplete_result',
            resultIds: unreadable.map((r) => r.id),
            date: unreadable[0].date,
            after: unreadable[0].date,
            explanation: `The hematologic results in the ${tp.key} range carry no immunofixation, M-spike or light-chain value.`,
            rules: [],
          };
    }
    const clonalMarrows = marrows.filter(
      (m) =>
        inRange(tp, m.result.date) &&
        m.reading.iliacCrest &&
        m.reading.clone === 'present',
    );
    const bestEarlierCR = earlier.some((a) => a.category === 'CR');
    const dflcNow = f ? dflc(f.reading, involved) : undefined;
    const ratioNow = f
      ? flcRatioNormal(f.reading.ratio, t.flcRatioDefault)
      : undefined;

    const ifeReappears =
      bestEarlierCR &&
      (s?.reading.state === 'positive' || u?.reading.state === 'positive');
    const spikeUp =
      sp !== undefined && spikeProgresses(sp.value, sp.result.date);
    const dflcUp =
      f !== undefined &&
      dflcNow !== undefined &&
      dflcProgresses(dflcNow, f.result.date);
    const triggers: Trigger[] = [
      ...(ifeReappears ? (['ife'] as const) : []),
      ...(spikeUp ? (['m_spike'] as const) : []),
      ...(dflcUp ? (['dflc'] as const) : []),
    ];

    const serumNegative = s?.reading.state === 'negative';
    const ratioNeeded = baseRatioNormal !== true;
    const ratioOk = !ratioNeeded || ratioNow === true;
    const noClone = clonalMarrows.length === 0;
    const complete =
      serumNegative && u?.reading.state === 'negative' && ratioOk && noClone;
    // Serum negative and nothing that argues against CR: only a required test is missing.
    const incomplete =
      serumNegative &&
      !complete &&
      noClone &&
      u?.reading.state !== 'positive' &&
      ratioNow !== false &&
      (u === undefined || (ratioNeeded && ratioNow === undefined));
    const spikeHalved =
      measurableSpike &&
      sp !== undefined &&
      baseSpike !== undefined &&
      sp.value <= t.partialResponseFactor * baseSpike;
    const dflcHalved =
      measurableDflc &&
      dflcNow !== undefined &&
      baseDflc !== undefined &&
      dflcNow <= t.partialResponseFactor * baseDflc;
    const partial =
      baselineClass === 'measurable' && (spikeHalved || dflcHalved);

    const { category, overlapped } = firstMatch([
      { category: 'progression' as const, matches: triggers.length > 0 },
      { category: 'CR' as const, matches: complete },
      { category: 'not_evaluable' as const, matches: incomplete && !partial },
      { category: 'PR' as const, matches: partial },
      { category: 'stable' as const, matches: true },
    ]);

    const marrowRead =
      category === 'CR' || !noClone ? clonalMarrows.map((m) => m.result) : [];
    const resultIds = [...read, ...marrowRead].map((r) => r.id);
    const dates = read.map((r) => r.date).sort();
    const triggerDates = [
      ...(ifeReappears
        ? [s, u].flatMap((e) =>
            e?.reading.state === 'positive' ? [e.result.date] : [],
          )
        : []),
      ...(spikeUp && sp ? [sp.result.date] : []),
      ...(dflcUp && f ? [f.result.date] : []),
    ].sort();
    const spikeNadir = sp
      ? nadirBefore(baseSpike, spikeSeries, sp.result.date)
      : undefined;
    const dflcNadir = f
      ? nadirBefore(baseDflc, dflcSeries, f.result.date)
      : undefined;
    const measures: HematologicMeasures = {
      domain: 'hematologic',
      baselineClass,
      ...(s ? { serumIfe: s.reading.state } : {}),
      ...(u ? { urineIfe: u.reading.state } : {}),
      ...(sp ? { mSpike: sp.value } : {}),
      ...(baseSpike === undefined ? {} : { mSpikeBaseline: baseSpike }),
      ...(spikeNadir === undefined ? {} : { mSpikeNadir: spikeNadir }),
      ...(dflcNow === undefined ? {} : { dflc: dflcNow }),
      ...(baseDflc === undefined ? {} : { dflcBaseline: baseDflc }),
      ...(dflcNadir === undefined ? {} : { dflcNadir }),
      ...(involved ? { involvedLightChain: involved } : {}),
      ...(f?.reading.ratio ? { flcRatio: f.reading.ratio.value } : {}),
      ...(ratioNow === undefined ? {} : { flcRatioNormal: ratioNow }),
      marrowClone: !noClone,
    };
    const now = [
      s ? `serum IFE ${s.reading.state}` : 'no serum IFE',
      u ? `urine IFE ${u.reading.state}` : 'no urine IFE',
      ...(sp
        ? [
            `M-spike ${fmt(sp.value)} g/dL${spikeNadir === undefined ? '' : ` (nadir ${fmt(spikeNadir)})`}`,
          ]
        : []),
      ...(dflcNow === undefined
        ? []
        : [
            `dFLC ${fmt(dflcNow)} mg/L${dflcNadir === undefined ? '' : ` (nadir ${fmt(dflcNadir)})`}`,
          ]),
      ...(ratioNow === undefined
        ? []
        : [`κ/λ ratio ${ratioNow ? 'in range' : 'out of range'}`]),
      ...(noClone ? [] : ['an iliac-crest marrow shows a clone']),
    ].join(', ');
    const relapse = category === 'progression' && bestEarlierCR;
    const missing = [
      ...(u === undefined ? ['urine IFE'] : []),
      ...(ratioNeeded && ratioNow === undefined
        ? [
            baseRatioNormal === undefined
              ? 'free light chains (baseline ratio unknown)'
              : 'free light chains (baseline ratio abnormal)',
          ]
        : []),
    ].join(' and ');
    const explanation: Record<typeof category, string> = {
      progression: `${tp.key}: ${now}: progression (${triggers
        .map((x) =>
          x === 'ife'
            ? 'monoclonal protein reappears after CR'
            : x === 'm_spike'
              ? `M-spike ≥ ${t.progressionFactor} × nadir and > ${t.measurableMSpikeGPerDl} g/dL`
              : `dFLC ≥ ${t.progressionFactor} × nadir and > ${t.measurableDflcMgPerL} mg/L`,
        )
        .join('; ')})${relapse ? ', a relapse' : ''}.`,
      CR: `${tp.key}: ${now}: CR.`,
      not_evaluable: `${tp.key}: serum IFE negative but ${missing} missing: the CR workup is incomplete.`,
      PR: `${tp.key}: ${now}: PR (≤ ${t.partialResponseFactor} × baseline).`,
      stable: `${tp.key}: ${now}: stable.`,
    };
    const categoryRules: Record<typeof category, FollowupRuleId[]> = {
      progression: [
        'hematologic_progression',
        ...(spikeUp || dflcUp ? (['nadir'] as const) : []),
        ...(relapse ? (['relapse'] as const) : []),
      ],
      CR: ['hematologic_complete_response'],
      not_evaluable: [
        'hematologic_complete_response',
        'hematologic_partial_response',
      ],
      PR: ['hematologic_partial_response', 'hematologic_progression', 'nadir'],
      stable: [
        'hematologic_partial_response',
        'hematologic_complete_response',
        'hematologic_progression',
        'nadir',
      ],
    };
    return {
      category,
      ...(category === 'not_evaluable'
        ? { reason: 'cr_workup_incomplete' as const }
        : {}),
      ...(category === 'progression'
        ? { relapse, progressionOn: triggers }
        : {}),
      resultIds,
      date: category === 'progression' ? triggerDates[0] : dates[0],
      after: dates[dates.length - 1],
      measures,
      explanation: explanation[category],
      rules: [
        ...categoryRules[category],
        ...(overlapped ? (['category_order'] as const) : []),
      ],
    };
  };

  return {
    domain: 'hematologic',
    baseline,
    categorize,
    nextCheck: (progression) => {
      const triggers = progression.progressionOn ?? [];
      const later = <E extends { readonly result: FollowupResult }>(
        list: readonly E[],
        wanted: boolean,
      ) =>
        wanted
          ? list.filter(
              (e) =>
                e.result.date > progression.after &&
                isPostAnchor(timeline, e.result.date),
            )
          : [];
      const ifes = later([...serumIfe, ...urineIfe], triggers.includes('ife'));
      const spikesAfter = later(spikes, triggers.includes('m_spike'));
      const dflcAfter = later(dflcSeries, triggers.includes('dflc'));
      const firstDate = [...ifes, ...spikesAfter, ...dflcAfter]
        .map((e) => e.result.date)
        .sort()[0];
      if (firstDate === undefined) {
        return undefined;
      }
      const on = <E extends { readonly result: FollowupResult }>(
        list: readonly E[],
      ) => list.filter((e) => e.result.date === firstDate);
      const ifeOn = on(ifes);
      const spikeOn = on(spikesAfter);
      const dflcOn = on(dflcAfter);
      const meets =
        (progression.relapse === true &&
          ifeOn.some((e) => e.reading.state === 'positive')) ||
        spikeOn.some((e) => spikeProgresses(e.value, firstDate)) ||
        dflcOn.some((e) => dflcProgresses(e.value, firstDate));
      return {
        step: {
          resultIds: [...ifeOn, ...spikeOn, ...dflcOn].map((e) => e.result.id),
          date: firstDate,
        },
        meets,
      };
    },
  };
}

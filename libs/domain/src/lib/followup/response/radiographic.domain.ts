import type { FollowupRuleId } from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import type { FollowupResult } from '../results/followup-result';
import { petReading, type PetReading } from '../results/readings';
import {
  firstMatch,
  itemResults,
  latestCandidate,
  nearestToTarget,
  type Categorization,
  type DomainContext,
  type DomainRules,
} from './domain-engine';
import { inBaselineWindow } from './line-timeline';
import type { AssessedDomain, DomainBaseline } from './response.types';
import { inRange, type TimePointWindow } from './time-points';

interface PetEntry {
  readonly result: FollowupResult;
  readonly reading: PetReading;
}

/**
 * Radiographic response by FDG-PET (poems-followup.md §5.3, all [D]). Evaluable only when the
 * baseline PET shows at least one FDG-avid lesion and the current study is a PET (CT-only reads are
 * not categorized: sclerosis can persist after treatment). Progression = a new lesion or a worse
 * read, confirmed at once; CR = no avid lesion; PR = improved; stable = unchanged. A read that
 * cannot rule out progression (new lesion not stated) is never given a better category.
 */
export function radiographicRules(ctx: DomainContext): DomainRules {
  const { protocol, timeline } = ctx;
  const imaging = itemResults(ctx, 'bone_imaging');
  const pets: PetEntry[] = imaging.flatMap((result) => {
    const reading = petReading(result.result);
    return reading ? [{ result, reading }] : [];
  });
  const windowPets = pets.filter((e) =>
    inBaselineWindow(timeline, e.result.date),
  );
  const base = latestCandidate(
    windowPets.filter((e) => e.reading.avidLesionCount !== undefined),
  );
  const baseCount = base?.reading.avidLesionCount;

  const baseRules = (...ids: FollowupRuleId[]) =>
    ruleBasis(protocol, ['baseline_window', 'radiographic_pet_only', ...ids]);
  const baseline: DomainBaseline =
    base === undefined || baseCount === undefined
      ? {
          domain: 'radiographic',
          status: 'not_evaluable',
          reason: 'no_baseline',
          resultIds: windowPets.map((e) => e.result.id),
          explanation:
            windowPets.length > 0
              ? 'The baseline PET has no FDG-avid lesion count recorded.'
              : `No FDG-PET/CT dated ${timeline.baselineWindow.from} to ${timeline.baselineWindow.to} (the baseline window).`,
          ...ruleBasis(protocol, ['baseline_window', 'radiographic_pet_only']),
        }
      : baseCount === 0
        ? {
            domain: 'radiographic',
            status: 'not_evaluable',
            reason: 'no_baseline_avid_lesion',
            resultIds: [base.result.id],
            date: base.result.date,
            value: 0,
            explanation:
              'The baseline PET shows no FDG-avid lesion: there is nothing to follow by PET.',
            ...baseRules(),
          }
        : {
            domain: 'radiographic',
            status: 'available',
            resultIds: [base.result.id],
            date: base.result.date,
            value: baseCount,
            explanation: `Baseline PET on ${base.result.date}: ${baseCount} FDG-avid lesion${baseCount === 1 ? '' : 's'}.`,
            ...baseRules(),
          };

  const categorize = (
    tp: TimePointWindow,
    earlier: readonly AssessedDomain[],
  ): Categorization | undefined => {
    if (baseline.status !== 'available' || baseCount === undefined) {
      return undefined;
    }
    const mk = nearestToTarget(
      tp,
      pets.filter((e) => inRange(tp, e.result.date)),
    );
    if (!mk) {
      const other = imaging.filter((r) => inRange(tp, r.date));
      return other.length === 0
        ? undefined
        : {
            category: 'not_evaluable',
            reason: 'modality_not_pet',
            resultIds: other.map((r) => r.id),
            date: other[0].date,
            after: other[0].date,
            explanation: `The skeletal imaging in the ${tp.key} range is not an FDG-PET: CT-only reads are not categorized.`,
            rules: [],
          };
    }
    const r = mk.reading;
    const progression = r.newLesion === true || r.impression === 'worse';
    const common = {
      resultIds: [mk.result.id],
      ignoredResultIds: imaging
        .filter(
          (x) => inRange(tp, x.date) && petReading(x.result) === undefined,
        )
        .map((x) => x.id),
      date: mk.result.date,
      after: mk.result.date,
    };
    if (!progression && r.newLesion === undefined) {
      return {
        ...common,
        category: 'not_evaluable',
        reason: 'incomplete_result',
        explanation: `The ${tp.key} PET read does not say whether there is a new lesion, so progression cannot be ruled out.`,
        rules: [],
      };
    }
    const { category, overlapped } = firstMatch([
      { category: 'progression' as const, matches: progression },
      { category: 'CR' as const, matches: r.avidLesionCount === 0 },
      { category: 'PR' as const, matches: r.impression === 'improved' },
      { category: 'stable' as const, matches: r.impression === 'unchanged' },
      { category: 'not_evaluable' as const, matches: true },
    ]);
    const relapse =
      category === 'progression' && earlier.some((a) => a.category === 'CR');
    const read = [
      r.avidLesionCount === undefined
        ? undefined
        : `${r.avidLesionCount} avid lesion${r.avidLesionCount === 1 ? '' : 's'}`,
      r.newLesion ? 'a new lesion' : 'no new lesion',
      r.impression,
    ]
      .filter(Boolean)
      .join(', ');
    const explanations: Record<typeof category, string> = {
      progression: `${tp.key} PET: ${read}: progression${relapse ? ', a relapse (CR earlier in the line)' : ''}.`,
      CR: `${tp.key} PET: ${read}: CR.`,
      PR: `${tp.key} PET: ${read}: PR.`,
      stable: `${tp.key} PET: ${read}: stable.`,
      not_evaluable: `${tp.key} PET: ${read}: the read gives no impression to categorize.`,
    };
    return {
      ...common,
      category,
      ...(category === 'not_evaluable'
        ? { reason: 'incomplete_result' as const }
        : {}),
      ...(category === 'progression' ? { relapse } : {}),
      measures: {
        domain: 'radiographic',
        ...(r.avidLesionCount === undefined
          ? {}
          : { avidLesionCount: r.avidLesionCount }),
        ...(r.newLesion === undefined ? {} : { newLesion: r.newLesion }),
        ...(r.impression === undefined ? {} : { impression: r.impression }),
        baselineAvidLesionCount: baseCount,
      },
      explanation: explanations[category],
      rules: [
        'radiographic_categories',
        ...(relapse ? (['relapse'] as const) : []),
        ...(overlapped && category !== 'not_evaluable'
          ? (['category_order'] as const)
          : []),
      ],
    };
  };

  // Radiographic progression is confirmed at once: nothing later is needed.
  return {
    domain: 'radiographic',
    baseline,
    categorize,
    nextCheck: () => undefined,
  };
}

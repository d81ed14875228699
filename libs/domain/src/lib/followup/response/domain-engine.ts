import type { VegfConfounder } from '../../workup/result';
import type {
  FollowupParameterValues,
  FollowupProtocolDefinition,
  FollowupRuleId,
} from '../protocol/followup-protocol.types';
import { ruleBasis } from '../protocol/rule-basis';
import {
  compareResults,
  type FollowupResult,
  type ResultsByItem,
} from '../results/followup-result';
import { isPostAnchor, type LineTimeline } from './line-timeline';
import {
  DOMAIN_ITEMS,
  type DomainCategory,
  type NotEvaluableReason,
  type ResponseDomain,
  type TimePointKey,
} from './response-vocabulary';
import type {
  AssessedDomain,
  ConfirmationStep,
  DomainAssessment,
  DomainBaseline,
  DomainFlag,
  DomainMeasures,
} from './response.types';
import {
  distanceFromTarget,
  inRange,
  type TimePointWindow,
} from './time-points';

/** What every domain's rules see of a line. */
export interface DomainContext {
  readonly protocol: FollowupProtocolDefinition;
  readonly parameters: FollowupParameterValues;
  readonly timeline: LineTimeline;
  readonly asOf: string;
  /** The patient's done results dated up to `asOf`, in date order. */
  readonly results: readonly FollowupResult[];
  /** The same results by item, each in date order. */
  readonly byItem: ResultsByItem;
  /** Whether an instance of one of these items at this time point was cancelled or marked not indicated. */
  readonly instanceCancelled: (
    itemKeys: readonly string[],
    timePoint: TimePointKey,
  ) => boolean;
}

/** What a domain's rules give at one time point (before confirmation). */
export interface Categorization {
  readonly category: DomainCategory;
  readonly reason?: NotEvaluableReason;
  /** The Mk results read. */
  readonly resultIds: readonly string[];
  /** Results in the range the domain never compares (another specimen, a CT beside a PET): not additional. */
  readonly ignoredResultIds?: readonly string[];
  /** The first result of the sequence (the event date when this progression is confirmed). */
  readonly date: string;
  /** Confirmation looks at results dated after this day (the latest Mk result read). */
  readonly after: string;
  readonly relapse?: boolean;
  /** The measures a progression was shown on (hematologic): confirmation looks at the same ones. */
  readonly progressionOn?: readonly string[];
  readonly measures?: DomainMeasures;
  readonly flags?: readonly DomainFlag[];
  readonly confounders?: readonly VegfConfounder[];
  readonly explanation: string;
  readonly rules: readonly FollowupRuleId[];
}

/** A later observation that confirms a progression, or does not. */
export interface ProgressionCheck {
  readonly step: ConfirmationStep;
  readonly meets: boolean;
}

/** One domain's rules for one line. */
export interface DomainRules {
  readonly domain: ResponseDomain;
  readonly baseline: DomainBaseline;
  /** The category at a time point; undefined when the range holds no result of the domain. */
  categorize(
    tp: TimePointWindow,
    earlier: readonly AssessedDomain[],
  ): Categorization | undefined;
  /** The first later observation that can judge a progression; undefined while none exists. */
  nextCheck(progression: Categorization): ProgressionCheck | undefined;
}

/** The result nearest a time point's target; a tie goes to the later one (§1, [D]). */
export function nearestToTarget<T extends { readonly result: FollowupResult }>(
  tp: TimePointWindow,
  candidates: readonly T[],
): T | undefined {
  return candidates.reduce<T | undefined>((best, c) => {
    if (best === undefined) {
      return c;
    }
    const d =
      distanceFromTarget(tp, c.result.date) -
      distanceFromTarget(tp, best.result.date);
    return d < 0 || (d === 0 && compareResults(c.result, best.result) > 0)
      ? c
      : best;
  }, undefined);
}

/** A value of a domain's series, for its nadir. */
export interface SeriesPoint {
  readonly value: number;
  readonly result: FollowupResult;
}

/** The lowest of the baseline and the series points dated before a day (§1 nadir, [D]). */
export function nadirBefore(
  baseline: number | undefined,
  series: readonly SeriesPoint[],
  before: string,
): number | undefined {
  return series
    .filter((p) => p.result.date < before)
    .reduce<
      number | undefined
    >((low, p) => (low === undefined || p.value < low ? p.value : low), baseline);
}

/** The latest of some candidates by result date (then id). */
export function latestCandidate<T extends { readonly result: FollowupResult }>(
  candidates: readonly T[],
): T | undefined {
  return candidates.reduce<T | undefined>(
    (latest, c) =>
      latest === undefined || compareResults(c.result, latest.result) > 0
        ? c
        : latest,
    undefined,
  );
}

/** The results of an item, in date order. */
export function itemResults(
  ctx: DomainContext,
  itemKey: string,
): readonly FollowupResult[] {
  return ctx.byItem.get(itemKey) ?? [];
}

/** The results of some items dated in a range, in date order. */
export function resultsIn(
  ctx: DomainContext,
  itemKeys: readonly string[],
  tp: TimePointWindow,
): FollowupResult[] {
  return itemKeys
    .flatMap((key) => itemResults(ctx, key).filter((r) => inRange(tp, r.date)))
    .sort(compareResults);
}

/** The results of a domain's items dated in a range. */
export function domainResultsIn(
  ctx: DomainContext,
  domain: ResponseDomain,
  tp: TimePointWindow,
): FollowupResult[] {
  return resultsIn(ctx, DOMAIN_ITEMS[domain], tp);
}

/** Results after the anchor inside the line's follow-up (interim and in ranges): the nadir's series. */
export function postAnchorResults(
  ctx: DomainContext,
  itemKey: string,
): FollowupResult[] {
  return itemResults(ctx, itemKey).filter((r) =>
    isPostAnchor(ctx.timeline, r.date),
  );
}

/**
 * Picks the first matching category in the order of §1 and names the rules it rested on. When more
 * than one category matched, the category order decided, and it joins the rules.
 */
export function firstMatch<C extends DomainCategory>(
  candidates: readonly { readonly category: C; readonly matches: boolean }[],
): { category: C; overlapped: boolean } {
  const matched = candidates.filter((c) => c.matches);
  const last = candidates[candidates.length - 1];
  return {
    category: (matched[0] ?? last).category,
    overlapped: matched.length > 1,
  };
}

const TIME_POINT_RULES: readonly FollowupRuleId[] = ['anchor', 'time_points'];

/**
 * A domain's assessments over a line's time points, with confirmation evaluated as of the day:
 * the baseline decides first (not evaluable for the whole line), then the Mk result; a range
 * without a result is `no_result_in_window` once its instance was cancelled or the range has
 * passed, and pending until then.
 */
export function assessDomain(
  ctx: DomainContext,
  rules: DomainRules,
): DomainAssessment[] {
  const { protocol, timeline, asOf } = ctx;
  const earlier: AssessedDomain[] = [];
  const out: DomainAssessment[] = [];
  for (const tp of timeline.timePoints) {
    const inRangeIds = domainResultsIn(ctx, rules.domain, tp).map((r) => r.id);
    const assessed = (
      fields: Omit<
        AssessedDomain,
        | 'status'
        | 'domain'
        | 'timePoint'
        | 'rules'
        | 'trackerDefaults'
        | 'additionalResultIds'
        | 'flags'
      > & {
        readonly flags?: readonly DomainFlag[];
        readonly ignoredResultIds?: readonly string[];
        readonly ruleIds: readonly FollowupRuleId[];
      },
    ): AssessedDomain => {
      const { ruleIds, flags, ignoredResultIds, ...rest } = fields;
      const additionalResultIds = inRangeIds.filter(
        (id) => !rest.resultIds.includes(id) && !ignoredResultIds?.includes(id),
      );
      return {
        status: 'assessed',
        domain: rules.domain,
        timePoint: tp.key,
        ...rest,
        additionalResultIds,
        flags: flags ?? [],
        ...ruleBasis(protocol, [
          ...TIME_POINT_RULES,
          ...ruleIds,
          ...(additionalResultIds.length > 0 && rest.resultIds.length > 0
            ? (['time_point_result'] as const)
            : []),
        ]),
      };
    };

    let assessment: DomainAssessment;
    if (rules.baseline.status === 'not_evaluable') {
      assessment = assessed({
        category: 'not_evaluable',
        ...(rules.baseline.reason ? { reason: rules.baseline.reason } : {}),
        resultIds: [],
        explanation: rules.baseline.explanation,
        ruleIds: rules.baseline.rules,
      });
    } else {
      const c = rules.categorize(tp, earlier);
      if (c) {
        assessment = assessed({
          category: c.category,
          ...(c.reason ? { reason: c.reason } : {}),
          ...(c.relapse === undefined ? {} : { relapse: c.relapse }),
          resultIds: c.resultIds,
          ...(c.ignoredResultIds
            ? { ignoredResultIds: c.ignoredResultIds }
            : {}),
          date: c.date,
          ...(c.measures ? { measures: c.measures } : {}),
          ...(c.flags ? { flags: c.flags } : {}),
          ...(c.confounders && c.confounders.length > 0
            ? { confounders: c.confounders }
            : {}),
          explanation: c.explanation,
          ruleIds: [...rules.baseline.rules, ...c.rules],
        });
        if (c.category === 'progression') {
          assessment = confirm(ctx, rules, c, assessment);
        }
      } else if (
        ctx.instanceCancelled(DOMAIN_ITEMS[rules.domain], tp.key) ||
        asOf >= tp.rangeEnd
      ) {
        const cancelled = ctx.instanceCancelled(
          DOMAIN_ITEMS[rules.domain],
          tp.key,
        );
        assessment = assessed({
          category: 'not_evaluable',
          reason: 'no_result_in_window',
          resultIds: [],
          explanation: cancelled
            ? `No result in the ${tp.key} range: the instance was cancelled.`
            : `No result in the ${tp.key} range (${tp.windowStart} to ${tp.rangeEnd}, exclusive), which has passed.`,
          ruleIds: cancelled ? [] : ['time_points'],
        });
      } else {
        assessment = {
          status: 'pending',
          domain: rules.domain,
          timePoint: tp.key,
          additionalResultIds: inRangeIds,
          explanation:
            asOf < tp.windowStart
              ? `The ${tp.key} window opens on ${tp.windowStart}.`
              : `Awaiting a result in the ${tp.key} range (window ${tp.windowStart} to ${tp.windowEnd}).`,
        };
      }
    }
    if (assessment.status === 'assessed') {
      earlier.push(assessment);
    }
    out.push(assessment);
  }
  return out;
}

function confirm(
  ctx: DomainContext,
  rules: DomainRules,
  c: Categorization,
  assessment: AssessedDomain,
): AssessedDomain {
  const withRules = (extra: readonly FollowupRuleId[]) =>
    ruleBasis(ctx.protocol, [...assessment.rules, 'confirmation', ...extra]);
  if (ctx.protocol.confirmation.immediate.includes(rules.domain)) {
    return { ...assessment, confirmation: 'confirmed', ...withRules([]) };
  }
  const check = rules.nextCheck(c);
  if (!check) {
    return {
      ...assessment,
      confirmation: 'unconfirmed',
      explanation: `${assessment.explanation} Unconfirmed until the next result.`,
      ...withRules([]),
    };
  }
  return {
    ...assessment,
    confirmation: check.meets ? 'confirmed' : 'not_confirmed',
    confirmationStep: check.step,
    explanation: `${assessment.explanation} ${
      check.meets ? 'Confirmed' : 'Not confirmed'
    } by the next result (${check.step.date}).`,
    ...withRules([]),
  };
}

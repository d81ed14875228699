import {
  dueState,
  type DueState,
  type DueWindow,
} from '../../schedule/due-date';
import { isDone, isOpen, type ItemStatus } from '../../workup/item-status';
import type { Specimen } from '../../workup/result';
import { earlierOf } from '../calendar';
import type {
  FollowupProtocolDefinition,
  FollowupRuleId,
  ScheduleCondition,
} from '../protocol/followup-protocol.types';
import { ruleBasis, type RuleBasis } from '../protocol/rule-basis';
import {
  compareResults,
  latestOf,
  resultsByItem,
  type FollowupResult,
} from '../results/followup-result';
import {
  abnormalEndocrineAxis,
  marrowReading,
  mSpikeGPerDl,
  papilledemaShown,
  petReading,
} from '../results/readings';
import type { LineTimeline } from '../response/line-timeline';
import type { TimePointKey } from '../response/response-vocabulary';
import { timePointWindows } from '../response/time-points';

/** The reason open instances of a line get when line n+1 is recorded (§1). */
export const SUPERSEDED_BY_LINE = 'superseded_by_line';

/** What identifies an instance: one per item per time point of a line. */
export interface InstanceRef {
  readonly lineId: string;
  readonly itemKey: string;
  readonly timePoint: TimePointKey;
}

/** A stable string key of an instance (`<lineId>/<itemKey>/<timePoint>`). */
export function instanceKey(ref: InstanceRef): string {
  return `${ref.lineId}/${ref.itemKey}/${ref.timePoint}`;
}

/** Whether a schedule condition holds, read from the latest result on or before the line's start. */
export interface ConditionOutcome {
  readonly condition: ScheduleCondition;
  /** Undefined when no result says. */
  readonly met: boolean | undefined;
  readonly resultId?: string;
  readonly basis: string;
}

/** An instance as the protocol plans it for a line. */
export interface PlannedInstance extends InstanceRef, RuleBasis {
  readonly targetDate: string;
  /** Target + the window's half-width. */
  readonly dueDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  /** The first day a result no longer closes this instance (exclusive). */
  readonly rangeEnd: string;
  readonly condition: ScheduleCondition;
  readonly conditional: boolean;
  /** Conditional instances are part of the schedule when the condition holds or once activated. */
  readonly conditionOutcome: ConditionOutcome;
  readonly note?: string;
  /** VEGF: the baseline's specimen, which every follow-up VEGF must use. */
  readonly specimen?: Specimen;
}

/** The stored state of an instance (persistence owns it; absent = planned, never touched). */
export interface InstanceState extends InstanceRef {
  readonly status: ItemStatus;
  /** The reason of a cancelled or not-indicated instance. */
  readonly reason?: string | null;
  /** A conditional instance activated by a hematologist. */
  readonly activated?: boolean;
}

/** An instance of a line's schedule as of a day. */
export interface FollowupInstance extends PlannedInstance {
  readonly active: boolean;
  /** The stored status, with a closing result read as `resulted` and superseded open instances as `cancelled`. */
  readonly status: ItemStatus;
  readonly reason: string | null;
  /** The first done result of the item in the time point's range. */
  readonly closedByResultId: string | null;
  readonly closedOn: string | null;
  /** Closed by a result dated after the due date (it still counts). */
  readonly late: boolean;
  /** The one due-date rule of the product (overdue = open and due before today). */
  readonly dueState: DueState;
}

const met = (
  condition: ScheduleCondition,
  result: FollowupResult | undefined,
  value: boolean | undefined,
  basis: string,
): ConditionOutcome => ({
  condition,
  met: value,
  ...(result ? { resultId: result.id } : {}),
  basis,
});

/**
 * Every schedule condition for a line (§6), each read from the latest result of its item dated on
 * or before the line's start date that says: a condition without such a result is not met (and
 * the hematologist may activate the instance).
 */
export function scheduleConditions(
  protocol: FollowupProtocolDefinition,
  timeline: LineTimeline,
  results: readonly FollowupResult[],
): Readonly<Record<ScheduleCondition, ConditionOutcome>> {
  const start = timeline.line.startDate;
  const latest = (itemKey: string, says: (r: FollowupResult) => boolean) =>
    latestOf(
      results.filter(
        (r) => r.itemKey === itemKey && r.date <= start && says(r),
      ),
    );
  const { paspMmHg } = protocol.thresholds.risk;
  const { dlcoPercentPredicted } = protocol.thresholds.information;

  const spep = latest('spep', (r) => mSpikeGPerDl(r.result) !== undefined);
  const spike = spep ? mSpikeGPerDl(spep.result) : undefined;
  const pet = latest(
    'bone_imaging',
    (r) => petReading(r.result)?.avidLesionCount !== undefined,
  );
  const avid = pet ? petReading(pet.result)?.avidLesionCount : undefined;
  const marrow = latest('bone_marrow_biopsy', (r) => {
    const m = marrowReading(r.result);
    return m.iliacCrest && m.clone !== undefined;
  });
  const endocrine = latest(
    'endocrine_panel',
    (r) => abnormalEndocrineAxis(r.result) !== undefined,
  );
  const echo = latest(
    'echocardiogram',
    (r) =>
      r.result.paspMmHg !== undefined ||
      r.result.signs?.includes('pulmonary_hypertension') === true,
  );
  const pft = latest('pft', (r) => r.result.dlcoPercentPredicted !== undefined);
  const fundus = latest(
    'fundoscopy',
    (r) => papilledemaShown(r.result) !== undefined,
  );
  const echoMet = echo
    ? (echo.result.paspMmHg !== undefined &&
        echo.result.paspMmHg >= paspMmHg) ||
      echo.result.signs?.includes('pulmonary_hypertension') === true
    : undefined;
  const dlco = pft?.result.dlcoPercentPredicted;

  return {
    always: met('always', undefined, true, 'always scheduled'),
    baseline_m_spike_present: met(
      'baseline_m_spike_present',
      spep,
      spike === undefined ? undefined : spike > 0,
      spike === undefined
        ? 'no SPEP before the start'
        : `M-spike ${spike} g/dL on ${spep?.date}`,
    ),
    baseline_pet_avid: met(
      'baseline_pet_avid',
      pet,
      avid === undefined ? undefined : avid >= 1,
      avid === undefined
        ? 'no PET with an avid lesion count before the start'
        : `${avid} FDG-avid lesions on ${pet?.date}`,
    ),
    baseline_marrow_clone: met(
      'baseline_marrow_clone',
      marrow,
      marrow ? marrowReading(marrow.result).clone === 'present' : undefined,
      marrow
        ? `iliac-crest marrow on ${marrow.date}: clone ${marrowReading(marrow.result).clone}`
        : 'no iliac-crest marrow read before the start',
    ),
    baseline_abnormal_axis: met(
      'baseline_abnormal_axis',
      endocrine,
      endocrine ? abnormalEndocrineAxis(endocrine.result) : undefined,
      endocrine
        ? `endocrine panel on ${endocrine.date}`
        : 'no endocrine panel before the start',
    ),
    baseline_pasp_ge_50: met(
      'baseline_pasp_ge_50',
      echo,
      echoMet,
      echo
        ? `echocardiogram on ${echo.date}${echo.result.paspMmHg === undefined ? '' : `: PASP ${echo.result.paspMmHg} mmHg`}`
        : 'no echocardiogram before the start',
    ),
    baseline_dlco_abnormal: met(
      'baseline_dlco_abnormal',
      pft,
      dlco === undefined ? undefined : dlco < dlcoPercentPredicted,
      dlco === undefined
        ? 'no DLCO before the start'
        : `DLCO ${dlco}% of predicted on ${pft?.date}`,
    ),
    baseline_papilledema: met(
      'baseline_papilledema',
      fundus,
      fundus ? papilledemaShown(fundus.result) : undefined,
      fundus
        ? `fundoscopy on ${fundus.date}`
        : 'no fundoscopy before the start',
    ),
  };
}

const CONDITION_RULES: Readonly<
  Partial<Record<ScheduleCondition, readonly FollowupRuleId[]>>
> = {
  baseline_pasp_ge_50: ['pulmonary_hypertension_rvsp'],
  baseline_dlco_abnormal: ['reduced_dlco_information'],
};

/**
 * The instances the protocol plans for a line (§6): one per item per scheduled time point, with
 * target and due dates, each conditional one with its condition's outcome. None while the line has
 * no anchor: instances are generated when the anchor is set.
 */
export function planLineSchedule(
  protocol: FollowupProtocolDefinition,
  timeline: LineTimeline,
  results: readonly FollowupResult[],
  vegfSpecimen?: Specimen,
): PlannedInstance[] {
  if (timeline.anchor.date === null) {
    return [];
  }
  const conditions = scheduleConditions(protocol, timeline, results);
  // The schedule covers every time point; a superseded line's later instances exist and are cancelled.
  const windows = timePointWindows(protocol, timeline.anchor.date);
  return protocol.schedule.flatMap((entry) =>
    windows
      .filter((w) => entry.timePoints.includes(w.key))
      .map(
        (w): PlannedInstance => ({
          lineId: timeline.line.id,
          itemKey: entry.itemKey,
          timePoint: w.key,
          targetDate: w.targetDate,
          dueDate: w.dueDate,
          windowStart: w.windowStart,
          windowEnd: w.windowEnd,
          rangeEnd: timeline.followUpEnd
            ? earlierOf(w.rangeEnd, timeline.followUpEnd)
            : w.rangeEnd,
          condition: entry.condition,
          conditional: entry.condition !== 'always',
          conditionOutcome: conditions[entry.condition],
          ...(entry.note ? { note: entry.note } : {}),
          ...(entry.itemKey === 'vegf' && vegfSpecimen
            ? { specimen: vegfSpecimen }
            : {}),
          ...ruleBasis(protocol, [
            'followup_schedule',
            'time_points',
            'anchor',
            ...(CONDITION_RULES[entry.condition] ?? []),
          ]),
        }),
      ),
  );
}

/** The first done result of an instance's item in its range: the one that closes it (§6). */
export function closingResult(
  instance: PlannedInstance,
  results: readonly FollowupResult[],
): FollowupResult | undefined {
  return results.reduce<FollowupResult | undefined>(
    (first, r) =>
      r.itemKey === instance.itemKey &&
      r.date >= instance.windowStart &&
      r.date < instance.rangeEnd &&
      (first === undefined || compareResults(r, first) < 0)
        ? r
        : first,
    undefined,
  );
}

/**
 * The instances a newly recorded result closes: open instances of its item whose range holds the
 * result's date and that no earlier result closed (for the API to mark them `resulted`).
 */
export function instancesClosedBy(
  instances: readonly FollowupInstance[],
  result: FollowupResult,
): FollowupInstance[] {
  return instances.filter(
    (i) =>
      i.active &&
      isOpen(i.status) &&
      i.itemKey === result.itemKey &&
      result.date >= i.windowStart &&
      result.date < i.rangeEnd,
  );
}

/**
 * The state changes recording line n+1 makes to line n's schedule: each open instance is cancelled
 * with reason `superseded_by_line` (§1).
 */
export function supersededCancellations(
  instances: readonly FollowupInstance[],
): InstanceState[] {
  return instances
    .filter((i) => i.active && isOpen(i.status))
    .map((i) => ({
      lineId: i.lineId,
      itemKey: i.itemKey,
      timePoint: i.timePoint,
      status: 'cancelled',
      reason: SUPERSEDED_BY_LINE,
    }));
}

/**
 * A line's schedule as of a day: the planned instances with their stored states, each closed by the
 * first done result in its range (a late one counts), open instances of a superseded line
 * cancelled, and the due state from the one overdue rule. Inactive conditional instances are
 * returned apart, for a hematologist to activate.
 */
export function lineSchedule(
  protocol: FollowupProtocolDefinition,
  planned: readonly PlannedInstance[],
  states: readonly InstanceState[],
  results: readonly FollowupResult[],
  window: DueWindow,
  superseded: boolean,
): {
  readonly instances: FollowupInstance[];
  readonly activatable: PlannedInstance[];
} {
  const stored = new Map(states.map((s) => [instanceKey(s), s]));
  const byItem = resultsByItem(results);
  const instances: FollowupInstance[] = [];
  const activatable: PlannedInstance[] = [];
  for (const plan of planned) {
    const state = stored.get(instanceKey(plan));
    const active =
      !plan.conditional ||
      plan.conditionOutcome.met === true ||
      state?.activated === true;
    if (!active) {
      activatable.push(plan);
      continue;
    }
    const closing = closingResult(plan, byItem.get(plan.itemKey) ?? []);
    const storedStatus: ItemStatus = state?.status ?? 'planned';
    let status: ItemStatus = storedStatus;
    let reason: string | null = state?.reason ?? null;
    if (!isDone(storedStatus) && closing) {
      status = 'resulted';
      reason = null;
    } else if (superseded && isOpen(storedStatus) && !closing) {
      status = 'cancelled';
      reason = SUPERSEDED_BY_LINE;
    }
    instances.push({
      ...plan,
      ...(reason === SUPERSEDED_BY_LINE
        ? ruleBasis(protocol, [...plan.rules, 'line_superseding'])
        : {}),
      active,
      status,
      reason,
      closedByResultId: closing?.id ?? null,
      closedOn: closing?.date ?? null,
      late: closing !== undefined && closing.date > plan.dueDate,
      dueState: dueState({ status, dueDate: plan.dueDate }, window),
    });
  }
  return { instances, activatable };
}

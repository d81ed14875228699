import { transitionRefusal } from '../workup/lifecycle';
import {
  ENDOCRINE_AXES,
  interpret,
  type AxisState,
  type EndocrineAxis,
  type QuantityValue,
  type ResultInput,
} from '../workup/result';
import { codedAnswerOf } from './coded-answers';
import {
  inboxPriority,
  type CodedAnswer,
  type DecodedObservation,
  type DecodedOrder,
  type DecodedReport,
  type EarlierResult,
  type InboundPlan,
  type InboxProposal,
  type InboxReason,
  type InterfaceMapping,
  type ItemApplication,
  type ItemState,
  type ObservationStatus,
} from './inbound.types';
import { labCodeOf, type LabCode } from './lab-codes';
import { unitConversion } from './lab-units';
import { interpretationOfFlags } from './reference-range';

const LOINC_SYSTEMS = new Set(['LN', 'http://loinc.org']);

/** The LOINC code of an observation: a LOINC triplet, else the interface's local-code map. */
export function loincOf(observation: DecodedObservation, mapping: InterfaceMapping): string | undefined {
  const loinc = observation.codes.find((c) => c.system !== undefined && LOINC_SYSTEMS.has(c.system));
  if (loinc) {
    return loinc.code;
  }
  for (const c of observation.codes) {
    const local = mapping.localCodes?.[`${c.system ?? ''}|${c.code}`] ?? mapping.localCodes?.[c.code];
    if (local !== undefined) {
      return local;
    }
  }
  return undefined;
}

/** One observation read against the LOINC map: what it contributes to its item, or why it cannot. */
type ReadObservation =
  | { readonly ok: true; readonly code: LabCode; readonly observation: DecodedObservation; readonly value?: QuantityValue; readonly answer?: CodedAnswer; readonly text?: string }
  | { readonly ok: false; readonly code?: LabCode; readonly observation: DecodedObservation; readonly reason: InboxReason; readonly detail: string };

function readObservation(observation: DecodedObservation, mapping: InterfaceMapping): ReadObservation {
  const loinc = loincOf(observation, mapping);
  const code = loinc === undefined ? undefined : labCodeOf(loinc);
  const name = observation.codes[0]?.code ?? '?';
  if (code === undefined) {
    return { ok: false, observation, reason: 'unknown_code', detail: `observation ${observation.setId} (${loinc ?? name}) is not on the checklist` };
  }
  const value = observation.value;
  const notes = observation.notes.join('\n');
  if (code.property === 'coded') {
    if (value.kind === 'coded') {
      const answer = codedAnswerOf(value.coding, mapping);
      return answer === undefined
        ? { ok: false, code, observation, reason: 'coded_value_unmapped', detail: `answer ${value.coding.code} of ${code.loinc} has no meaning configured for this interface` }
        : { ok: true, code, observation, answer, ...(notes !== '' && { text: notes }) };
    }
    if (value.kind === 'text') {
      return { ok: true, code, observation, text: [value.text, notes].filter((t) => t !== '').join('\n') };
    }
    return { ok: false, code, observation, reason: 'coded_value_unmapped', detail: `${code.loinc} sent without a coded answer` };
  }
  if (value.kind !== 'number') {
    return { ok: false, code, observation, reason: 'value_not_numeric', detail: `${code.name} (${code.loinc}) is not a plain number` };
  }
  const conversion = unitConversion(code, observation.unit, observation.unitIsUcum);
  if (!conversion.ok) {
    return { ok: false, code, observation, reason: 'unit_mismatch', detail: conversion.detail };
  }
  const stored = conversion.toStored(value.value);
  if (stored === undefined) {
    return { ok: false, code, observation, reason: 'unit_mismatch', detail: `${code.name} cannot be converted to ${code.unit}` };
  }
  const low = observation.low === undefined ? undefined : conversion.toStored(observation.low);
  const high = observation.high === undefined ? undefined : conversion.toStored(observation.high);
  const interpretation = interpretationOfFlags(observation.flags);
  const quantity: QuantityValue = {
    code: code.loinc,
    name: code.name,
    value: stored,
    unit: code.unit ?? '',
    ...(low !== undefined && { low }),
    ...(high !== undefined && { high }),
    ...(interpretation !== undefined && { interpretation }),
  };
  return { ok: true, code, observation, value: quantity, ...(notes !== '' && { text: notes }) };
}

/**
 * Endocrine axes from values (lab-interface reference §2, 06): an axis is abnormal when any of its
 * values is high or low, normal when all its values are within range, and not tested when it has
 * no value. A value that cannot be interpreted (no range, no flag) leaves its axis not tested
 * rather than normal: "cannot tell" is never "ruled out".
 */
export function axesOfValues(values: readonly QuantityValue[]): Partial<Record<EndocrineAxis, AxisState>> {
  const axes: Partial<Record<EndocrineAxis, AxisState>> = {};
  for (const axis of ENDOCRINE_AXES) {
    const ofAxis = values.filter((v) => v.code !== undefined && labCodeOf(v.code)?.axis === axis);
    const readings = ofAxis.map((v) => interpret(v));
    axes[axis] = readings.some((r) => r === 'H' || r === 'L')
      ? 'abnormal'
      : readings.length > 0 && readings.every((r) => r === 'N')
        ? 'normal'
        : 'not_tested';
  }
  return axes;
}

/** The `result` body of one item from the observations read for it. */
function resultOf(itemKey: string, order: DecodedOrder, read: readonly Extract<ReadObservation, { ok: true }>[]): { result: ResultInput } | { reason: InboxReason; detail: string; result: ResultInput } {
  const values = read.flatMap((r) => (r.value ? [r.value] : []));
  const texts = read.flatMap((r) => (r.text ? [r.text] : []));
  const answers = read.flatMap((r) => (r.answer ? [r.answer] : []));
  const base: { -readonly [K in keyof ResultInput]: ResultInput[K] } = {};
  if (values.length > 0) {
    base.values = values;
  }
  if (texts.length > 0) {
    base.report = texts.join('\n');
  }
  if (itemKey === 'endocrine_panel' && values.length > 0) {
    base.axes = axesOfValues(values);
  }
  const distinct = new Map(answers.map((a) => [`${a.heavyChain}|${a.lightChain ?? ''}`, a]));
  if (distinct.size > 1) {
    return { reason: 'coded_value_unmapped', detail: 'more than one immunofixation answer in one report', result: base };
  }
  const [answer] = [...distinct.values()];
  if (answer) {
    base.heavyChain = answer.heavyChain;
    if (answer.lightChain) {
      base.lightChain = answer.lightChain;
    }
  }
  if ((itemKey === 'serum_ife' || itemKey === 'urine_ife') && answer === undefined) {
    // The chains are what the item establishes the clone by; a narrative alone is never parsed.
    return { reason: 'coded_value_unmapped', detail: 'immunofixation sent without a coded answer', result: base };
  }
  if (itemKey === 'vegf') {
    if (order.specimen === 'plasma' || order.specimen === 'serum') {
      base.specimen = order.specimen;
    } else {
      return { reason: 'specimen_missing', detail: order.specimen === undefined ? 'VEGF sent without its specimen (plasma or serum)' : 'VEGF on a specimen other than plasma or serum', result: base };
    }
  }
  return { result: base };
}

/** Values of `incoming` replace those of `current` with the same code; the others are kept. */
function mergeValues(current: readonly QuantityValue[], incoming: readonly QuantityValue[]): QuantityValue[] {
  const codes = new Set(incoming.map((v) => v.code));
  return [...current.filter((v) => v.code === undefined || !codes.has(v.code)), ...incoming];
}

/** The item's current result with the incoming one merged in by LOINC, axes recomputed. */
function merged(itemKey: string, current: ResultInput | null, incoming: ResultInput): ResultInput {
  const values = mergeValues(current?.values ?? [], incoming.values ?? []);
  const result: { -readonly [K in keyof ResultInput]: ResultInput[K] } = { ...(current ?? {}), ...incoming };
  if (values.length > 0) {
    result.values = values;
  }
  if (current?.report && incoming.report && current.report !== incoming.report) {
    result.report = incoming.report;
  }
  if (itemKey === 'endocrine_panel') {
    const computed = axesOfValues(values);
    // Axes recorded by hand without values stay as they are; measured ones follow the values.
    result.axes = Object.fromEntries(
      ENDOCRINE_AXES.map((axis) => [axis, computed[axis] === 'not_tested' ? (current?.axes?.[axis] ?? 'not_tested') : computed[axis]]),
    );
  }
  // Findings asserted by a hematologist are theirs to revise, never carried over by a machine.
  delete result.findings;
  return result;
}

/** Whether a new value for an already recorded code would silently change it. */
function conflicts(current: ResultInput | null, incoming: ResultInput): boolean {
  const existing = new Map((current?.values ?? []).map((v) => [v.code, v]));
  return (incoming.values ?? []).some((v) => {
    const before = existing.get(v.code);
    return before !== undefined && (before.value !== v.value || before.unit !== v.unit);
  });
}

const statusOf = (order: DecodedOrder, observation: DecodedObservation): ObservationStatus => observation.status ?? order.status ?? 'F';

const STATUS_REASONS: Partial<Record<ObservationStatus, InboxReason>> = {
  P: 'status_P',
  R: 'status_P',
  I: 'status_P',
  S: 'status_P',
  X: 'lab_cancelled',
  D: 'result_deleted',
  W: 'wrong_patient',
};

const STATUS_DETAILS: Partial<Record<InboxReason, string>> = {
  status_P: 'preliminary result: shown, never applied or evaluated',
  lab_cancelled: 'the laboratory could not obtain the result; re-order if still needed',
  result_deleted: 'the laboratory deleted this result',
  wrong_patient: 'the laboratory says this result was filed under the wrong patient',
};

/** What the planner knows of the patient's workup. */
export interface PlanContext {
  readonly mapping: InterfaceMapping;
  readonly interfaceId: string;
  /** The open workup's items; undefined: the report goes to the inbox with `patientReason`. */
  readonly items?: readonly ItemState[];
  /** Why the report cannot be applied to anyone (no patient, mismatch, no open workup). */
  readonly patientReason?: { readonly reason: InboxReason; readonly detail: string };
  /** Results applied earlier from this interface to this patient, for corrections and W. */
  readonly earlier: readonly EarlierResult[];
}

/**
 * Decides what a laboratory report does (lab-interface reference §1.1–1.3), as a pure function of
 * the report, the interface's mapping and the workup's items: which item results to apply through
 * the `result` action (final and held results on an exact match, corrections of results this
 * interface applied before) and which inbox entries to raise, each with its reason and the decoded
 * values as a proposal. Nothing is dropped: every observation ends in exactly one of the two.
 */
export function planInboundReport(report: DecodedReport, context: PlanContext): InboundPlan {
  const applications: ItemApplication[] = [];
  const inbox: InboxProposal[] = [];
  const items = new Map((context.items ?? []).map((i) => [i.key, i]));

  const raise = (reason: InboxReason, detail: string, order: DecodedOrder, observations: readonly DecodedObservation[], itemKey?: string, result?: ResultInput): void => {
    const performedAt = performedAtOf(order, observations);
    inbox.push({
      reason,
      priority: inboxPriority(reason),
      detail,
      observations,
      ...(order.fillerOrder !== undefined && { fillerOrder: order.fillerOrder }),
      ...(itemKey !== undefined && { itemKey }),
      ...(result !== undefined && { result }),
      ...(performedAt !== undefined && { performedAt }),
    });
  };

  for (const order of report.orders) {
    // Observations by what their status does; a reason applies to the whole group.
    const byStatus = new Map<string, DecodedObservation[]>();
    for (const observation of order.observations) {
      const status = statusOf(order, observation);
      const key = STATUS_REASONS[status] ?? (status === 'C' ? 'C' : 'F');
      byStatus.set(key, [...(byStatus.get(key) ?? []), observation]);
    }
    for (const [key, observations] of byStatus) {
      const read = observations.map((o) => readObservation(o, context.mapping));
      const groups = groupByItem(read);
      const statusReason = key === 'C' || key === 'F' ? undefined : (key as InboxReason);
      for (const failed of read.filter((r): r is Extract<ReadObservation, { ok: false }> => !r.ok && r.code === undefined)) {
        // An observation no item takes goes to the inbox alone, under the reason that weighs most.
        const reason = statusReason ?? context.patientReason?.reason ?? failed.reason;
        const detail = statusReason ? (STATUS_DETAILS[statusReason] ?? '') : (context.patientReason?.detail ?? failed.detail);
        raise(reason, detail, order, [failed.observation]);
      }
      for (const [itemKey, all] of groups) {
        const group = all.filter((r): r is Extract<ReadObservation, { ok: true }> => r.ok);
        const built = resultOf(itemKey, order, group);
        const observationsOfGroup = all.map((g) => g.observation);
        // An item's observations stay together: applying part of a report (a narrative without
        // its coded answer) would close the item on less than the laboratory said.
        const failed = all.find((r): r is Extract<ReadObservation, { ok: false }> => !r.ok);
        if (statusReason !== undefined) {
          raise(statusReason, STATUS_DETAILS[statusReason] ?? '', order, observationsOfGroup, itemKey, built.result);
          continue;
        }
        if (context.patientReason !== undefined) {
          raise(context.patientReason.reason, context.patientReason.detail, order, observationsOfGroup, itemKey, built.result);
          continue;
        }
        if (failed !== undefined) {
          raise(failed.reason, failed.detail, order, observationsOfGroup, itemKey, built.result);
          continue;
        }
        if ('reason' in built) {
          raise(built.reason, built.detail, order, observationsOfGroup, itemKey, built.result);
          continue;
        }
        const decision = decide(itemKey, key === 'C', order, group, built.result, items.get(itemKey), context);
        if (decision.apply) {
          applications.push(decision.apply);
        } else {
          raise(decision.reason, decision.detail, order, observationsOfGroup, itemKey, built.result);
        }
      }
    }
  }
  return { applications, inbox };
}

/** Observations by the item their code maps to (unmapped ones are left out). */
function groupByItem(read: readonly ReadObservation[]): Map<string, ReadObservation[]> {
  const groups = new Map<string, ReadObservation[]>();
  for (const r of read) {
    const itemKey = r.code?.itemKey;
    if (itemKey !== undefined) {
      groups.set(itemKey, [...(groups.get(itemKey) ?? []), r]);
    }
  }
  return groups;
}

function performedAtOf(order: DecodedOrder, observations: readonly DecodedObservation[]): string | undefined {
  return order.collectedAt ?? observations.find((o) => o.observedAt !== undefined)?.observedAt;
}

type Decision =
  | { readonly apply: ItemApplication }
  | { readonly apply?: undefined; readonly reason: InboxReason; readonly detail: string };

function decide(
  itemKey: string,
  correction: boolean,
  order: DecodedOrder,
  group: readonly Extract<ReadObservation, { ok: true }>[],
  result: ResultInput,
  item: ItemState | undefined,
  context: PlanContext,
): Decision {
  const observations = group.map((g) => g.observation);
  const loincs = group.map((g) => ({ loinc: g.code.loinc, subId: g.observation.subId }));
  const performedAt = performedAtOf(order, observations);
  const application = (applied: ResultInput, merge: boolean): Decision => ({
    apply: {
      itemKey,
      result: applied,
      correction,
      merged: merge,
      observations,
      loincs,
      ...(performedAt !== undefined && { performedAt }),
      ...(order.fillerOrder !== undefined && { fillerOrder: order.fillerOrder }),
    },
  });
  if (item === undefined) {
    return { reason: 'item_closed', detail: `this workup's checklist has no ${itemKey}` };
  }
  const refusal = transitionRefusal('result', { status: item.status, active: item.active, conditional: !item.required });
  if (refusal !== undefined) {
    return { reason: 'item_closed', detail: refusal };
  }
  const done = item.status === 'resulted' || item.status === 'reviewed';
  if (correction) {
    const original = loincs.some((l) =>
      context.earlier.some((e) => e.fillerOrder === order.fillerOrder && e.loinc === l.loinc && e.subId === l.subId && e.itemKey === itemKey),
    );
    if (!original || !done) {
      return { reason: 'correction_without_original', detail: 'no earlier result of this order and code was applied from this interface' };
    }
    return application(merged(itemKey, item.result, result), true);
  }
  if (!done) {
    return application(result, false);
  }
  if (itemKey === 'endocrine_panel') {
    // Panels arrive in parts: later values join the current result; a changed value needs C.
    return conflicts(item.result, result)
      ? { reason: 'already_resulted', detail: 'a value already recorded would change without a correction (C) status' }
      : application(merged(itemKey, item.result, result), true);
  }
  const sameOrder =
    item.source?.kind === 'interface' &&
    item.source.interfaceId === context.interfaceId &&
    order.fillerOrder !== undefined &&
    item.source.fillerOrder === order.fillerOrder;
  return sameOrder
    ? application(result, false)
    : { reason: 'already_resulted', detail: 'the item already has a final result from another order or entered by hand' };
}

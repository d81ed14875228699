import { DomainError, type FieldError } from '../errors';
import { findingsOfResult } from '../inference/infer-findings';
import type { ResultSource } from '../lab/inbound.types';
import type { Sex } from '../patient/patient';
import { getCatalogItem } from '../protocol/registry';
import type { ProtocolDefinition } from '../protocol/protocol.types';
import type { Finding } from './findings';
import type { ItemStatus } from './item-status';
import {
  planTransition,
  type ItemAction,
  type PlannedTransition,
} from './lifecycle';
import { normaliseResult, type ResultInput } from './result';
import { validateResultContent } from './result-content';
import { validateResult } from './result-validation';

/** Clock skew tolerated between a client saying "now" and the server. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * What each item action carries beyond the item's `version`. Instants are ISO 8601 strings with
 * offset; dates are `YYYY-MM-DD`.
 */
export interface ItemActionBodies {
  readonly order: { readonly dueDate?: string };
  readonly schedule: {
    readonly scheduledAt: string;
    readonly location?: string;
    readonly dueDate?: string;
  };
  readonly perform: { readonly performedAt: string };
  readonly result: ResultInput & { readonly performedAt?: string };
  readonly review: { readonly note?: string };
  readonly cancel: { readonly reason: string };
  readonly 'not-indicated': { readonly reason: string };
  readonly reopen: { readonly reason: string };
  readonly activate: { readonly reason?: string };
}

/** An action on one item: `body` is typed by `action`, and carries the version the caller saw. */
export type ItemActionCommand = {
  readonly [A in ItemAction]: {
    readonly key: string;
    readonly action: A;
    readonly body: ItemActionBodies[A] & { readonly version: number };
  };
}[ItemAction];

/** A workup item as stored: everything an action reads or may change. */
export interface ActionableItem {
  readonly key: string;
  readonly required: boolean;
  readonly active: boolean;
  readonly status: ItemStatus;
  readonly dueDate: string | null;
  readonly scheduledAt: Date | null;
  readonly location: string | null;
  readonly performedAt: Date | null;
  readonly resultedAt: Date | null;
  readonly reviewedAt: Date | null;
  readonly reviewedBy: string | null;
  readonly result: ResultInput | null;
  readonly findings: readonly Finding[];
  readonly resultSource: ResultSource | null;
  readonly reason: string | null;
  readonly closedByName: string | null;
  readonly version: number;
}

/** The workup an action is decided on. */
export interface ItemActionState {
  readonly protocol: ProtocolDefinition;
  readonly workupStatus: 'open' | 'closed';
  readonly items: readonly ActionableItem[];
}

/** Who acts, when, and what the action needs to know beyond the workup. */
export interface ItemActionContext {
  readonly now: Date;
  readonly actor: { readonly id: string; readonly displayName?: string } | null;
  /** Where a `result` comes from; a person's request is `typed`. */
  readonly source: ResultSource;
  /** The patient's sex, read by the inference rules of a `result`. */
  readonly patientSex: Sex;
}

/** Every stored field an action may change. */
export interface ItemPatchOf {
  readonly status: ItemStatus;
  readonly active: boolean;
  readonly dueDate?: string | null;
  readonly scheduledAt?: Date | null;
  readonly location?: string | null;
  readonly performedAt?: Date | null;
  readonly resultedAt?: Date | null;
  readonly reviewedAt?: Date | null;
  readonly reviewedBy?: string | null;
  readonly result?: ResultInput | null;
  readonly findings?: Finding[];
  readonly resultSource?: ResultSource | null;
  readonly reason?: string | null;
  readonly closedByName?: string | null;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;
}

/** One item's change: its patch, its history step and its audit event. */
export interface ItemChange {
  readonly key: string;
  readonly action: ItemAction;
  readonly patch: ItemPatchOf;
  readonly history: {
    readonly from: ItemStatus;
    readonly to: ItemStatus;
    /** When the step happened clinically. */
    readonly effectiveAt: Date;
    readonly reason: string | null;
    /** Null when there is nothing to add. */
    readonly details: Record<string, unknown> | null;
  };
  readonly audit: {
    /** `item.<action>` */
    readonly action: string;
    readonly diff: Record<string, { from: unknown; to: unknown }>;
    readonly details: Record<string, unknown>;
  };
}

/** Everything an item action changes. */
export interface ItemActionDecision {
  readonly action: ItemAction;
  /** The acted-on item first, then items activated by the signs its result records. */
  readonly changes: readonly ItemChange[];
  /** A result recorded on a done item (the earlier result is kept in its history). */
  readonly correction: boolean;
  /** Why the workup is re-evaluated, as the evaluation snapshot records it. */
  readonly evaluation: {
    readonly cause: 'result corrected' | `item ${ItemAction}`;
    readonly itemKey: string;
  };
}

/** What an action changes besides the status and activity the lifecycle decides. */
interface Effect {
  readonly patch: Omit<
    ItemPatchOf,
    'status' | 'active' | 'updatedAt' | 'updatedBy'
  >;
  readonly effectiveAt: Date;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown>;
}

/**
 * Decides an action on a workup item: refuses what the body, the lifecycle or the workup do not
 * allow, and returns every change — the item's patch, its history step and audit event, the
 * conditional items the result's signs activate, and the cause of the re-evaluation. Refusals are
 * checked in the order the API reports them: the body, the version, the workup, the lifecycle.
 * @throws DomainError `not_found`, `validation_failed`, `stale_version`, `illegal_transition`.
 */
export function decideItemAction(
  state: ItemActionState,
  command: ItemActionCommand,
  context: ItemActionContext,
): ItemActionDecision {
  const item = state.items.find((i) => i.key === command.key);
  if (item === undefined) {
    throw new DomainError('not_found', 'The workup has no such item.');
  }
  const errors = bodyErrors(state.protocol, command, context.now);
  if (errors.length > 0) {
    throw DomainError.invalid(errors);
  }
  if (item.version !== command.body.version) {
    throw new DomainError(
      'stale_version',
      'The item was changed by someone else; reload the latest and retry.',
    );
  }
  if (state.workupStatus !== 'open') {
    throw new DomainError(
      'illegal_transition',
      'The workup is closed; reopen it to change its items.',
    );
  }
  const plan = planTransition(command.action, lifecycleOf(item));
  const effect = effectOf(state.protocol, item, command, plan, context);
  const change = changeOf(item, command.action, plan, effect, context);
  const activations =
    command.action === 'result'
      ? activateBySigns(state, { ...item, ...change.patch }, context)
      : [];
  return {
    action: command.action,
    changes: [change, ...activations],
    correction: plan.correction,
    evaluation: {
      cause: plan.correction ? 'result corrected' : `item ${command.action}`,
      itemKey: command.key,
    },
  };
}

/**
 * The details of the audit event of a verdict an action changed: its cause, the flags raised,
 * whether it corrected a result, whether it retracted a sign-off.
 */
export function evaluationAuditDetails(
  decision: ItemActionDecision,
  flags: readonly string[],
  retracted: boolean,
): Record<string, unknown> {
  return {
    cause: `item.${decision.action}`,
    itemKey: decision.evaluation.itemKey,
    flags,
    ...(decision.correction && { correction: true }),
    ...(retracted && { retracted: true }),
  };
}

/** The result as the domain reads it: the body without `version` and `performedAt`, as plain JSON. */
export function resultInputOf(
  body: ItemActionBodies['result'] & { readonly version?: number },
): ResultInput {
  const { version: _version, performedAt: _performedAt, ...result } = body;
  // Plain JSON: class instances of a validated request must not leak into storage or the rules.
  return JSON.parse(JSON.stringify(result)) as ResultInput;
}

/** The audited state of an item: every field an action can change, instants as ISO text. */
export function auditedItemFields(
  item: Omit<ActionableItem, 'key' | 'required' | 'version'>,
): Record<string, unknown> {
  return {
    status: item.status,
    active: item.active,
    dueDate: item.dueDate,
    scheduledAt: item.scheduledAt?.toISOString() ?? null,
    location: item.location,
    performedAt: item.performedAt?.toISOString() ?? null,
    resultedAt: item.resultedAt?.toISOString() ?? null,
    reviewedAt: item.reviewedAt?.toISOString() ?? null,
    result: item.result,
    findings: item.findings,
    reason: item.reason,
  };
}

/**
 * The fields whose JSON differs between two records (a missing field reads as null), each with
 * its value before and after: the `diff` of an audit event.
 */
export function diffOf(
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): Record<string, { from: unknown; to: unknown }> {
  const keys = new Set([
    ...Object.keys(before ?? {}),
    ...Object.keys(after ?? {}),
  ]);
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) {
      diff[key] = { from, to };
    }
  }
  return diff;
}

/** Clinical checks of the body that need the catalog item or the clock. */
function bodyErrors(
  protocol: ProtocolDefinition,
  command: ItemActionCommand,
  now: Date,
): FieldError[] {
  const errors: FieldError[] = [];
  if (
    (command.action === 'perform' || command.action === 'result') &&
    command.body.performedAt !== undefined &&
    Date.parse(command.body.performedAt) > now.getTime() + FUTURE_TOLERANCE_MS
  ) {
    errors.push({
      field: 'performedAt',
      message: 'performedAt must not be in the future',
    });
  }
  if (command.action === 'result') {
    const catalog = getCatalogItem(protocol, command.key);
    const result = resultInputOf(command.body);
    errors.push(
      ...validateResult(catalog, result),
      ...validateResultContent(catalog, result, protocol.thresholds),
    );
  }
  return errors;
}

function lifecycleOf(
  item: ActionableItem,
): Parameters<typeof planTransition>[1] {
  return {
    status: item.status,
    active: item.active,
    conditional: !item.required,
  };
}

function effectOf(
  protocol: ProtocolDefinition,
  item: ActionableItem,
  command: ItemActionCommand,
  plan: PlannedTransition,
  context: ItemActionContext,
): Effect {
  const { now } = context;
  switch (command.action) {
    case 'order':
      return {
        patch: { dueDate: command.body.dueDate ?? item.dueDate },
        effectiveAt: now,
      };
    case 'schedule':
      return {
        patch: {
          scheduledAt: new Date(command.body.scheduledAt),
          location: command.body.location ?? item.location,
          dueDate: command.body.dueDate ?? item.dueDate,
        },
        effectiveAt: now,
        details: {
          ...(item.scheduledAt !== null && {
            rescheduledFrom: item.scheduledAt.toISOString(),
          }),
        },
      };
    case 'perform': {
      const performedAt = new Date(command.body.performedAt);
      return { patch: { performedAt }, effectiveAt: performedAt };
    }
    case 'result':
      return resultEffect(protocol, item, command.body, plan, context);
    case 'review':
      return {
        patch: { reviewedAt: now, reviewedBy: context.actor?.id ?? null },
        effectiveAt: now,
        details: command.body.note ? { note: command.body.note } : {},
      };
    case 'cancel':
    case 'not-indicated':
      return {
        patch: {
          reason: command.body.reason,
          closedByName: context.actor?.displayName ?? null,
        },
        effectiveAt: now,
        reason: command.body.reason,
      };
    case 'reopen':
      return {
        patch: { reason: command.body.reason, closedByName: null },
        effectiveAt: now,
        reason: command.body.reason,
      };
    case 'activate': {
      const reason = command.body.reason ?? null;
      return {
        patch: { reason: reason ?? item.reason },
        effectiveAt: now,
        reason,
      };
    }
  }
}

function resultEffect(
  protocol: ProtocolDefinition,
  item: ActionableItem,
  body: ItemActionBodies['result'],
  plan: PlannedTransition,
  { now, actor, source, patientSex }: ItemActionContext,
): Effect {
  const result = normaliseResult(resultInputOf(body));
  const performedAt = body.performedAt
    ? new Date(body.performedAt)
    : item.performedAt;
  return {
    patch: {
      performedAt,
      resultedAt: now,
      result,
      findings: findingsOfResult({
        item: getCatalogItem(protocol, item.key),
        result,
        sex: patientSex,
        thresholds: protocol.thresholds,
        // Kept on each assertion so an explanation can say who overrode a rule, and when.
        asserter: {
          ...(actor?.displayName && { by: actor.displayName }),
          at: now.toISOString(),
        },
      }),
      // A corrected result needs a new review.
      reviewedAt: null,
      reviewedBy: null,
      // A typed result keeps no source (read as typed), so rows written by people stay exactly as
      // they were before sources existed.
      resultSource: source.kind === 'typed' ? null : source,
    },
    effectiveAt: performedAt ?? now,
    details: {
      ...(plan.correction && {
        correction: true,
        previousStatus: item.status,
        previousResult: item.result,
        previousFindings: item.findings,
        ...(item.resultSource !== null && {
          previousSource: item.resultSource,
        }),
      }),
      // The item's history names the interface and the message a result came from.
      ...(source.kind !== 'typed' && { source }),
    },
  };
}

function changeOf(
  item: ActionableItem,
  action: ItemAction,
  plan: PlannedTransition,
  effect: Effect,
  context: ItemActionContext,
): ItemChange {
  const patch: ItemPatchOf = {
    ...effect.patch,
    status: plan.to,
    active: plan.active,
    updatedAt: context.now,
    updatedBy: context.actor?.id ?? null,
  };
  const details =
    effect.details && Object.keys(effect.details).length > 0
      ? effect.details
      : null;
  return {
    key: item.key,
    action,
    patch,
    history: {
      from: plan.from,
      to: plan.to,
      effectiveAt: effect.effectiveAt,
      reason: effect.reason ?? null,
      details,
    },
    audit: {
      action: `item.${action}`,
      diff: diffOf(
        auditedItemFields(item),
        auditedItemFields({ ...item, ...patch }),
      ),
      details: {
        itemKey: item.key,
        ...(details?.['correction'] === true && { correction: true }),
        ...(details?.['source'] !== undefined && { source: details['source'] }),
        ...(details?.['automatic'] === true && { automatic: true }),
      },
    },
  };
}

/**
 * A recorded sign that activates a conditional item (lymphadenopathy → lymph node biopsy)
 * activates it with the result, as if a hematologist had.
 */
function activateBySigns(
  state: ItemActionState,
  source: ActionableItem,
  context: ItemActionContext,
): ItemChange[] {
  const signs = source.result?.signs ?? [];
  const sourceName = getCatalogItem(state.protocol, source.key).shortName;
  const items = state.items.map((i) => (i.key === source.key ? source : i));
  const changes: ItemChange[] = [];
  for (const catalog of state.protocol.items) {
    const target = items.find((i) => i.key === catalog.key);
    if (
      catalog.activatedBySign === undefined ||
      !signs.includes(catalog.activatedBySign) ||
      target === undefined ||
      target.active ||
      target.status !== 'planned'
    ) {
      continue;
    }
    const reason = `${catalog.activatedBySign} recorded by ${sourceName}`;
    const plan = planTransition('activate', lifecycleOf(target));
    changes.push(
      changeOf(
        target,
        'activate',
        plan,
        {
          patch: { reason },
          effectiveAt: context.now,
          reason,
          details: { automatic: true, trigger: source.key },
        },
        context,
      ),
    );
  }
  return changes;
}

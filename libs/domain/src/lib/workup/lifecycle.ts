import { DomainError } from '../errors';
import type { ItemStatus } from './item-status';

/** Actions on a workup item, spelled as in the API path (`/items/:key/<action>`). */
export const ITEM_ACTIONS = [
  'order',
  'schedule',
  'perform',
  'result',
  'review',
  'cancel',
  'not-indicated',
  'reopen',
  'activate',
] as const;

/** An action on a workup item. */
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** One row of the transition table: from which statuses an action is allowed, and where it leads. */
export interface Transition {
  readonly from: readonly ItemStatus[];
  /** `undefined` keeps the status (activation changes only whether the item is active). */
  readonly to: ItemStatus | undefined;
  /** The action needs a non-empty reason. */
  readonly needsReason: boolean;
}

/**
 * The item lifecycle (domain reference §6): planned → ordered → scheduled → performed →
 * resulted → reviewed, plus cancelled and not indicated (each with a reason, each reopenable).
 *
 * Steps may be skipped forward where clinics do so: an exam is performed without an order, a
 * test is scheduled without a separate order step, and a result may be recorded for any open
 * item (the `result` body carries `performedAt`). Recording a result on a done item is a
 * correction: the earlier result goes to history and a reviewed item returns to `resulted`.
 */
export const ITEM_TRANSITIONS: Readonly<Record<ItemAction, Transition>> = {
  order: { from: ['planned'], to: 'ordered', needsReason: false },
  schedule: { from: ['planned', 'ordered', 'scheduled'], to: 'scheduled', needsReason: false },
  perform: { from: ['planned', 'ordered', 'scheduled'], to: 'performed', needsReason: false },
  result: {
    from: ['planned', 'ordered', 'scheduled', 'performed', 'resulted', 'reviewed'],
    to: 'resulted',
    needsReason: false,
  },
  review: { from: ['resulted'], to: 'reviewed', needsReason: false },
  cancel: { from: ['planned', 'ordered', 'scheduled', 'performed'], to: 'cancelled', needsReason: true },
  'not-indicated': { from: ['planned', 'ordered', 'scheduled'], to: 'not_indicated', needsReason: true },
  reopen: { from: ['cancelled', 'not_indicated'], to: 'planned', needsReason: true },
  activate: { from: ['planned'], to: undefined, needsReason: false },
};

/** The state of an item that decides which actions are legal. */
export interface LifecycleState {
  readonly status: ItemStatus;
  /** Conditional items are part of the workup only once active. */
  readonly active: boolean;
  /** Whether the catalog marks the item conditional. */
  readonly conditional: boolean;
}

/** The outcome of a legal action. */
export interface PlannedTransition {
  readonly from: ItemStatus;
  readonly to: ItemStatus;
  readonly active: boolean;
  /** A result recorded on a done item: the earlier result is kept in history. */
  readonly correction: boolean;
}

/** Why an action is not allowed, or undefined when it is. */
export function transitionRefusal(action: ItemAction, state: LifecycleState): string | undefined {
  if (action === 'activate') {
    if (!state.conditional) {
      return 'Only conditional items can be activated.';
    }
    if (state.active) {
      return 'The item is already active.';
    }
  } else if (!state.active) {
    return 'The item is not part of this workup until it is activated.';
  }
  if (!ITEM_TRANSITIONS[action].from.includes(state.status)) {
    return `Cannot ${action.replace('-', ' ')} an item that is ${state.status.replace('_', ' ')}.`;
  }
  return undefined;
}

/**
 * Plans an action on an item: the resulting status and activity.
 * @throws DomainError `illegal_transition` when the lifecycle does not allow it.
 */
export function planTransition(action: ItemAction, state: LifecycleState): PlannedTransition {
  const refusal = transitionRefusal(action, state);
  if (refusal !== undefined) {
    throw new DomainError('illegal_transition', refusal, { action, status: state.status, active: state.active });
  }
  const transition = ITEM_TRANSITIONS[action];
  return {
    from: state.status,
    to: transition.to ?? state.status,
    active: action === 'activate' ? true : state.active,
    correction: action === 'result' && (state.status === 'resulted' || state.status === 'reviewed'),
  };
}

/** The actions the lifecycle allows on an item now (roles aside). */
export function allowedActions(state: LifecycleState): ItemAction[] {
  return ITEM_ACTIONS.filter((action) => transitionRefusal(action, state) === undefined);
}

import { DomainError } from '../errors';
import { ITEM_STATUSES, type ItemStatus } from './item-status';
import {
  allowedActions,
  ITEM_ACTIONS,
  ITEM_TRANSITIONS,
  planTransition,
  type ItemAction,
  type LifecycleState,
} from './lifecycle';

/**
 * The lifecycle of domain reference §6, written out independently of ITEM_TRANSITIONS:
 * action → { from status: to status } for an active item. Forward skips (perform without an
 * order, result on any open item) are allowed; a result on a done item is a correction.
 */
const LEGAL: Readonly<
  Record<ItemAction, Partial<Record<ItemStatus, ItemStatus>>>
> = {
  order: { planned: 'ordered' },
  schedule: {
    planned: 'scheduled',
    ordered: 'scheduled',
    scheduled: 'scheduled',
  },
  perform: {
    planned: 'performed',
    ordered: 'performed',
    scheduled: 'performed',
  },
  result: {
    planned: 'resulted',
    ordered: 'resulted',
    scheduled: 'resulted',
    performed: 'resulted',
    resulted: 'resulted',
    reviewed: 'resulted',
  },
  review: { resulted: 'reviewed' },
  cancel: {
    planned: 'cancelled',
    ordered: 'cancelled',
    scheduled: 'cancelled',
    performed: 'cancelled',
  },
  'not-indicated': {
    planned: 'not_indicated',
    ordered: 'not_indicated',
    scheduled: 'not_indicated',
  },
  reopen: { cancelled: 'planned', not_indicated: 'planned' },
  activate: { planned: 'planned' },
};

interface Case {
  readonly action: ItemAction;
  readonly status: ItemStatus;
  readonly active: boolean;
  readonly conditional: boolean;
}

const CASES: Case[] = ITEM_ACTIONS.flatMap((action) =>
  ITEM_STATUSES.flatMap((status) =>
    [true, false].flatMap((active) =>
      [true, false].map((conditional) => ({
        action,
        status,
        active,
        conditional,
      })),
    ),
  ),
);

/** What the reference allows: activation only of an inactive conditional item; everything else only on an active item. */
function expected({ action, status, active, conditional }: Case) {
  const to = LEGAL[action][status];
  const permitted = action === 'activate' ? conditional && !active : active;
  if (to === undefined || !permitted) {
    return undefined;
  }
  return {
    from: status,
    to,
    active: true,
    correction:
      action === 'result' && (status === 'resulted' || status === 'reviewed'),
  };
}

describe('item lifecycle (domain reference §6)', () => {
  it('covers every action × status × active × conditional', () => {
    expect(CASES).toHaveLength(ITEM_ACTIONS.length * ITEM_STATUSES.length * 4);
    expect(ITEM_ACTIONS).toHaveLength(9);
  });

  describe.each(CASES)(
    '$action on a $status item (active $active, conditional $conditional)',
    (c) => {
      const state: LifecycleState = {
        status: c.status,
        active: c.active,
        conditional: c.conditional,
      };
      const outcome = expected(c);

      if (outcome) {
        it(`is legal → ${outcome.to}${outcome.correction ? ' (correction)' : ''}`, () => {
          expect(planTransition(c.action, state)).toEqual(outcome);
          expect(allowedActions(state)).toContain(c.action);
        });
      } else {
        it('is illegal: throws illegal_transition', () => {
          let error: unknown;
          try {
            planTransition(c.action, state);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('illegal_transition');
          expect((error as DomainError).details).toEqual({
            action: c.action,
            status: c.status,
            active: c.active,
          });
          expect(allowedActions(state)).not.toContain(c.action);
        });
      }
    },
  );

  it('never lets an inactive item do anything but be activated', () => {
    for (const conditional of [true, false]) {
      expect(
        allowedActions({ status: 'planned', active: false, conditional }),
      ).toEqual(conditional ? ['activate'] : []);
    }
  });

  it('explains why an action is refused', () => {
    expect(() =>
      planTransition('activate', {
        status: 'planned',
        active: true,
        conditional: false,
      }),
    ).toThrow('Only conditional items can be activated.');
    expect(() =>
      planTransition('activate', {
        status: 'planned',
        active: true,
        conditional: true,
      }),
    ).toThrow('The item is already active.');
    expect(() =>
      planTransition('order', {
        status: 'planned',
        active: false,
        conditional: true,
      }),
    ).toThrow(/not part of this workup/);
    expect(() =>
      planTransition('review', {
        status: 'planned',
        active: true,
        conditional: false,
      }),
    ).toThrow('Cannot review an item that is planned.');
    expect(() =>
      planTransition('reopen', {
        status: 'not_indicated',
        active: false,
        conditional: true,
      }),
    ).toThrow(/not part of this workup/);
  });

  it('requires a reason exactly for cancel, not-indicated and reopen', () => {
    const needingReason = ITEM_ACTIONS.filter(
      (a) => ITEM_TRANSITIONS[a].needsReason,
    );
    expect(needingReason.sort()).toEqual(['cancel', 'not-indicated', 'reopen']);
  });

  it('reopens cancelled and not-indicated items to planned', () => {
    for (const status of ['cancelled', 'not_indicated'] as const) {
      expect(
        planTransition('reopen', { status, active: true, conditional: false })
          .to,
      ).toBe('planned');
    }
  });

  it('returns a reviewed item to resulted on correction, keeping the correction flag', () => {
    expect(
      planTransition('result', {
        status: 'reviewed',
        active: true,
        conditional: true,
      }),
    ).toEqual({
      from: 'reviewed',
      to: 'resulted',
      active: true,
      correction: true,
    });
  });
});

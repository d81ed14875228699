import fc from 'fast-check';
import { DomainError } from '../errors';
import { ITEM_STATUSES, type ItemStatus } from './item-status';
import {
  ITEM_ACTIONS,
  ITEM_TRANSITIONS,
  planTransition,
  type LifecycleState,
} from './lifecycle';

/** Statuses reachable from `planned` in the transition graph (breadth-first). */
function reachableFromPlanned(): Set<ItemStatus> {
  const seen = new Set<ItemStatus>(['planned']);
  const queue: ItemStatus[] = ['planned'];
  while (queue.length > 0) {
    const from = queue.shift() as ItemStatus;
    for (const t of Object.values(ITEM_TRANSITIONS)) {
      const to = t.to ?? from;
      if (t.from.includes(from) && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

const REACHABLE = reachableFromPlanned();

describe('item lifecycle properties', () => {
  it('can reach every status from planned', () => {
    expect([...REACHABLE].sort()).toEqual([...ITEM_STATUSES].sort());
  });

  it('only reaches statuses through legal steps; illegal steps throw and change nothing', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.constantFrom(...ITEM_ACTIONS), { maxLength: 30 }),
        (conditional, actions) => {
          let state: LifecycleState = {
            status: 'planned',
            active: !conditional,
            conditional,
          };
          let everDone = false;
          for (const action of actions) {
            const before = { ...state };
            let planned: ReturnType<typeof planTransition> | undefined;
            try {
              planned = planTransition(action, state);
            } catch (error) {
              expect(error).toBeInstanceOf(DomainError);
              expect((error as DomainError).code).toBe('illegal_transition');
              expect(state).toEqual(before);
              continue;
            }
            const transition = ITEM_TRANSITIONS[action];
            expect(transition.from).toContain(state.status);
            expect(planned.from).toBe(state.status);
            expect(planned.to).toBe(transition.to ?? state.status);
            expect(REACHABLE.has(planned.to)).toBe(true);
            // Nothing happens to a conditional item before it is activated, and nothing deactivates it.
            expect(planned.active).toBe(true);
            expect(state.active || action === 'activate').toBe(true);
            // A correction is exactly a result recorded on an item that already had one.
            expect(planned.correction).toBe(
              action === 'result' &&
                (state.status === 'resulted' || state.status === 'reviewed'),
            );
            if (planned.to === 'reviewed') {
              expect(state.status).toBe('resulted');
            }
            everDone = everDone || planned.to === 'resulted';
            if (planned.correction) {
              expect(everDone).toBe(true);
            }
            state = { status: planned.to, active: planned.active, conditional };
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

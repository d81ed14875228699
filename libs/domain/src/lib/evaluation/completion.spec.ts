import fc from 'fast-check';
import { completionFromCounts, completionOf } from './evaluate';
import type { ItemStatus } from '../workup/item-status';

const item = (status: ItemStatus, active = true) => ({ status, active });

describe('completion', () => {
  it('counts done items over the items still expected', () => {
    expect(
      completionOf([
        item('reviewed'),
        item('resulted'),
        item('ordered'),
        item('planned'),
      ]),
    ).toEqual({ done: 2, closed: 2, total: 4, percent: 50 });
  });

  it('takes not-indicated and cancelled items out of the denominator, so a workup can reach 100 %', () => {
    expect(
      completionOf([
        item('reviewed'),
        item('resulted'),
        item('not_indicated'),
        item('cancelled'),
      ]),
    ).toEqual({ done: 2, closed: 4, total: 4, percent: 100 });
    expect(
      completionOf([item('reviewed'), item('planned'), item('not_indicated')])
        .percent,
    ).toBe(50);
  });

  it('leaves inactive conditional items out entirely', () => {
    expect(completionOf([item('reviewed'), item('planned', false)])).toEqual({
      done: 1,
      closed: 1,
      total: 1,
      percent: 100,
    });
  });

  it('reads 0 % without items and 100 % when nothing is expected any more', () => {
    expect(completionOf([]).percent).toBe(0);
    expect(
      completionOf([item('not_indicated'), item('cancelled')]).percent,
    ).toBe(100);
  });

  it('rounds to whole percentages, halves up', () => {
    expect(completionFromCounts(1, 1, 3).percent).toBe(33);
    expect(completionFromCounts(2, 2, 3).percent).toBe(67);
    expect(completionFromCounts(1, 1, 8).percent).toBe(13);
  });

  it('stays within 0–100 and never falls when an open item is excluded', () => {
    fc.assert(
      fc.property(
        fc.nat(40),
        fc.nat(40),
        fc.nat(40),
        (done, excluded, open) => {
          const total = done + excluded + open;
          const before = completionFromCounts(
            done,
            done + excluded,
            total,
          ).percent;
          expect(before).toBeGreaterThanOrEqual(0);
          expect(before).toBeLessThanOrEqual(100);
          if (open > 0) {
            const after = completionFromCounts(
              done,
              done + excluded + 1,
              total,
            ).percent;
            expect(after).toBeGreaterThanOrEqual(before);
          }
        },
      ),
    );
  });
});

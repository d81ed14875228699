import {
  ITEM_STATUSES,
  isClosed,
  isDone,
  isOpen,
  type ItemStatus,
} from './item-status';

/** Domain reference §6, written out. */
const EXPECTED: Record<
  ItemStatus,
  { open: boolean; done: boolean; closed: boolean }
> = {
  planned: { open: true, done: false, closed: false },
  ordered: { open: true, done: false, closed: false },
  scheduled: { open: true, done: false, closed: false },
  performed: { open: true, done: false, closed: false },
  resulted: { open: false, done: true, closed: true },
  reviewed: { open: false, done: true, closed: true },
  cancelled: { open: false, done: false, closed: true },
  not_indicated: { open: false, done: false, closed: true },
};

describe('item status classes', () => {
  it('knows exactly the eight statuses of the lifecycle', () => {
    expect([...ITEM_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: %j', (status, expected) => {
    const s = status as ItemStatus;
    expect({ open: isOpen(s), done: isDone(s), closed: isClosed(s) }).toEqual(
      expected,
    );
  });
});

import { ITEM_STATUSES } from '../workup/item-status';
import { dueWindow } from './due-date';
import {
  BUCKET_STATUSES,
  daysWaiting,
  worklistBuckets,
  WORKLIST_BUCKETS,
  type WorklistItem,
} from './worklist';

const NOW = new Date('2026-03-10T09:00:00Z');
const window = dueWindow(NOW, 'Europe/Berlin', 7);
const anItem = (overrides: Partial<WorklistItem> = {}): WorklistItem => ({
  status: 'planned',
  active: true,
  dueDate: null,
  ...overrides,
});

describe('worklist buckets', () => {
  it('has the buckets of the API contract', () => {
    expect([...WORKLIST_BUCKETS]).toEqual([
      'overdue',
      'due_soon',
      'unscheduled',
      'awaiting_result',
      'awaiting_review',
    ]);
  });

  it.each([
    [
      anItem({ status: 'ordered', dueDate: '2026-03-01' }),
      ['overdue', 'unscheduled'],
    ],
    [anItem({ status: 'planned', dueDate: null }), ['unscheduled']],
    [anItem({ status: 'scheduled', dueDate: '2026-03-12' }), ['due_soon']],
    [anItem({ status: 'scheduled', dueDate: '2026-04-30' }), []],
    [anItem({ status: 'scheduled', dueDate: null }), []],
    [
      anItem({ status: 'performed', dueDate: '2026-03-10' }),
      ['due_soon', 'awaiting_result'],
    ],
    [
      anItem({ status: 'performed', dueDate: '2026-03-09' }),
      ['overdue', 'awaiting_result'],
    ],
    [
      anItem({ status: 'resulted', dueDate: '2026-03-01' }),
      ['awaiting_review'],
    ],
    [anItem({ status: 'reviewed', dueDate: '2026-03-01' }), []],
    [anItem({ status: 'cancelled', dueDate: '2026-03-01' }), []],
    [anItem({ status: 'not_indicated', dueDate: '2026-03-01' }), []],
  ])('%j → %j', (item, buckets) => {
    expect(worklistBuckets(item, window)).toEqual(buckets);
  });

  it.each(ITEM_STATUSES)(
    'puts an inactive %s item in no bucket, even overdue',
    (status) => {
      expect(
        worklistBuckets(
          anItem({ status, active: false, dueDate: '2026-01-01' }),
          window,
        ),
      ).toEqual([]);
    },
  );

  it('puts each open or awaiting status in exactly one status bucket', () => {
    const statuses = Object.values(BUCKET_STATUSES).flat();
    expect(new Set(statuses).size).toBe(statuses.length);
    expect(statuses.sort()).toEqual([
      'ordered',
      'performed',
      'planned',
      'resulted',
    ]);
  });
});

describe('days waiting', () => {
  // 2026-03-10 in Berlin; 22:30 UTC on the 8th is already the 9th there.
  const waiting = { performedAt: '2026-03-08T23:30:00Z', resultedAt: new Date('2026-03-03T10:00:00Z') };

  it('counts clinic days since performed while awaiting the result', () => {
    expect(daysWaiting(waiting, 'awaiting_result', window, 'Europe/Berlin')).toBe(1);
    expect(daysWaiting(waiting, 'awaiting_result', window, 'UTC')).toBe(2);
  });

  it('counts since resulted while awaiting review', () => {
    expect(daysWaiting(waiting, 'awaiting_review', window, 'Europe/Berlin')).toBe(7);
  });

  it('is null where the due date tells lateness, or the date is unknown', () => {
    expect(daysWaiting(waiting, 'overdue', window, 'UTC')).toBeNull();
    expect(daysWaiting(waiting, 'unscheduled', window, 'UTC')).toBeNull();
    expect(daysWaiting({ performedAt: null, resultedAt: null }, 'awaiting_result', window, 'UTC')).toBeNull();
  });

  it('never counts below zero (a clock skew puts performed after today)', () => {
    expect(daysWaiting({ performedAt: '2026-03-11T08:00:00Z', resultedAt: null }, 'awaiting_result', window, 'UTC')).toBe(0);
  });
});

import { ITEM_STATUSES } from '../workup/item-status';
import { dueWindow } from './due-date';
import {
  BUCKET_STATUSES,
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

import type { ItemStatus } from '../workup/item-status';
import { dueState, type DueItem, type DueWindow } from './due-date';

/** The coordinator's worklist buckets. */
export const WORKLIST_BUCKETS = ['overdue', 'due_soon', 'unscheduled', 'awaiting_result', 'awaiting_review'] as const;

/** A worklist bucket. */
export type WorklistBucket = (typeof WORKLIST_BUCKETS)[number];

/** What the worklist needs of an item. */
export interface WorklistItem extends DueItem {
  readonly active: boolean;
}

/** Statuses that put an item in each status-based bucket. */
export const BUCKET_STATUSES: Readonly<Record<'unscheduled' | 'awaiting_result' | 'awaiting_review', readonly ItemStatus[]>> = {
  // Planned or ordered but not on anyone's calendar yet: what a coordinator chases first.
  unscheduled: ['planned', 'ordered'],
  awaiting_result: ['performed'],
  awaiting_review: ['resulted'],
};

/**
 * The buckets an item of an open workup belongs to; an item can be in a due-date bucket and a
 * status bucket at once. Inactive conditional items belong to none.
 */
export function worklistBuckets(item: WorklistItem, window: DueWindow): WorklistBucket[] {
  if (!item.active) {
    return [];
  }
  const buckets: WorklistBucket[] = [];
  const due = dueState(item, window);
  if (due === 'overdue' || due === 'due_soon') {
    buckets.push(due);
  }
  for (const bucket of ['unscheduled', 'awaiting_result', 'awaiting_review'] as const) {
    if (BUCKET_STATUSES[bucket].includes(item.status)) {
      buckets.push(bucket);
    }
  }
  return buckets;
}

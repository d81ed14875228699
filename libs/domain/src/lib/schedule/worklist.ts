import type { ItemStatus } from '../workup/item-status';
import { clinicDateOf } from './clinic-time';
import { daysBetween } from '../followup/calendar';
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

/** What {@link daysWaiting} needs of an item. */
export interface WaitingItem {
  readonly performedAt: Date | string | null;
  readonly resultedAt: Date | string | null;
}

/**
 * Whole clinic days an item has waited in a status bucket, counted in the clinic's calendar:
 * since it was performed (awaiting result) or resulted (awaiting review). Null in the due-date and
 * unscheduled buckets, where the due date says how late an item is, and when the date is unknown.
 */
export function daysWaiting(item: WaitingItem, bucket: WorklistBucket, window: DueWindow, timeZone: string): number | null {
  const since = bucket === 'awaiting_result' ? item.performedAt : bucket === 'awaiting_review' ? item.resultedAt : null;
  if (since === null) {
    return null;
  }
  return Math.max(0, daysBetween(clinicDateOf(since, timeZone), window.today));
}

/** Statuses of a workup item (domain reference §6). */
export const ITEM_STATUSES = [
  'planned',
  'ordered',
  'scheduled',
  'performed',
  'resulted',
  'reviewed',
  'cancelled',
  'not_indicated',
] as const;

/** Where a workup item stands in its lifecycle. */
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Statuses in which work on the item is still expected. */
export const OPEN_STATUSES = ['planned', 'ordered', 'scheduled', 'performed'] as const satisfies readonly ItemStatus[];

/** Statuses in which the item has a result. */
export const DONE_STATUSES = ['resulted', 'reviewed'] as const satisfies readonly ItemStatus[];

/** Statuses in which the item needs nothing more: done, cancelled or not indicated. */
export const CLOSED_STATUSES = [...DONE_STATUSES, 'cancelled', 'not_indicated'] as const satisfies readonly ItemStatus[];

/** Done = a result is recorded (`resulted` or `reviewed`). */
export function isDone(status: ItemStatus): boolean {
  return (DONE_STATUSES as readonly ItemStatus[]).includes(status);
}

/** Closed = done, cancelled or not indicated. */
export function isClosed(status: ItemStatus): boolean {
  return (CLOSED_STATUSES as readonly ItemStatus[]).includes(status);
}

/** Open = planned, ordered, scheduled or performed. */
export function isOpen(status: ItemStatus): boolean {
  return !isClosed(status);
}

import {
  DEFAULT_PROTOCOL_KEY,
  getProtocol,
  WORKLIST_BUCKETS,
  type WorklistBucket,
} from '@poems/domain';
import { WORKLIST_SORTS, type WorklistSort } from '@poems/contract';
import type { WorklistQuery } from '../worklist.service';

/** Rows per page of the worklist. */
export const WORKLIST_PAGE_SIZE = 25;

export const BUCKET_LABELS: Readonly<Record<WorklistBucket, string>> = {
  overdue: 'Overdue',
  due_soon: 'Due soon',
  unscheduled: 'Unscheduled',
  awaiting_result: 'Awaiting result',
  awaiting_review: 'Awaiting review',
};

/** The tests a coordinator can filter by: the workup catalog's, by name. */
export const TEST_OPTIONS: readonly { key: string; name: string }[] = [
  ...getProtocol(DEFAULT_PROTOCOL_KEY).items,
]
  .map((i) => ({ key: i.key, name: i.name }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** The worklist's query parameters, as the URL has them. */
export interface WorklistParams {
  readonly bucket?: string;
  readonly page?: string;
  readonly sort?: string;
  readonly patient?: string;
  readonly item?: string;
  readonly location?: string;
  readonly attending?: string;
  readonly grouped: boolean;
}

const isBucket = (value: string | undefined): value is WorklistBucket =>
  (WORKLIST_BUCKETS as readonly (string | undefined)[]).includes(value);
const isSort = (value: string | undefined): value is WorklistSort =>
  (WORKLIST_SORTS as readonly (string | undefined)[]).includes(value);
const text = (value: string | undefined): string | undefined =>
  value?.trim() ? value.trim() : undefined;

/** The page of the worklist the URL asks for; unknown values fall back to the defaults. */
export function worklistQuery(p: WorklistParams): WorklistQuery {
  const chosen = isSort(p.sort) ? p.sort : ('dueDate' as const);
  return {
    bucket: isBucket(p.bucket) ? p.bucket : ('overdue' as const),
    page: Math.max(1, Number.parseInt(p.page ?? '1', 10) || 1),
    pageSize: WORKLIST_PAGE_SIZE,
    // Grouped, each patient's rows must be together: the patient is the first order.
    sort:
      p.grouped && !chosen.endsWith('patientName')
        ? ('patientName' as const)
        : chosen,
    patient: text(p.patient),
    item: TEST_OPTIONS.some((t) => t.key === p.item) ? p.item : undefined,
    location: text(p.location),
    attending: text(p.attending),
  };
}

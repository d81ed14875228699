import { Injectable } from '@nestjs/common';
import {
  BUCKET_STATUSES,
  OPEN_STATUSES,
  WORKLIST_BUCKETS,
  type DueWindow,
  type ItemStatus,
  type WorklistBucket,
  type WorklistSort,
} from '@poems/domain';
import type { EntityManager } from 'typeorm';

/** A worklist row as stored, before the catalog names it. */
export interface WorklistRecord {
  readonly item_id: string;
  readonly workup_id: string;
  readonly patient_id: string;
  readonly mrn: string;
  readonly given_name: string;
  readonly family_name: string;
  readonly protocol_key: string;
  readonly protocol_version: number;
  readonly key: string;
  readonly status: ItemStatus;
  readonly due_date: string | null;
  readonly scheduled_at: Date | null;
  readonly location: string | null;
  readonly version: number;
}

/**
 * The SQL form of the domain's bucket rule (`worklistBuckets`) over the due window `win` (the
 * clinic's today and the last due-soon day). The worklist test checks both agree on every status and due date.
 */
const BUCKET_SQL: Readonly<Record<WorklistBucket, string>> = {
  overdue: `i.status IN (${quoted(OPEN_STATUSES)}) AND i.due_date < win.today`,
  due_soon: `i.status IN (${quoted(OPEN_STATUSES)}) AND i.due_date >= win.today AND i.due_date <= win.until`,
  unscheduled: `i.status IN (${quoted(BUCKET_STATUSES.unscheduled)})`,
  awaiting_result: `i.status IN (${quoted(BUCKET_STATUSES.awaiting_result)})`,
  awaiting_review: `i.status IN (${quoted(BUCKET_STATUSES.awaiting_review)})`,
};

const ORDER_SQL: Readonly<Record<WorklistSort, string>> = {
  dueDate: 'i.due_date ASC NULLS LAST',
  '-dueDate': 'i.due_date DESC NULLS LAST',
  patientName:
    'p.family_search COLLATE "C" ASC, p.given_search COLLATE "C" ASC',
  '-patientName':
    'p.family_search COLLATE "C" DESC, p.given_search COLLATE "C" DESC',
  itemName: 'i.key ASC',
  '-itemName': 'i.key DESC',
  status: 'i.status ASC',
  '-status': 'i.status DESC',
  scheduledAt: 'i.scheduled_at ASC NULLS LAST',
  '-scheduledAt': 'i.scheduled_at DESC NULLS LAST',
};

// `i.workup_open` lets each bucket read its own partial index, which holds open workups' items only.
const FROM = `
  FROM workup_items i
  JOIN workups w ON w.id = i.workup_id AND w.status = 'open'
  JOIN patients p ON p.id = w.patient_id
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active AND i.workup_open`;

/** Bucket counts stop here; the tabs show a count at the cap as "at least". */
export const WORKLIST_COUNT_CAP = 1_000;

// The counts read the items alone: `workup_open` says whether their workup is open, and the
// foreign keys guarantee it and its patient exist. Each count is then an index-only scan.
const COUNT_FROM = `
  FROM workup_items i
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active AND i.workup_open`;

/** The coordinator's worklist across patients: active items of open workups, by bucket. */
@Injectable()
export class WorklistRepository {
  async page(
    manager: EntityManager,
    bucket: WorklistBucket,
    window: DueWindow,
    sort: WorklistSort,
    page: number,
    pageSize: number,
  ): Promise<WorklistRecord[]> {
    return (await manager.query(
      `SELECT i.id AS item_id, i.workup_id, w.patient_id, p.mrn, p.given_name, p.family_name,
              w.protocol_key, w.protocol_version, i.key, i.status, i.due_date::text AS due_date,
              i.scheduled_at, i.location, i.version
       ${FROM} AND ${BUCKET_SQL[bucket]}
        ORDER BY ${ORDER_SQL[sort]}, i.due_date ASC NULLS LAST, p.family_search COLLATE "C", i.id
        LIMIT $3 OFFSET $4`,
      [window.today, window.dueSoonUntil, pageSize, (page - 1) * pageSize],
    )) as WorklistRecord[];
  }

  /**
   * The number of items in every bucket, for the tabs, each counted up to
   * {@link WORKLIST_COUNT_CAP}: an exact count reads every open item of every open workup, so its
   * cost would grow with the clinic, while a page must cost the same at any size. Each capped
   * count walks its bucket's own partial index and stops at the cap.
   */
  async counts(
    manager: EntityManager,
    window: DueWindow,
  ): Promise<Record<WorklistBucket, number>> {
    const counts = WORKLIST_BUCKETS.map(
      (bucket) =>
        `(SELECT count(*)::int FROM (SELECT 1 ${COUNT_FROM} AND ${BUCKET_SQL[bucket]}
            LIMIT ${WORKLIST_COUNT_CAP}) capped) AS ${bucket}`,
    ).join(',\n');
    const [row] = (await manager.query(`SELECT ${counts}`, [
      window.today,
      window.dueSoonUntil,
    ])) as Record<WorklistBucket, number>[];
    return Object.fromEntries(
      WORKLIST_BUCKETS.map((bucket) => [bucket, row?.[bucket] ?? 0]),
    ) as Record<WorklistBucket, number>;
  }
}

function quoted(values: readonly string[]): string {
  // Statuses are compile-time constants of the domain, never input.
  return values.map((v) => `'${v}'`).join(', ');
}

import { Injectable } from '@nestjs/common';
import {
  BUCKET_STATUSES,
  WORKLIST_BUCKETS,
  type DueWindow,
  type ItemStatus,
  type WorklistBucket,
} from '@poems/domain';
import { type WorklistSort } from '@poems/contract';
import type { EntityManager } from 'typeorm';
import { dueSoonSql, overdueSql } from '../common/sql/due-date.sql';
import {
  likePrefix,
  patientMatchSql,
  searchTerms,
} from '../patients/patient-search';

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
  readonly performed_at: Date | null;
  readonly resulted_at: Date | null;
  readonly attending_id: string | null;
  readonly attending_name: string | null;
  readonly version: number;
  /** Set on follow-up instances: their time point and line. */
  readonly time_point?: string | null;
  readonly line_id?: string | null;
}

/** What narrows the worklist: each given filter must hold. */
export interface WorklistFilter {
  /** Words matched against the MRN and names as the patient search does. */
  readonly patient?: string;
  /** A catalog item key. */
  readonly item?: string;
  /** Start of the location's name, any case. */
  readonly location?: string;
  /** The workup's attending hematologist (user id). */
  readonly attending?: string;
}

/** The filter's conditions on both branches, bound into `params` (which hold the window first). */
function filterSql(
  filter: WorklistFilter,
  params: unknown[],
): { workup: string; followup: string; any: boolean } {
  const param = (value: string): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const common = patientMatchSql(searchTerms(filter.patient), param);
  if (filter.item !== undefined) {
    common.push(`i.key = ${param(filter.item)}`);
  }
  if (filter.location !== undefined) {
    // Locations are free text as typed: compared in lower case, so "lab" finds "Lab 2".
    common.push(
      `lower(i.location) LIKE ${param(likePrefix(filter.location.toLowerCase()))}`,
    );
  }
  const workup = [...common];
  const followup = [...common];
  if (filter.attending !== undefined) {
    const attending = param(filter.attending);
    workup.push(`w.attending_id = ${attending}::uuid`);
    followup.push(`fw.attending_id = ${attending}::uuid`);
  }
  const and = (conditions: string[]): string =>
    conditions.map((c) => ` AND ${c}`).join('');
  return {
    workup: and(workup),
    followup: and(followup),
    any: workup.length > 0,
  };
}

/**
 * The SQL form of the domain's bucket rule (`worklistBuckets`) over the due window `win` (the
 * clinic's today and the last due-soon day). The worklist test checks both agree on every status and due date.
 */
const BUCKET_SQL: Readonly<Record<WorklistBucket, string>> = {
  overdue: overdueSql('i', 'win.today'),
  due_soon: dueSoonSql('i', 'win.today', 'win.until'),
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
  LEFT JOIN users u ON u.id = w.attending_id
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active AND i.workup_open`;

/**
 * The buckets follow-up instances appear in (poems-followup.md §6: the existing overdue rule), and
 * each bucket's condition on `followup_instances i`. An unscheduled instance is listed once its
 * window opens by the end of the due-soon period: ten years of planned instances are not work yet.
 */
const FOLLOWUP_BUCKET_SQL: Readonly<Partial<Record<WorklistBucket, string>>> = {
  overdue: BUCKET_SQL.overdue,
  due_soon: BUCKET_SQL.due_soon,
  unscheduled: `${BUCKET_SQL.unscheduled} AND i.window_start <= win.until`,
};

// `i.key` as in the workup branch, so both share the sort expressions; the planner flattens it.
// The diagnosis's workup names the attending.
const FOLLOWUP_FROM = `
  FROM (SELECT f.*, f.item_key AS key FROM followup_instances f) i
  JOIN diagnoses d ON d.patient_id = i.patient_id
  JOIN patients p ON p.id = i.patient_id
  JOIN workups fw ON fw.id = d.workup_id
  LEFT JOIN users u ON u.id = fw.attending_id
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active`;

/** The outer order over both branches, by their output columns. */
const OUTER_ORDER_SQL: Readonly<Record<WorklistSort, string>> = {
  dueDate: 'due_date ASC NULLS LAST',
  '-dueDate': 'due_date DESC NULLS LAST',
  patientName: 'sort_family COLLATE "C" ASC, sort_given COLLATE "C" ASC',
  '-patientName': 'sort_family COLLATE "C" DESC, sort_given COLLATE "C" DESC',
  itemName: 'key ASC',
  '-itemName': 'key DESC',
  status: 'status ASC',
  '-status': 'status DESC',
  scheduledAt: 'scheduled_at ASC NULLS LAST',
  '-scheduledAt': 'scheduled_at DESC NULLS LAST',
};

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
    filter: WorklistFilter = {},
  ): Promise<WorklistRecord[]> {
    const followup = FOLLOWUP_BUCKET_SQL[bucket];
    const params: unknown[] = [window.today, window.dueSoonUntil];
    const where = filterSql(filter, params);
    params.push(pageSize, (page - 1) * pageSize);
    const limit = `$${params.length - 1}`;
    const offset = `$${params.length}`;
    const workupBranch = `SELECT i.id AS item_id, i.workup_id, w.patient_id, p.mrn, p.given_name, p.family_name,
              w.protocol_key, w.protocol_version, i.key, i.status, i.due_date::text AS due_date,
              i.scheduled_at, i.location, i.performed_at, i.resulted_at, w.attending_id, u.display_name AS attending_name,
              i.version, NULL::text AS time_point, NULL::uuid AS line_id,
              p.family_search AS sort_family, p.given_search AS sort_given
       ${FROM} AND ${BUCKET_SQL[bucket]}${where.workup}
        ORDER BY ${ORDER_SQL[sort]}, i.due_date ASC NULLS LAST, p.family_search COLLATE "C", i.id`;
    if (followup === undefined) {
      return (await manager.query(
        `SELECT * FROM (${workupBranch} LIMIT ${limit} OFFSET ${offset}) page`,
        params,
      )) as WorklistRecord[];
    }
    // Each branch stops at the page's end on its own index; the outer query merges the two.
    return (await manager.query(
      `SELECT * FROM (
         (${workupBranch} LIMIT ${limit}::int + ${offset}::int)
         UNION ALL
         (SELECT i.id AS item_id, d.workup_id, i.patient_id, p.mrn, p.given_name, p.family_name,
                 d.protocol_key, d.protocol_version, i.key, i.status, i.due_date::text AS due_date,
                 i.scheduled_at, i.location, i.performed_at, NULL::timestamptz AS resulted_at,
                 fw.attending_id, u.display_name AS attending_name, i.version, i.time_point, i.line_id,
                 p.family_search AS sort_family, p.given_search AS sort_given
            ${FOLLOWUP_FROM} AND ${followup}${where.followup}
           ORDER BY ${ORDER_SQL[sort]}, i.due_date ASC NULLS LAST, p.family_search COLLATE "C", i.id
           LIMIT ${limit}::int + ${offset}::int)
       ) rows
       ORDER BY ${OUTER_ORDER_SQL[sort]}, due_date ASC NULLS LAST, sort_family COLLATE "C", item_id
       LIMIT ${limit} OFFSET ${offset}`,
      params,
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
    filter: WorklistFilter = {},
  ): Promise<Record<WorklistBucket, number>> {
    const params: unknown[] = [window.today, window.dueSoonUntil];
    const where = filterSql(filter, params);
    // Unfiltered, each count reads the items alone; a filter needs the patient and workup.
    const from = where.any ? FROM : COUNT_FROM;
    const counts = WORKLIST_BUCKETS.map((bucket) => {
      const followup = FOLLOWUP_BUCKET_SQL[bucket];
      const workups = `SELECT 1 ${from} AND ${BUCKET_SQL[bucket]}${where.workup}`;
      const followups = where.any
        ? `SELECT 1 ${FOLLOWUP_FROM} AND ${followup}${where.followup}`
        : `SELECT 1 FROM followup_instances i
            CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
            WHERE i.active AND ${followup}`;
      const both =
        followup === undefined
          ? workups
          : `(${workups} LIMIT ${WORKLIST_COUNT_CAP}) UNION ALL
             (${followups} LIMIT ${WORKLIST_COUNT_CAP})`;
      return `(SELECT count(*)::int FROM (${both} LIMIT ${WORKLIST_COUNT_CAP}) capped) AS ${bucket}`;
    }).join(',\n');
    const [row] = (await manager.query(`SELECT ${counts}`, params)) as Record<
      WorklistBucket,
      number
    >[];
    return Object.fromEntries(
      WORKLIST_BUCKETS.map((bucket) => [bucket, row?.[bucket] ?? 0]),
    ) as Record<WorklistBucket, number>;
  }
}

function quoted(values: readonly string[]): string {
  // Statuses are compile-time constants of the domain, never input.
  return values.map((v) => `'${v}'`).join(', ');
}

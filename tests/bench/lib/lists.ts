import { randomUUID } from 'node:crypto';
import { dueWindow, WORKLIST_BUCKETS, type WorklistBucket } from '@poems/domain';
import { SQL, worklistSql } from '../baseline/sql';
import { sideBySide, type Pace, type SideBySide } from './compare';
import { withClient } from './databases';
import { explain, timeRepeated, type PlanSummary } from './plans';
import type { RunningServer } from './servers';
import { getPaths } from './workloads';

/** Time per page of one list, at one database size. */
export interface PageFigures {
  /** API ÷ baseline, sequential requests (one connection). */
  readonly http: SideBySide;
  /** The endpoint's statements run raw from this process (same transaction and audit insert), ms. */
  readonly rawSqlMs: number;
  /** API time per page ÷ raw SQL time per page. */
  readonly ratioToRawSql: number;
  /** Plans of the statements, first page of each variant. */
  readonly plans: Record<string, { readonly page: PlanSummary; readonly counts?: PlanSummary }>;
}

/** Every list measured at one database size. */
export interface ListFigures {
  readonly worklist: PageFigures;
  readonly completionReport?: PageFigures | { readonly skipped: string };
}

/**
 * The worklist's first page of every bucket (25 rows), API and baseline side by side with one
 * connection, the same statements raw, and their plans.
 */
export async function measureLists(
  api: RunningServer,
  baseline: RunningServer,
  token: string,
  databaseUrl: string,
  pace: Pace,
  say: (message: string) => void,
): Promise<ListFigures> {
  say('  GET /api/worklist, first page of each bucket');
  const paths = WORKLIST_BUCKETS.map((b) => `/api/worklist?bucket=${b}&page=1&pageSize=25`);
  const http = await sideBySide(api, baseline, token, () => getPaths(paths), 1, pace, say);
  const window = dueWindow(new Date(), 'UTC', 7);
  const actor = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM users WHERE username = 'syn-hematologist-01'`,
    );
    return rows[0]?.id ?? null;
  });
  const { raw, plans } = await withClient(databaseUrl, async (client) => {
    const timed = await timeRepeated(async (i) => {
      const bucket = WORKLIST_BUCKETS[i % WORKLIST_BUCKETS.length] as WorklistBucket;
      const sql = worklistSql(bucket);
      await client.query('START TRANSACTION');
      const page = await client.query<{ patient_id: string }>(sql.page, [window.today, window.dueSoonUntil, 25, 0]);
      await client.query(sql.counts, [window.today, window.dueSoonUntil]);
      await client.query(SQL.audit, [
        actor, 'hematologist', 'worklist.read', 'success', null, 'workup_item', null, null,
        JSON.stringify({ bucket, page: 1, shownPatients: [...new Set(page.rows.map((r) => r.patient_id))] }),
        randomUUID(), '127.0.0.1',
      ]);
      await client.query('COMMIT');
    }, pace.seconds);
    const planned: PageFigures['plans'] = {};
    for (const bucket of WORKLIST_BUCKETS) {
      const sql = worklistSql(bucket);
      planned[bucket] = {
        page: await explain(client, sql.page, [window.today, window.dueSoonUntil, 25, 0]),
        counts: await explain(client, sql.counts, [window.today, window.dueSoonUntil]),
      };
    }
    return { raw: timed, plans: planned };
  });
  say(`    raw SQL               ${raw.meanMs.toFixed(2)} ms per page`);
  return {
    worklist: {
      http,
      rawSqlMs: raw.meanMs,
      ratioToRawSql: http.subject.mean / raw.meanMs,
      plans,
    },
    completionReport: { skipped: 'GET /api/reports/completion is not in this build yet' },
  };
}

import { randomUUID } from 'node:crypto';
import {
  dueWindow,
  todayIn,
  WORKLIST_BUCKETS,
  type WorklistBucket,
} from '@poems/domain';
import type { Client } from 'pg';
import {
  completionCountQuery,
  completionRowsQuery,
  completionSummaryQuery,
  completionTurnaroundQuery,
  NO_JIT,
  type ReportScope,
} from '../baseline/completion-report-sql';
import { SQL, worklistSql } from '../baseline/sql';
import { sideBySide, type Pace, type SideBySide } from './compare';
import { meanOf } from './load';
import { withClient } from './databases';
import { explain, timeRepeated, type PlanSummary } from './plans';
import type { RunningServer } from './servers';
import { completionReportPath, getPaths } from './workloads';

/** Time per page of one list, at one database size. */
export interface PageFigures {
  /** API ÷ baseline, sequential requests (one connection). */
  readonly http: SideBySide;
  /** The endpoint's statements run raw from this process (same transaction and audit insert), ms. */
  readonly rawSqlMs: number;
  /** API time per page ÷ raw SQL time per page. */
  readonly ratioToRawSql: number;
  /**
   * Rows the list aggregates over, where that is more than the page: the completion report
   * summarises every workup of its period, so its time is judged per workup in scope.
   */
  readonly inScope?: number;
  /** Plans of the statements, first page of each variant. */
  readonly plans: Record<
    string,
    { readonly page: PlanSummary; readonly counts?: PlanSummary }
  >;
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
  reports: boolean,
): Promise<ListFigures> {
  say('  GET /api/worklist, first page of each bucket');
  const paths = WORKLIST_BUCKETS.map(
    (b) => `/api/worklist?bucket=${b}&page=1&pageSize=25`,
  );
  const http = await sideBySide(
    api,
    baseline,
    token,
    () => getPaths(paths),
    1,
    pace,
    say,
  );
  const window = dueWindow(new Date(), 'UTC', 7);
  const actor = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM users WHERE username = 'syn-hematologist-01'`,
    );
    return rows[0]?.id ?? null;
  });
  const { raw, plans } = await withClient(databaseUrl, async (client) => {
    const timed = await timeRepeated(async (i) => {
      const bucket = WORKLIST_BUCKETS[
        i % WORKLIST_BUCKETS.length
      ] as WorklistBucket;
      const sql = worklistSql(bucket);
      // The API's statements and transactions: the reads in one, the audit event in another.
      await client.query('START TRANSACTION');
      const page = await client.query<{ patient_id: string }>(sql.page, [
        window.today,
        window.dueSoonUntil,
        25,
        0,
      ]);
      await client.query(sql.counts, [window.today, window.dueSoonUntil]);
      await client.query('COMMIT');
      await auditInOwnTransaction(
        client,
        actor,
        'worklist.read',
        'workup_item',
        {
          bucket,
          page: 1,
          shownPatients: [...new Set(page.rows.map((r) => r.patient_id))],
        },
      );
    }, pace.seconds);
    const planned: PageFigures['plans'] = {};
    for (const bucket of WORKLIST_BUCKETS) {
      const sql = worklistSql(bucket);
      planned[bucket] = {
        page: await explain(client, sql.page, [
          window.today,
          window.dueSoonUntil,
          25,
          0,
        ]),
        counts: await explain(client, sql.counts, [
          window.today,
          window.dueSoonUntil,
        ]),
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
    completionReport: reports
      ? await measureCompletionReport(
          api,
          baseline,
          token,
          databaseUrl,
          actor,
          pace,
          say,
        )
      : { skipped: 'GET /api/reports/completion is not in this build' },
  };
}

/**
 * The completion report's first JSON page (50 rows) over the last 30 days, with its summary and
 * turnaround: API and baseline side by side, the same statements raw, and their plans.
 */
async function measureCompletionReport(
  api: RunningServer,
  baseline: RunningServer,
  token: string,
  databaseUrl: string,
  actor: string | null,
  pace: Pace,
  say: (message: string) => void,
): Promise<PageFigures> {
  say('  GET /api/reports/completion, first JSON page of the last 30 days');
  const now = new Date();
  const path = completionReportPath(now);
  const http = await sideBySide(
    api,
    baseline,
    token,
    () => getPaths([path]),
    1,
    pace,
    say,
  );
  const query = new URL(path, 'http://bench').searchParams;
  const scope: ReportScope = {
    filters: { from: query.get('from') ?? '', to: query.get('to') ?? '' },
    timeZone: 'UTC',
    today: todayIn('UTC', now),
  };
  const inScope = await withClient(databaseUrl, async (client) => {
    const count = completionCountQuery(scope);
    const { rows } = await client.query<{ workups: number }>(count.sql, [
      ...count.params,
    ]);
    return rows[0]?.workups ?? 0;
  });
  say(`    ${inScope} workups opened in the period`);
  const statements = [
    completionRowsQuery(scope, { page: 1, pageSize: 50 }),
    completionSummaryQuery(scope),
    completionTurnaroundQuery(scope),
  ];
  const { raw, plans } = await withClient(databaseUrl, async (client) => {
    const timed = await timeRepeated(async () => {
      await auditInOwnTransaction(
        client,
        actor,
        'report.completion',
        'report',
        {
          format: 'json',
          filters: scope.filters,
          today: scope.today,
          page: 1,
          pageSize: 50,
        },
      );
      await client.query('START TRANSACTION');
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      await client.query(NO_JIT);
      for (const statement of statements) {
        await client.query(statement.sql, [...statement.params]);
      }
      await client.query('COMMIT');
    }, pace.seconds);
    await client.query('START TRANSACTION');
    await client.query(NO_JIT);
    const [rows, summary, turnaround] = statements;
    const planned: PageFigures['plans'] = {
      rows: {
        page: await explain(client, rows?.sql ?? '', rows?.params ?? []),
      },
      summary: {
        page: await explain(client, summary?.sql ?? '', summary?.params ?? []),
      },
      turnaround: {
        page: await explain(
          client,
          turnaround?.sql ?? '',
          turnaround?.params ?? [],
        ),
      },
    };
    await client.query('COMMIT');
    return { raw: timed, plans: planned };
  });
  say(`    raw SQL               ${raw.meanMs.toFixed(2)} ms per page`);
  return {
    http,
    rawSqlMs: raw.meanMs,
    ratioToRawSql: http.subject.mean / raw.meanMs,
    inScope,
    plans,
  };
}

async function auditInOwnTransaction(
  client: Client,
  actor: string | null,
  action: string,
  entityType: string,
  details: Record<string, unknown>,
): Promise<void> {
  await client.query('START TRANSACTION');
  await client.query(SQL.audit, [
    actor,
    'hematologist',
    action,
    'success',
    null,
    entityType,
    null,
    null,
    JSON.stringify(details),
    randomUUID(),
    '127.0.0.1',
  ]);
  await client.query('COMMIT');
}

/** Several measurements of the same lists at one size, as one: means, and the last plans. */
export function mergeLists(figures: readonly ListFigures[]): ListFigures {
  const last = figures[figures.length - 1] as ListFigures;
  const merge = (
    pages: readonly (PageFigures | { readonly skipped: string } | undefined)[],
  ): PageFigures | { readonly skipped: string } => {
    const measured = pages.filter(
      (p): p is PageFigures => p !== undefined && !('skipped' in p),
    );
    if (measured.length === 0) {
      return (
        (pages[0] as { readonly skipped: string } | undefined) ?? {
          skipped: 'not measured',
        }
      );
    }
    const subject = meanOf(measured.map((p) => p.http.subject));
    const reference = meanOf(measured.map((p) => p.http.reference));
    const rawSqlMs =
      measured.reduce((sum, p) => sum + p.rawSqlMs, 0) / measured.length;
    return {
      http: {
        connections: 1,
        subject,
        reference,
        throughputRatio: subject.rps / reference.rps,
        latencyRatio: subject.mean / reference.mean,
        cpuRatio: subject.cpuMsPerRequest / reference.cpuMsPerRequest,
      },
      rawSqlMs,
      ratioToRawSql: subject.mean / rawSqlMs,
      inScope: (measured[measured.length - 1] as PageFigures).inScope,
      plans: (measured[measured.length - 1] as PageFigures).plans,
    };
  };
  const worklist = merge(figures.map((f) => f.worklist));
  return {
    worklist: 'skipped' in worklist ? last.worklist : worklist,
    completionReport: merge(figures.map((f) => f.completionReport)),
  };
}

import type { Readable } from 'node:stream';
import { todayIn } from '@poems/domain';
import type { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  completionCsvQuery,
  inlineParams,
  NO_JIT,
  type ReportScope,
} from '../baseline/completion-report-sql';
import { withClient, type BenchDatabase } from './databases';
import type { RunningServer } from './servers';

/** The CSV export against `COPY (same SELECT) TO STDOUT WITH CSV` read by this process. */
export interface CsvFigures {
  readonly rows: number;
  readonly apiRowsPerSecond: number;
  readonly copyRowsPerSecond: number;
  /** API rows/s ÷ COPY rows/s. */
  readonly ratio: number;
  readonly apiMegabytes: number;
  readonly copyMegabytes: number;
  /** Highest resident memory of the API process during an export minus just before it, MB. */
  readonly peakMemoryGrowthMb: number;
  readonly runs: number;
}

const MB = 1_048_576;

/**
 * Every workup of the database as the completion report's CSV (`GET /api/reports/completion?
 * format=csv` from the first day to today), read to the end by this process, against COPY of the
 * same SELECT into CSV read by this process too. Runs alternate; the API's memory is sampled
 * every 20 ms during its runs.
 */
export async function measureCsvExport(
  api: RunningServer,
  token: string,
  database: BenchDatabase,
  say: (message: string) => void,
  runs = 2,
): Promise<CsvFigures | { readonly skipped: string }> {
  const today = todayIn('UTC', new Date());
  const path = `/api/reports/completion?format=csv&from=2000-01-01&to=${today}`;
  const probe = await fetch(
    `${api.baseUrl}${path.replace('2000-01-01', today)}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  await probe.body?.cancel();
  if (!probe.ok) {
    say(`  CSV export: the API answers ${probe.status}, skipped`);
    return {
      skipped: `GET /api/reports/completion?format=csv answered ${probe.status}`,
    };
  }
  say(`  CSV export of every workup (${database.patients} patients)`);
  const scope: ReportScope = {
    filters: { from: '2000-01-01', to: today },
    timeZone: 'UTC',
    today,
  };
  const apiRuns: Transfer[] = [];
  const copyRuns: Transfer[] = [];
  let peakGrowth = 0;
  for (let run = 0; run < runs; run++) {
    const order = run % 2 === 0 ? ['copy', 'api'] : ['api', 'copy'];
    for (const side of order) {
      if (side === 'copy') {
        const transfer = await withClient(database.url, (client) =>
          copyCsv(client, scope),
        );
        copyRuns.push(transfer);
        say(
          `    COPY … TO STDOUT CSV   ${transfer.rows} rows in ${transfer.seconds.toFixed(2)} s`,
        );
      } else {
        const before = await api.rss();
        let peak = before;
        const sampler = setInterval(() => {
          void api.rss().then(
            (rss) => (peak = Math.max(peak, rss)),
            () => undefined,
          );
        }, 20);
        try {
          const transfer = await download(`${api.baseUrl}${path}`, token);
          apiRuns.push(transfer);
          say(
            `    API                    ${transfer.rows} rows in ${transfer.seconds.toFixed(2)} s`,
          );
        } finally {
          clearInterval(sampler);
        }
        peak = Math.max(peak, await api.rss());
        peakGrowth = Math.max(peakGrowth, (peak - before) / MB);
      }
    }
  }
  const rate = (transfers: readonly Transfer[]): number =>
    transfers.reduce((sum, t) => sum + t.rows / t.seconds, 0) /
    transfers.length;
  const apiRowsPerSecond = rate(apiRuns);
  const copyRowsPerSecond = rate(copyRuns);
  return {
    rows: apiRuns[0]?.rows ?? 0,
    apiRowsPerSecond,
    copyRowsPerSecond,
    ratio: apiRowsPerSecond / copyRowsPerSecond,
    apiMegabytes: (apiRuns[0]?.bytes ?? 0) / MB,
    copyMegabytes: (copyRuns[0]?.bytes ?? 0) / MB,
    peakMemoryGrowthMb: peakGrowth,
    runs,
  };
}

interface Transfer {
  readonly rows: number;
  readonly bytes: number;
  readonly seconds: number;
}

/** Reads an HTTP response to its end; rows are lines after the header. */
async function download(url: string, token: string): Promise<Transfer> {
  const started = performance.now();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!response.ok || response.body === null) {
    throw new Error(`The CSV export answered ${response.status}`);
  }
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    lines += countNewlines(chunk);
  }
  return {
    rows: lines - 1,
    bytes,
    seconds: (performance.now() - started) / 1_000,
  };
}

/**
 * The statement the API hands to COPY, run through COPY here too in the API's transaction
 * settings: the API's figure against this one is what its streaming costs on top of PostgreSQL.
 */
async function copyCsv(client: Client, scope: ReportScope): Promise<Transfer> {
  const query = completionCsvQuery(scope);
  const started = performance.now();
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await client.query(NO_JIT);
  await client.query("SELECT set_config('TimeZone', $1, true)", [
    scope.timeZone,
  ]);
  const stream: Readable = client.query(
    copyTo(
      `COPY (${inlineParams(query, (text) => client.escapeLiteral(text))}) TO STDOUT WITH (FORMAT csv, HEADER)`,
    ),
  );
  let bytes = 0;
  let lines = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    lines += countNewlines(chunk);
  }
  await client.query('COMMIT');
  // Lines after the header, as the API's side counts them.
  return {
    rows: lines - 1,
    bytes,
    seconds: (performance.now() - started) / 1_000,
  };
}

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
    count += 1;
  }
  return count;
}

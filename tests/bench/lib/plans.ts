import type { Client } from 'pg';

/** What a query plan says about how a statement reads its tables. */
export interface PlanSummary {
  /** Indexes the plan scans, in plan order, without repeats. */
  readonly indexes: readonly string[];
  /** Tables read in full. */
  readonly seqScans: readonly string[];
  /** Execution time PostgreSQL reported, ms. */
  readonly executionMs: number;
  /** Shared buffers hit plus read: how much of the database the statement touched. */
  readonly buffers: number;
  readonly text: string;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of a statement, summarised. */
export async function explain(
  client: Client,
  sql: string,
  params: readonly unknown[],
): Promise<PlanSummary> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
    [...params],
  );
  const text = rows.map((r) => r['QUERY PLAN']).join('\n');
  const indexes = [
    ...new Set(
      [
        ...text.matchAll(
          /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/g,
        ),
      ].map((m) => m[1] ?? ''),
    ),
  ];
  const seqScans = [
    ...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1] ?? '')),
  ];
  const top = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(text);
  return {
    indexes,
    seqScans,
    executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN),
    buffers: Number(top?.[1] ?? 0) + Number(top?.[2] ?? 0),
    text,
  };
}

/** Mean wall time of `work`, repeated for about `seconds`, in ms. */
export async function timeRepeated(
  work: (iteration: number) => Promise<unknown>,
  seconds: number,
): Promise<{ readonly meanMs: number; readonly iterations: number }> {
  const deadline = performance.now() + seconds * 1_000;
  let iterations = 0;
  const started = performance.now();
  while (performance.now() < deadline || iterations === 0) {
    await work(iterations);
    iterations += 1;
  }
  return { meanMs: (performance.now() - started) / iterations, iterations };
}

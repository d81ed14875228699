import autocannon, { type Request } from 'autocannon';

/** What one load run measured. */
export interface LoadFigures {
  /** Successful (2xx) responses per second over the run. */
  readonly rps: number;
  /** Latency percentiles in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly mean: number;
  readonly requests: number;
  /** Non-2xx responses and connection errors: any is a bug in the harness or the server. */
  readonly failures: number;
  /**
   * CPU time the server process spent per successful request, ms: what the server itself costs,
   * much less sensitive than throughput to what else the machine is doing.
   */
  readonly cpuMsPerRequest: number;
}

/** One kind of request the load generator sends, built afresh for every request. */
export interface Workload {
  readonly method: 'GET' | 'POST';
  /** The path (and body) of the next request. */
  next(): {
    readonly path: string;
    readonly body?: unknown;
    readonly key?: unknown;
  };
  /** Called with every response and the `key` its request was built with. */
  onResponse?(status: number, key: unknown): void;
  /** Called before each run, untimed: e.g. to catch up with responses a run's end cut off. */
  prepare?(): Promise<void>;
}

/**
 * Drives a server with autocannon for `seconds` at `connections` concurrent connections (one
 * request in flight per connection).
 */
export async function load(
  baseUrl: string,
  token: string,
  workload: Workload,
  connections: number,
  seconds: number,
  cpuMs: () => Promise<number> = () => Promise.resolve(NaN),
): Promise<LoadFigures> {
  const onResponse = workload.onResponse;
  const request: Request = {
    method: workload.method,
    setupRequest: (req, context) => {
      const next = workload.next();
      (context as Record<string, unknown>)['key'] = next.key;
      return {
        ...req,
        path: next.path,
        ...(next.body !== undefined && { body: JSON.stringify(next.body) }),
      };
    },
    // Only when needed: with a response handler autocannon buffers every body.
    ...(onResponse && {
      onResponse: (status: number, _body: string, context: object) =>
        onResponse(status, (context as Record<string, unknown>)['key']),
    }),
  };
  const cpuBefore = await cpuMs();
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 60,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    },
    requests: [request],
  });
  const ok = Object.entries(result.statusCodeStats ?? {})
    .filter(([status]) => status.startsWith('2'))
    .reduce(
      (sum, [, stats]) => sum + Number((stats as { count: number }).count),
      0,
    );
  const cpuAfter = await cpuMs();
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    requests: ok,
    failures: result.non2xx + result.errors,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / Math.max(ok, 1),
  };
}

/** The mean of several runs of the same measurement. */
export function meanOf(runs: readonly LoadFigures[]): LoadFigures {
  const avg = (pick: (f: LoadFigures) => number): number =>
    runs.reduce((sum, f) => sum + pick(f), 0) / runs.length;
  return {
    rps: avg((f) => f.rps),
    p50: avg((f) => f.p50),
    p99: avg((f) => f.p99),
    mean: avg((f) => f.mean),
    requests: runs.reduce((sum, f) => sum + f.requests, 0),
    failures: runs.reduce((sum, f) => sum + f.failures, 0),
    cpuMsPerRequest: avg((f) => f.cpuMsPerRequest),
  };
}

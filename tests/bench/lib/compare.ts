import { load, meanOf, type LoadFigures, type Workload } from './load';
import type { RunningServer } from './servers';

/** How long and how often each side is measured. */
export interface Pace {
  /** Seconds per measured run. */
  readonly seconds: number;
  /** Runs per side; the sides alternate, each starting every other round, to cancel drift. */
  readonly rounds: number;
  /** Seconds of warm-up per side before the first measured run. */
  readonly warmup: number;
}

/** One figure measured side by side. */
export interface SideBySide {
  readonly connections: number;
  readonly subject: LoadFigures;
  readonly reference: LoadFigures;
  /** subject req/s ÷ reference req/s. */
  readonly throughputRatio: number;
  /** subject mean latency ÷ reference mean latency. */
  readonly latencyRatio: number;
  /** subject CPU per request ÷ reference CPU per request (server processes only). */
  readonly cpuRatio: number;
}

/**
 * Measures `subject` (usually the API) and `reference` (usually the bare baseline) under the
 * same workload, alternating runs so both see the same machine conditions.
 */
export async function sideBySide(
  subject: RunningServer,
  reference: RunningServer,
  token: string,
  workload: (server: RunningServer) => Workload,
  connections: number,
  pace: Pace,
  progress: (message: string) => void,
): Promise<SideBySide> {
  const workloads = new Map([
    [subject, workload(subject)],
    [reference, workload(reference)],
  ]);
  const run = async (
    server: RunningServer,
    seconds: number,
  ): Promise<LoadFigures> => {
    const chosen = workloads.get(server) as Workload;
    await chosen.prepare?.();
    return load(server.baseUrl, token, chosen, connections, seconds, () =>
      server.cpuMs(),
    );
  };
  if (pace.warmup > 0) {
    await run(reference, pace.warmup);
    await run(subject, pace.warmup);
  }
  const runs = new Map<RunningServer, LoadFigures[]>([
    [subject, []],
    [reference, []],
  ]);
  for (let round = 0; round < pace.rounds; round++) {
    const order = round % 2 === 0 ? [reference, subject] : [subject, reference];
    for (const server of order) {
      const figures = await run(server, pace.seconds);
      runs.get(server)?.push(figures);
      progress(
        `    ${server.name.padEnd(22)} c=${String(connections).padStart(2)}  ${figures.rps.toFixed(0).padStart(6)} req/s  p50 ${figures.p50.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  cpu ${figures.cpuMsPerRequest.toFixed(2)} ms/req${figures.failures > 0 ? `  FAILURES ${figures.failures}` : ''}`,
      );
    }
  }
  const subjectFigures = meanOf(runs.get(subject) ?? []);
  const referenceFigures = meanOf(runs.get(reference) ?? []);
  return {
    connections,
    subject: subjectFigures,
    reference: referenceFigures,
    throughputRatio: subjectFigures.rps / referenceFigures.rps,
    latencyRatio: subjectFigures.mean / referenceFigures.mean,
    cpuRatio: subjectFigures.cpuMsPerRequest / referenceFigures.cpuMsPerRequest,
  };
}

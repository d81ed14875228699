import type { BenchDatabase } from './databases';
import type { RunningServer } from './servers';

/** The CSV export against `COPY (same SELECT) TO STDOUT WITH CSV` read by this process. */
export interface CsvFigures {
  readonly rows: number;
  readonly apiRowsPerSecond: number;
  readonly copyRowsPerSecond: number;
  /** API rows/s ÷ COPY rows/s. */
  readonly ratio: number;
  /** Highest resident memory of the API process during the export minus before it, MB. */
  readonly peakMemoryGrowthMb: number;
}

/** Measured once the CSV export exists; until then the figure is reported as skipped. */
export async function measureCsvExport(
  api: RunningServer,
  token: string,
  database: BenchDatabase,
  say: (message: string) => void,
): Promise<CsvFigures | { readonly skipped: string }> {
  const probe = await fetch(
    `${api.baseUrl}/api/reports/completion?format=csv&from=2000-01-01&to=2000-01-02`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  await probe.body?.cancel();
  if (probe.status === 404) {
    say('  CSV export: GET /api/reports/completion?format=csv is not in this build yet, skipped');
    return { skipped: `GET /api/reports/completion?format=csv is not in this build yet (${database.patients} patients)` };
  }
  return { skipped: `the CSV export answered ${probe.status}; no harness for it yet` };
}

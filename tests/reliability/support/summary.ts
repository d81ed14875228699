import { appendFileSync } from 'node:fs';

/** Set by the global setup: where each check appends its summary line. */
export const SUMMARY_FILE_ENV = 'RELIABILITY_SUMMARY_FILE';

/**
 * Prints one line with a check's counts (and keeps it for the summary the global teardown prints
 * after every check has run), e.g. `load: requests=9120 conflicts=412 … lost=0`.
 */
export function summarise(
  check: string,
  counts: Readonly<Record<string, number | string | boolean>>,
): string {
  const line = `${check}: ${Object.entries(counts)
    .map(([key, value]) => `${key}=${value}`)
    .join(' ')}`;
  process.stdout.write(`\n[reliability] ${line}\n`);
  const file = process.env[SUMMARY_FILE_ENV];
  if (file !== undefined) {
    appendFileSync(file, `${line}\n`);
  }
  return line;
}

import type { EmbeddedPostgresServer } from '../database/embedded-postgres';

/** What the global setup leaves for the global teardown, which runs in the same process. */
export interface TestRun {
  readonly serverUrl: string;
  readonly template: string;
  readonly embedded:
    | { readonly server: EmbeddedPostgresServer; readonly directory: string }
    | undefined;
}

const KEY = Symbol.for('poems.test-run');

export function saveTestRun(run: TestRun): void {
  (globalThis as Record<symbol, unknown>)[KEY] = run;
}

export function loadTestRun(): TestRun | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as TestRun | undefined;
}

import { rm } from 'node:fs/promises';
import { withAdminClient } from './test-database';
import { loadTestRun } from './test-run';

/** After all test files: drop the template and any clone a crashed test left, stop the embedded server. */
export default async function globalTeardown(): Promise<void> {
  const run = loadTestRun();
  if (run === undefined) {
    return;
  }
  try {
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $1 || '_')`,
        [run.template],
      );
      for (const { datname } of rows) {
        await client.query(
          `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
        );
      }
    }, run.serverUrl);
  } finally {
    if (run.embedded) {
      await run.embedded.server.stop();
      await rm(run.embedded.directory, { recursive: true, force: true });
    }
  }
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../..');

/** How a benchmark database came to be. */
export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  readonly patients: number;
  /** Set when this run seeded it. */
  readonly seeded?: { readonly seconds: number; readonly rows: number };
}

/** `poems_bench_10k`, `poems_bench_100k`, … */
export function benchDatabaseName(patients: number): string {
  const label =
    patients % 1_000 === 0 ? `${patients / 1_000}k` : String(patients);
  return `poems_bench_${label}`;
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

export async function withClient<T>(
  url: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const marker = (patients: number, seed: number): string =>
  `poems-synthetic seed=${seed} patients=${patients}`;

/**
 * Reuses the database of this size when a completed seed with the same parameters marked it
 * (pending migrations are applied), and otherwise creates it afresh and seeds it with
 * `npm run seed:synthetic`. The mark is written only once the seed has finished.
 */
export async function ensureBenchDatabase(
  serverUrl: string,
  patients: number,
  seed: number,
  migrateScript: string,
): Promise<BenchDatabase> {
  const name = benchDatabaseName(patients);
  const url = databaseUrl(serverUrl, name);
  const existing = await withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    return rows[0];
  });
  if (existing?.comment?.startsWith(marker(patients, seed)) === true) {
    await run(process.execPath, [migrateScript, 'run'], { DATABASE_URL: url });
    return { name, url, patients };
  }
  await withClient(serverUrl, async (client) => {
    await client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`,
    );
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  });
  const started = performance.now();
  await run(
    process.execPath,
    [
      '-r',
      './tests/bench/register.cjs',
      'apps/api/src/cli/seed-synthetic.main.ts',
      '--patients',
      String(patients),
      '--seed',
      String(seed),
      '--database-url',
      url,
    ],
    { AUDIT_HMAC_KEY: BENCH_AUDIT_HMAC_KEY },
  );
  const seconds = (performance.now() - started) / 1_000;
  const rows = await withClient(url, async (client) => {
    const { rows: counts } = await client.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM patients)
            + (SELECT count(*) FROM workups) + (SELECT count(*) FROM workup_items)
            + (SELECT count(*) FROM item_history) + (SELECT count(*) FROM workup_evaluations)
            + (SELECT count(*) FROM audit_events) AS n`,
    );
    await client.query(
      `COMMENT ON DATABASE ${client.escapeIdentifier(name)} IS '${marker(patients, seed)} seeded=${new Date().toISOString()}'`,
    );
    return Number(counts[0]?.n ?? 0);
  });
  return { name, url, patients, seeded: { seconds, rows } };
}

/** A throwaway copy of a benchmark database (no session may be connected to the original). */
export async function cloneDatabase(
  serverUrl: string,
  from: string,
  to: string,
): Promise<string> {
  await withClient(serverUrl, async (client) => {
    await client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(to)} WITH (FORCE)`,
    );
    await client.query(
      `CREATE DATABASE ${client.escapeIdentifier(to)} TEMPLATE ${client.escapeIdentifier(from)}`,
    );
  });
  return databaseUrl(serverUrl, to);
}

export async function dropDatabase(
  serverUrl: string,
  name: string,
): Promise<void> {
  await withClient(serverUrl, (client) =>
    client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`,
    ),
  );
}

async function run(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<void> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new Error(`${args.join(' ')} exited with ${code}`);
  }
}

/** The audit key bench databases are sealed with; the API under test is started with it too. */
export const BENCH_AUDIT_HMAC_KEY =
  'poems-bench-audit-key-only-for-synthetic-databases';

/**
 * Copies the sessions of one database into another (a copy made before anyone signed in): every
 * request's session is checked in its database, so the throwaway copy must know the bench's own.
 */
export async function copySessions(from: string, to: string): Promise<void> {
  const sessions = await withClient(from, async (client) =>
    (
      await client.query<{ row: unknown }>(
        'SELECT to_jsonb(s) AS row FROM sessions s',
      )
    ).rows.map((r) => r.row),
  );
  await withClient(to, (client) =>
    client.query(
      `INSERT INTO sessions
       SELECT (jsonb_populate_record(NULL::sessions, r)).* FROM jsonb_array_elements($1::jsonb) r
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(sessions)],
    ),
  );
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the Jest global setup: a PostgreSQL server URL whose database admin connections use. */
export const SERVER_URL_ENV = 'POEMS_TEST_SERVER_URL';
/** Set by the Jest global setup: the migrated database every test database is cloned from. */
export const TEMPLATE_ENV = 'POEMS_TEST_TEMPLATE_DATABASE';

/** A throwaway database of the test server. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, ending any session still connected to it. */
  drop(): Promise<void>;
}

/** A fresh database: a clone of the migrated template, or empty. */
export async function createTestDatabase(
  from: 'template' | 'empty' = 'template',
): Promise<TestDatabase> {
  const template = requiredEnv(TEMPLATE_ENV);
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) =>
    client.query(
      from === 'template'
        ? `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`
        : `CREATE DATABASE ${client.escapeIdentifier(name)}`,
    ),
  );
  return {
    name,
    url: databaseUrl(testServerUrl(), name),
    drop: () => dropDatabase(name),
  };
}

/** The URL of the test server's maintenance database. */
export function testServerUrl(): string {
  return requiredEnv(SERVER_URL_ENV);
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Runs queries as the test server's administrator, connected to its maintenance database. */
export async function withAdminClient<T>(
  work: (client: Client) => Promise<T>,
  serverUrl = testServerUrl(),
): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a database whatever is connected to it. */
export function dropDatabase(name: string, serverUrl?: string): Promise<void> {
  return withAdminClient(async (client) => {
    await client.query(
      `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`,
    );
  }, serverUrl);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) {
    throw new Error(
      `${name} is not set: run the tests through Jest's global setup (nx test api).`,
    );
  }
  return value;
}

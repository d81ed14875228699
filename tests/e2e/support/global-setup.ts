import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { E2E_CLINIC_TIME_ZONE } from './clinic-zone';
import { E2E_OIDC, startProvider } from './oidc-provider';

const ROOT = resolve(__dirname, '../../..');
const ARTIFACTS = resolve(__dirname, '../artifacts');
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
// A bound on start-up, not a retry: on a machine at load 20 the demo-seeded API took 40 s to
// answer /api/health, and 60 s failed two runs before any spec began.
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port =
        typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForHealth(
  baseUrl: string,
  api: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) {
      throw new Error(
        `The API exited with ${api.exitCode} during start-up; see tests/e2e/artifacts/api.log`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `The API did not answer /api/health within ${START_TIMEOUT_MS / 1000} s`,
  );
}

function stop(api: ChildProcess): Promise<void> {
  if (api.exitCode !== null || api.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((done) => {
    const timer = setTimeout(() => api.kill('SIGKILL'), STOP_TIMEOUT_MS);
    api.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    api.kill('SIGINT');
  });
}

/**
 * Starts the built app against a fresh database; returns the teardown, which stops the app and
 * drops the database.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const main = join(ROOT, 'dist/apps/api/main.js');
  if (
    !existsSync(main) ||
    !existsSync(join(ROOT, 'dist/apps/web/browser/index.html'))
  ) {
    throw new Error('Build the app first: npx nx run-many -t build -p api web');
  }
  mkdirSync(ARTIFACTS, { recursive: true });

  const server = process.env['TEST_DATABASE_URL'] || DEFAULT_SERVER;
  const database = `poems_e2e_${randomBytes(6).toString('hex')}`;
  await onServer(server, `CREATE DATABASE ${database}`);

  const port = await freePort();
  const mllpPort = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Single sign-on through a real OpenID provider next to local passwords (LOCAL_LOGIN stays on):
  // the SSO spec signs in on its login page, every other spec signs in locally as before.
  const providerLog = createWriteStream(join(ARTIFACTS, 'oidc-provider.log'));
  let provider: Awaited<ReturnType<typeof startProvider>>;
  try {
    provider = await startProvider(await freePort(), baseUrl, providerLog);
  } catch (error) {
    providerLog.end();
    await onServer(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    throw error;
  }
  const log = createWriteStream(join(ARTIFACTS, 'api.log'));
  const api = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: withDatabase(server, database),
      DEMO_SEED: 'true',
      // Far from the browser's zone: pages must show the clinic's clock, never the browser's.
      CLINIC_TIME_ZONE: E2E_CLINIC_TIME_ZONE,
      // Demo audit keys and checkpoints of this run only: another run's checkpoints describe
      // another database, and the sealer refuses to extend a chain behind its checkpoint.
      DATA_DIR: join(ARTIFACTS, `data-${database}`),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      // Sign-ins of parallel tests all come from 127.0.0.1.
      LOGIN_RATE_LIMIT: '10000',
      // Laboratory results over HL7 v2 MLLP; the demo seed holds the sending interface CITYLAB.
      HL7_MLLP_ENABLED: 'true',
      HL7_MLLP_HOST: '127.0.0.1',
      HL7_MLLP_PORT: String(mllpPort),
      INBOUND_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: E2E_OIDC.clientId,
      OIDC_CLIENT_SECRET: E2E_OIDC.clientSecret,
      OIDC_SCOPES: 'openid profile email groups',
      OIDC_ROLE_CLAIM: E2E_OIDC.roleClaim,
      OIDC_ROLE_MAP: E2E_OIDC.roleMap,
      OIDC_PROVIDER_NAME: E2E_OIDC.providerName,
      LOCAL_LOGIN: 'on',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  api.stdout?.pipe(log);
  api.stderr?.pipe(log);

  const teardown = async (): Promise<void> => {
    await stop(api);
    await stop(provider.process);
    log.end();
    providerLog.end();
    await onServer(server, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  };
  try {
    await waitForHealth(baseUrl, api);
  } catch (error) {
    await teardown();
    throw error;
  }
  process.env['E2E_BASE_URL'] = baseUrl;
  process.env['E2E_MLLP_PORT'] = String(mllpPort);
  process.env['E2E_OIDC_ISSUER'] = provider.issuer;
  return teardown;
}

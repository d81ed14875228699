/**
 * `npm run bench`: seeds (or reuses) synthetic databases, builds the API in production mode, starts
 * it and the bare baseline server as separate processes, drives both with autocannon from this
 * process, prints a table of every figure as a ratio to the baseline, and writes the results as
 * JSON under tests/bench/results/. See the "Benchmarks" section of the README.
 *
 * Options: --sizes 10000,100000  --quick  --seconds N  --rounds N  --connections 1,16,64
 *          --only reads,writes,lists,csv,web,inbound  --skip-build  --seed N
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createServer as createNetServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sideBySide, type Pace, type SideBySide } from './lib/compare';
import {
  cloneDatabase,
  copySessions,
  dropDatabase,
  BENCH_AUDIT_HMAC_KEY,
  ensureBenchDatabase,
  withClient,
  type BenchDatabase,
} from './lib/databases';
import { measureCsvExport, type CsvFigures } from './lib/csv-export';
import { measureLists, mergeLists, type ListFigures } from './lib/lists';
import { measureInbound, vegfTargets, type InboundFigures } from './lib/mllp';
import { checkParity } from './lib/parity';
import { printReport } from './lib/report';
import { startServer, type RunningServer } from './lib/servers';
import { measureWeb, type WebFigures } from './lib/web';
import {
  readWorkups,
  schedulableItems,
  scheduleItems,
  searchPatients,
  searchTerms,
  workupIds,
} from './lib/workloads';

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = join(__dirname, 'artifacts');
const RESULTS = join(__dirname, 'results');
/** Signs the tokens of the API and the baseline alike; only ever used on benchmark databases. */
const JWT_SECRET = 'poems-bench-secret-only-for-synthetic-databases';
const SYNTHETIC_USER = {
  username: 'syn-hematologist-01',
  password: 'synthetic-password',
};

type Part = 'reads' | 'writes' | 'lists' | 'csv' | 'web' | 'inbound';
const PARTS: readonly Part[] = [
  'reads',
  'writes',
  'lists',
  'csv',
  'web',
  'inbound',
];

/** Everything one run measured; written as JSON. */
export interface BenchResults {
  readonly date: string;
  readonly machine: Record<string, string | number>;
  readonly options: Record<string, unknown>;
  readonly databases: Record<
    string,
    { patients: number; rows?: number; seedSeconds?: number }
  >;
  reads?: {
    readonly patients: number;
    readonly workup: SideBySide[];
    readonly search: SideBySide[];
  };
  writes?: {
    readonly patients: number;
    readonly schedule: SideBySide[];
    /** The bare baseline with an in-transaction chain (subject) against the bare baseline. */
    readonly inTransactionChain: SideBySide[];
  };
  lists?: Record<string, ListFigures>;
  csv?: CsvFigures | { readonly skipped: string };
  web?: WebFigures | { readonly skipped: string };
  /** Laboratory results over MLLP against the same results through the `result` action. */
  inbound?: { readonly patients: number; readonly runs: InboundFigures[] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      quick: { type: 'boolean', default: false },
      seconds: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string', default: '1,16,64' },
      only: { type: 'string', default: PARTS.join(',') },
      'skip-build': { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  const usage = `Usage: npm run bench -- [--sizes 10000,100000] [--quick] [--seconds N] [--rounds N] [--connections 1,16,64] [--only ${PARTS.join(',')}] [--skip-build] [--seed N]`;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  const connections = values.connections.split(',').map(Number);
  const parts = new Set(values.only.split(',') as Part[]);
  const pace: Pace = {
    seconds: Number(values.seconds ?? (values.quick ? 3 : 10)),
    rounds: Number(values.rounds ?? (values.quick ? 1 : 2)),
    warmup: values.quick ? 1 : 3,
  };
  const seed = Number(values.seed);
  const serverUrl =
    process.env['BENCH_DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 1) ||
    connections.some((n) => !Number.isInteger(n) || n < 1) ||
    [...parts].some((p) => !PARTS.includes(p))
  ) {
    throw new Error(usage);
  }

  mkdirSync(ARTIFACTS, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: await describeMachine(serverUrl),
    options: { sizes, connections, pace, seed, parts: [...parts] },
    databases: {},
  };
  say(`POEMS benchmark: ${JSON.stringify(results.machine)}`);

  if (!values['skip-build']) {
    build(parts.has('web'));
  }
  // A private copy: a colleague's rebuild of dist/ mid-run cannot swap the code under measurement.
  for (const file of ['main.js', 'migrate.js']) {
    mkdirSync(join(ARTIFACTS, 'api'), { recursive: true });
    copyFileSync(
      join(ROOT, 'dist/apps/api', file),
      join(ARTIFACTS, 'api', file),
    );
  }

  const databases: BenchDatabase[] = [];
  for (const patients of sizes) {
    say(`\n== database of ${patients} patients`);
    const database = await ensureBenchDatabase(
      serverUrl,
      patients,
      seed,
      join(ARTIFACTS, 'api/migrate.js'),
    );
    results.databases[database.name] = {
      patients,
      rows: database.seeded?.rows,
      seedSeconds: database.seeded?.seconds,
    };
    await withClient(database.url, (client) =>
      client.query('VACUUM (ANALYZE)'),
    );
    databases.push(database);
  }
  const first = databases[0] as BenchDatabase;
  await measureServers(databases, serverUrl, results, {
    parts,
    pace,
    connections,
  });

  if (parts.has('web')) {
    say('\n== web');
    results.web = await measureWeb(
      {
        root: ROOT,
        artifacts: ARTIFACTS,
        databaseUrl: first.url,
        apiEnv: { ...apiEnv(), DATABASE_URL: first.url },
        signIn: signInResponse,
        runs: values.quick ? 3 : 9,
      },
      say,
    );
  }

  const day = results.date.slice(0, 10);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(join(RESULTS, `${day}.json`), json);
  writeFileSync(join(RESULTS, 'latest.json'), json);
  process.stdout.write(`\n${printReport(results)}\n`);
  say(`Results: tests/bench/results/${day}.json and latest.json`);
}

/** The API and the baseline of one database, both running. */
interface ServerPair {
  readonly database: BenchDatabase;
  readonly api: RunningServer;
  readonly baseline: RunningServer;
  readonly token: string;
  readonly reports: boolean;
}

/**
 * Starts the API and the baseline on every database at once, then: reads and writes on the first
 * database; the lists on every database, the sizes alternating from round to round so that the
 * growth between sizes is measured under the same machine conditions; the CSV export on the
 * largest.
 */
async function measureServers(
  databases: readonly BenchDatabase[],
  serverUrl: string,
  results: BenchResults,
  plan: {
    readonly parts: ReadonlySet<Part>;
    readonly pace: Pace;
    readonly connections: readonly number[];
  },
): Promise<void> {
  const { parts, pace, connections } = plan;
  const first = databases[0] as BenchDatabase;
  const wantsWrites = parts.has('writes');
  // The rejected design writes its own hash chain: it gets a throwaway copy of the database so the
  // real chain stays intact. Copied before anything connects to the original.
  const chainDatabase = `${first.name}_chain`;
  const chainUrl = wantsWrites
    ? await cloneDatabase(serverUrl, first.name, chainDatabase)
    : undefined;
  const servers: RunningServer[] = [];
  const started = async (
    server: Promise<RunningServer>,
  ): Promise<RunningServer> => {
    const running = await server;
    servers.push(running);
    return running;
  };
  try {
    const pairs: ServerPair[] = [];
    // The first database's API also runs the MLLP listener, for the inbound figures.
    const mllpPort = await freeTcpPort();
    for (const database of databases) {
      const label = `${database.patients}`;
      const inbound: Record<string, string> =
        parts.has('inbound') && database === first
          ? {
              HL7_MLLP_ENABLED: 'true',
              HL7_MLLP_HOST: '127.0.0.1',
              HL7_MLLP_PORT: String(mllpPort),
              HL7_MLLP_MAX_CONNECTIONS: '100',
              INBOUND_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
            }
          : {};
      const api = await started(
        startServer(
          'API',
          [join(ARTIFACTS, 'api/main.js')],
          { ...apiEnv(), ...inbound, DATABASE_URL: database.url },
          join(ARTIFACTS, `api-${label}.log`),
        ),
      );
      const baseline = await started(
        startServer(
          'bare baseline',
          [
            '-r',
            './tests/bench/register.cjs',
            'tests/bench/baseline/baseline-server.ts',
          ],
          {
            ...serverEnv(),
            NODE_ENV: 'production',
            DATABASE_URL: database.url,
          },
          join(ARTIFACTS, `baseline-${label}.log`),
        ),
      );
      const token = await signIn(api);
      const reports = await hasCompletionReport(api, token);
      await checkParity(api, baseline, token, database.url, reports);
      say(`  ${database.name}: responses of the API and the baseline agree`);
      pairs.push({ database, api, baseline, token, reports });
    }
    const { api, baseline, token } = pairs[0] as ServerPair;

    if (parts.has('reads')) {
      say(`\n== reads (${first.patients} patients)`);
      const ids = await withClient(first.url, (c) => workupIds(c, 5_000));
      const terms = await withClient(first.url, searchTerms);
      const workup: SideBySide[] = [];
      const search: SideBySide[] = [];
      say('  GET /api/workups/:id');
      for (const c of connections) {
        workup.push(
          await sideBySide(
            api,
            baseline,
            token,
            () => readWorkups(ids),
            c,
            pace,
            say,
          ),
        );
      }
      say('  GET /api/patients?q=');
      for (const c of connections) {
        search.push(
          await sideBySide(
            api,
            baseline,
            token,
            () => searchPatients(terms),
            c,
            pace,
            say,
          ),
        );
      }
      results.reads = { patients: first.patients, workup, search };
    }

    if (wantsWrites && chainUrl !== undefined) {
      say(`\n== writes (${first.patients} patients)`);
      await copySessions(first.url, chainUrl);
      const chained = await started(
        startServer(
          'baseline, chain in tx',
          [
            '-r',
            './tests/bench/register.cjs',
            'tests/bench/baseline/baseline-server.ts',
          ],
          {
            ...serverEnv(),
            NODE_ENV: 'production',
            DATABASE_URL: chainUrl,
            AUDIT_CHAIN: 'in-transaction',
          },
          join(ARTIFACTS, 'baseline-chain.log'),
        ),
      );
      const firstDay = new Date(Date.now() + 7 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      // Each database has its own items and versions.
      const pool = await withClient(first.url, (c) =>
        schedulableItems(c, 40_000),
      );
      const chainPool = await withClient(chainUrl, (c) =>
        schedulableItems(c, 40_000),
      );
      const shared = scheduleItems(pool, firstDay, first.url);
      const separate = scheduleItems(chainPool, firstDay, chainUrl);
      const schedule: SideBySide[] = [];
      const inTransactionChain: SideBySide[] = [];
      say('  POST /api/workups/:id/items/:key/schedule');
      for (const c of connections) {
        schedule.push(
          await sideBySide(api, baseline, token, () => shared, c, pace, say),
        );
      }
      say(
        '  schedule with the hash chain extended inside each transaction (rejected design)',
      );
      for (const c of connections) {
        inTransactionChain.push(
          await sideBySide(
            chained,
            baseline,
            token,
            (s) => (s === chained ? separate : shared),
            c,
            pace,
            say,
          ),
        );
      }
      const conflicts = shared.conflicts() + separate.conflicts();
      if (conflicts > 0) {
        say(
          `  WARNING: ${conflicts} schedule requests were refused (stale version or lifecycle)`,
        );
      }
      results.writes = {
        patients: first.patients,
        schedule,
        inTransactionChain,
      };
    }

    if (parts.has('lists')) {
      say('\n== lists');
      // One round per pass, the sizes in alternating order, so growth is not machine drift.
      const passes: Map<number, ListFigures[]> = new Map(
        pairs.map((p) => [p.database.patients, []]),
      );
      for (let round = 0; round < pace.rounds; round++) {
        const order = round % 2 === 0 ? pairs : [...pairs].reverse();
        for (const pair of order) {
          say(`  ${pair.database.patients} patients`);
          passes
            .get(pair.database.patients)
            ?.push(
              await measureLists(
                pair.api,
                pair.baseline,
                pair.token,
                pair.database.url,
                { ...pace, rounds: 1, warmup: round === 0 ? pace.warmup : 0 },
                say,
                pair.reports,
              ),
            );
        }
      }
      results.lists = Object.fromEntries(
        [...passes].map(([patients, figures]) => [
          String(patients),
          mergeLists(figures),
        ]),
      );
    }

    if (parts.has('inbound')) {
      say(`\n== inbound laboratory results (${first.patients} patients)`);
      const admin = await signInAs(api, 'syn-admin-01');
      const created = await fetch(`${api.baseUrl}/api/interfaces`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          name: 'BENCHLAB',
          sendingApplication: 'BENCHLIS',
          sendingFacility: 'BENCHLAB',
        }),
      });
      await created.body?.cancel();
      if (created.status !== 201 && created.status !== 409) {
        throw new Error(
          `Creating the bench interface answered ${created.status}`,
        );
      }
      const targets = await withClient(first.url, (c) =>
        vegfTargets(c, 20_000),
      );
      // Shuffled so both sides draw from the same mix of workups.
      targets.sort(() => Math.random() - 0.5);
      results.inbound = {
        patients: first.patients,
        runs: await measureInbound(
          api,
          mllpPort,
          token,
          targets,
          connections.filter((c) => c <= 16),
          pace,
          say,
        ),
      };
    }

    const largest = pairs[pairs.length - 1] as ServerPair;
    if (parts.has('csv')) {
      say(`\n== CSV export (${largest.database.patients} patients)`);
      results.csv = await measureCsvExport(
        largest.api,
        largest.token,
        largest.database,
        say,
      );
    }
  } finally {
    for (const server of servers.reverse()) {
      await server.stop();
    }
    if (chainUrl !== undefined) {
      await dropDatabase(serverUrl, chainDatabase);
    }
  }
}

/** Whether this build of the API has the completion report (it was being built alongside). */
async function hasCompletionReport(
  api: RunningServer,
  token: string,
): Promise<boolean> {
  const response = await fetch(
    `${api.baseUrl}/api/reports/completion?from=2000-01-01&to=2000-01-01`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  await response.body?.cancel();
  return response.status !== 404;
}

/** What the API and the baseline are both started with. */
function serverEnv(): Record<string, string> {
  return {
    JWT_SECRET,
    DB_POOL_SIZE: '10',
    CLINIC_TIME_ZONE: 'UTC',
    DUE_SOON_DAYS: '7',
  };
}

/** The API as production runs it: production mode, default log level (a line per request). */
function apiEnv(): Record<string, string> {
  return {
    ...serverEnv(),
    ...auditEnv(),
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    WEB_DIST: join(ROOT, 'dist/apps/web/browser'),
  };
}

/** The audit keys of the API under test: the seeder's HMAC key, a throwaway checkpoint key. */
function auditEnv(): Record<string, string> {
  const dir = join(tmpdir(), `poems-bench-audit-${process.pid}`);
  const keyFile = join(dir, 'checkpoint-key.pem');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    keyFile,
    generateKeyPairSync('ed25519').privateKey.export({
      format: 'pem',
      type: 'pkcs8',
    }),
    { mode: 0o600 },
  );
  return {
    AUDIT_HMAC_KEY: BENCH_AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_KEY_FILE: keyFile,
    AUDIT_CHECKPOINT_DIR: join(dir, 'checkpoints'),
    // The bench signs in with passwords alone.
    MFA_REQUIRED_ROLES: 'none',
  };
}

/** A free TCP port on 127.0.0.1. */
function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        resolve(
          typeof address === 'object' && address !== null ? address.port : 0,
        ),
      );
    });
  });
}

/** A token of a synthetic staff account. */
async function signInAs(api: RunningServer, username: string): Promise<string> {
  const response = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: SYNTHETIC_USER.password }),
  });
  if (!response.ok) {
    throw new Error(`Signing in as ${username} answered ${response.status}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function signInResponse(
  api: RunningServer,
): Promise<{ accessToken: string; expiresIn: number; user: unknown }> {
  const response = await fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(SYNTHETIC_USER),
  });
  if (!response.ok) {
    throw new Error(
      `Signing in as ${SYNTHETIC_USER.username} answered ${response.status}`,
    );
  }
  return (await response.json()) as {
    accessToken: string;
    expiresIn: number;
    user: unknown;
  };
}

async function signIn(api: RunningServer): Promise<string> {
  return (await signInResponse(api)).accessToken;
}

function build(web: boolean): void {
  const projects = web ? 'api,web' : 'api';
  say(`Building ${projects} (production)…`);
  const result = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', projects],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    },
  );
  if (result.status !== 0) {
    throw new Error(`nx build ${projects} failed`);
  }
}

async function describeMachine(
  serverUrl: string,
): Promise<Record<string, string | number>> {
  const postgres = await withClient(serverUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>(
      'SHOW server_version',
    );
    return rows[0]?.server_version ?? 'unknown';
  });
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    // Not a git checkout.
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 1_073_741_824),
    node: process.version,
    postgres,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});

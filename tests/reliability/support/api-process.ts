import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { generateKeyPairSync } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The workspace root. */
export const ROOT = resolve(__dirname, '../../..');
/** The built API (`npx nx run api:build`). */
export const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
/** Logs of the API processes, for a look after a failure. */
export const ARTIFACTS = join(ROOT, 'tests/reliability/artifacts');

/** The JWT secret every API process of a check shares, as replicas must. */
export const JWT_SECRET = 'reliability-secret-of-at-least-32-characters';

/** The audit key every API process of a check shares, as replicas must. */
export const AUDIT_HMAC_KEY = 'reliability-audit-key-of-at-least-32-characters';

/** The checkpoint signing key every API process shares, written once per test process. */
function checkpointKeyFile(): string {
  const file = join(ARTIFACTS, `checkpoint-key-${process.pid}.pem`);
  if (!existsSync(file)) {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(
      file,
      generateKeyPairSync('ed25519').privateKey.export({
        format: 'pem',
        type: 'pkcs8',
      }),
      { mode: 0o600 },
    );
  }
  return file;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

// Children still running when the test process exits (a failed assertion, Ctrl-C) are killed.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
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

/**
 * Where the API processes of one database write their audit checkpoints. Checkpoints describe one
 * chain: an API pointed at another database's checkpoints rightly stops sealing ("events removed").
 */
export function checkpointDirOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return join(
    ARTIFACTS,
    'audit-checkpoints',
    `${url.port}-${url.pathname.slice(1)}`,
  );
}

/** Environment of an API process on `databaseUrl`: no demo data, quiet logs, no web app. */
export function apiEnv(
  databaseUrl: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    JWT_SECRET,
    DEMO_SEED: 'false',
    // The probes sign in with passwords alone; two-step sign-in has its own tests.
    MFA_REQUIRED_ROLES: 'none',
    AUDIT_HMAC_KEY,
    AUDIT_CHECKPOINT_KEY_FILE: checkpointKeyFile(),
    // Shared by the processes of one database, as replicas share one directory; never by two
    // databases (every check's own server names its database alike: the port tells them apart).
    AUDIT_CHECKPOINT_DIR: checkpointDirOf(databaseUrl),
    LOG_LEVEL: 'warn',
    WEB_DIST: join(ARTIFACTS, 'no-web-build'),
    ...extra,
  };
}

/** One running `node dist/apps/api/main.js`, listening on 127.0.0.1. */
export class ApiProcess {
  private exited: Promise<unknown>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly env: Readonly<Record<string, string>>,
  ) {
    this.exited = once(child, 'exit');
  }

  /** Starts the built API with `env` (plus PORT and HOST) and waits until /api/health answers 200. */
  static async start(
    name: string,
    env: Readonly<Record<string, string>>,
    port?: number,
  ): Promise<ApiProcess> {
    if (!existsSync(API_MAIN)) {
      throw new Error(`${API_MAIN} is missing: run npx nx run api:build`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, `${name}.log`), {
      flags: 'a',
    });
    await once(log, 'open');
    const listenOn = port ?? (await freePort());
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        ...env,
        PORT: String(listenOn),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', log, log],
    });
    running.add(child);
    child.once('exit', () => {
      running.delete(child);
      log.end();
    });
    const api = new ApiProcess(name, child, listenOn, env);
    await api.waitUntilHealthy(START_TIMEOUT_MS);
    return api;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until /api/health answers 200; throws when the process exits or time runs out. */
  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.alive) {
        throw new Error(
          `${this.name} exited (see tests/reliability/artifacts/${this.name}.log)`,
        );
      }
      try {
        const response = await fetch(`${this.baseUrl}/api/health`, {
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) {
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.name} did not become healthy in time`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** `kill -9`: no shutdown hook runs, in-flight requests and transactions are cut. */
  async kill(): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  /** The same API again, on the same port and environment. */
  restart(): Promise<ApiProcess> {
    if (this.alive) {
      throw new Error(`${this.name} is still running`);
    }
    return ApiProcess.start(this.name, this.env, this.port);
  }

  /** Graceful stop (SIGTERM), forced after a while. */
  async stop(): Promise<void> {
    if (!this.alive) {
      return;
    }
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { checkpointDirOf } from './api-process';
import type { ServerCommand, ServerReply } from './postgres-server';

/** Name of the application database on a test-owned server. */
export const DATABASE = 'poems';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) {
    // The helper stops its server when its channel closes; this covers a hard exit.
    child.kill('SIGTERM');
  }
});

/**
 * A PostgreSQL server owned by one test file, in a temporary directory: started, stopped mid-load
 * and restarted on the same data directory and port, then removed. Never a shared server.
 *
 * The server runs under the API's own `EmbeddedPostgresServer`, hosted by a helper process
 * (postgres-server.ts) because its packages are ES modules that Jest's module registry cannot load.
 */
export class OwnedPostgres {
  private constructor(
    private readonly helper: ChildProcess,
    private readonly directory: string,
    readonly port: number,
    readonly url: string,
  ) {}

  static async start(): Promise<OwnedPostgres> {
    const directory = await mkdtemp(join(tmpdir(), 'poems-reliability-'));
    const helper = fork(
      join(__dirname, 'postgres-server.ts'),
      [join(directory, 'pg'), DATABASE],
      {
        execArgv: ['-r', join(__dirname, 'register.cjs')],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    running.add(helper);
    helper.once('exit', () => running.delete(helper));
    const ready = await reply(helper);
    if (ready.type !== 'ready') {
      helper.kill('SIGKILL');
      throw new Error(`PostgreSQL did not start: ${JSON.stringify(ready)}`);
    }
    // A new, empty database: checkpoints left by an earlier server on the same port describe
    // another chain.
    await rm(checkpointDirOf(ready.url), { recursive: true, force: true });
    return new OwnedPostgres(helper, directory, ready.port, ready.url);
  }

  /** Fast shutdown: open sessions are ended, as when a database server goes away. */
  async stop(): Promise<void> {
    await this.command('stop', 'stopped');
  }

  /** Starts the server again on the same data directory and port. */
  async restart(): Promise<void> {
    await this.command('start', 'started');
  }

  /** Runs queries as the superuser on the application database. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** A connection of its own, for many queries in a row; the caller ends it. */
  async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    return client;
  }

  /** Stops the server and removes its data. */
  async dispose(): Promise<void> {
    if (this.helper.exitCode === null) {
      const exited = once(this.helper, 'exit');
      this.helper.send('exit' satisfies ServerCommand);
      await exited;
    }
    await rm(this.directory, { recursive: true, force: true });
  }

  private async command(
    command: ServerCommand,
    expected: ServerReply['type'],
  ): Promise<void> {
    const answer = reply(this.helper);
    this.helper.send(command);
    const result = await answer;
    if (result.type !== expected) {
      throw new Error(
        `PostgreSQL ${command} failed: ${JSON.stringify(result)}`,
      );
    }
  }
}

/** The helper's next reply; a failure if it exits first. */
function reply(helper: ChildProcess): Promise<ServerReply> {
  return new Promise((resolve) => {
    const onMessage = (message: ServerReply): void => {
      helper.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void => {
      helper.off('message', onMessage);
      resolve({ type: 'failed', message: `helper exited with ${code}` });
    };
    helper.once('message', onMessage);
    helper.once('exit', onExit);
  });
}

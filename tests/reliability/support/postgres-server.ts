// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's own wrapper: root handling, password file, leftover postmasters
import { EmbeddedPostgresServer } from '../../../apps/api/src/database/embedded-postgres';

/** Commands of {@link OwnedPostgres} to this helper, over the IPC channel. */
export type ServerCommand = 'stop' | 'start' | 'exit';

/** Replies of this helper. */
export type ServerReply =
  | { readonly type: 'ready'; readonly port: number; readonly url: string }
  | { readonly type: 'stopped' }
  | { readonly type: 'started' }
  | { readonly type: 'failed'; readonly message: string };

const quiet = {
  info: () => undefined,
  debug: () => undefined,
  error: (message: string) => process.stderr.write(`${message}\n`),
};

/**
 * A child process that runs one test-owned PostgreSQL server in `argv[2]` and stops or starts it
 * on command; it stops the server when its parent goes away.
 */
async function main(dataDir: string, database: string): Promise<void> {
  const startServer = (port: number) =>
    EmbeddedPostgresServer.start({ dataDir, port, log: quiet, durable: true });
  const reply = (message: ServerReply): void => {
    process.send?.(message);
  };
  let server: EmbeddedPostgresServer | undefined = await startServer(0);
  const port = server.port;
  await server.ensureDatabase(database);
  reply({ type: 'ready', port, url: server.urlFor(database) });

  let queue: Promise<void> = Promise.resolve();
  const run = (work: () => Promise<void>): void => {
    queue = queue.then(work).catch((error: unknown) => {
      reply({ type: 'failed', message: String(error) });
    });
  };
  const exit = (): void =>
    run(async () => {
      await server?.stop();
      server = undefined;
      process.exit(0);
    });
  process.on('message', (command: ServerCommand) => {
    switch (command) {
      case 'stop':
        return run(async () => {
          await server?.stop();
          server = undefined;
          reply({ type: 'stopped' });
        });
      case 'start':
        return run(async () => {
          server ??= await startServer(port);
          reply({ type: 'started' });
        });
      case 'exit':
        return exit();
    }
  });
  process.on('disconnect', exit);
}

const [dataDir, database] = process.argv.slice(2);
if (dataDir === undefined || database === undefined) {
  process.stderr.write('Usage: postgres-server.ts <data dir> <database>\n');
  process.exit(2);
}
main(dataDir, database).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

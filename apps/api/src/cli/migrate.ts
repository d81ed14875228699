import { createLogger, safeError } from '../common/logging/logger';
import { ConfigError, loadConfig } from '../config/app-config';
import { openDatabaseServer } from '../database/database-server';
import {
  migrationStates,
  revertLastMigration,
  runPendingMigrations,
} from '../database/migration-runner';

const USAGE = 'Usage: node dist/apps/api/migrate.js run | revert | show';

/**
 * Schema migrations from the command line, against DATABASE_URL or the embedded database in
 * DATA_DIR (started for the command and stopped afterwards). Same configuration as the API.
 */
async function main(command: string | undefined): Promise<number> {
  if (command !== 'run' && command !== 'revert' && command !== 'show') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env, { signsTokens: false });
  const logger = createLogger(config);
  const database = await openDatabaseServer(
    config,
    logger.child({ component: 'postgres' }),
  );
  const stopOnSignal = (): void =>
    void database.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal).once('SIGTERM', stopOnSignal);
  try {
    switch (command) {
      case 'run': {
        const applied = await runPendingMigrations(database.migrationUrl);
        print(
          applied.length > 0
            ? applied.map((name) => `applied  ${name}`)
            : ['Nothing to apply: the schema is up to date.'],
        );
        break;
      }
      case 'revert': {
        const reverted = await revertLastMigration(database.migrationUrl);
        print([
          reverted === undefined
            ? 'Nothing to revert: no migration is applied.'
            : `reverted ${reverted}`,
        ]);
        break;
      }
      case 'show': {
        const states = await migrationStates(database.migrationUrl);
        print(
          states.map(
            ({ name, applied }) => `${applied ? '[X]' : '[ ]'} ${name}`,
          ),
        );
        break;
      }
    }
    return 0;
  } finally {
    await database.stop();
  }
}

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Migration failed: ${String(safeError(error)['message'])}\n`,
    );
    process.exit(1);
  },
);

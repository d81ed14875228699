import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import {
  retireAuditPartitions,
  type RetentionMode,
  type RetentionResult,
} from '../audit/audit-retention';
import { createLogger, safeError } from '../common/logging/logger';
import { ConfigError, loadConfig } from '../config/app-config';
import { openDatabaseServer } from '../database/database-server';
import { typeOrmOptions } from '../database/typeorm-options';

const USAGE = `Usage: npm run audit:retention [-- --detach | --drop]
  (no option)  list the audit months older than AUDIT_RETENTION_MONTHS; change nothing
  --detach     detach them from the log, keeping each as a table audit_retired_pYYYYMM to archive
  --drop       detach and drop them`;

/**
 * Retires audit months older than AUDIT_RETENTION_MONTHS (default 72), against DATABASE_URL or the
 * embedded database in DATA_DIR. Nothing retires audit events automatically; this command is the
 * only way, it is a dry run unless told otherwise, and what it does is itself audited.
 */
async function main(args: readonly string[]): Promise<number> {
  const mode = modeOf(args);
  if (mode === undefined) {
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
  const dataSource = new DataSource({
    // Detaching and dropping partitions is the owner's privilege, never the API's.
    ...typeOrmOptions(database.migrationUrl, 1),
    logging: ['error'],
  });
  try {
    await dataSource.initialize();
    const result = await retireAuditPartitions(dataSource, {
      retentionMonths: config.auditRetentionMonths,
      mode,
      now: new Date(),
      operator: userInfo().username,
    });
    process.stdout.write(`${describe(result).join('\n')}\n`);
    return 0;
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await database.stop();
  }
}

function modeOf(args: readonly string[]): RetentionMode | undefined {
  if (args.length === 0) {
    return 'dry-run';
  }
  if (args.length === 1 && args[0] === '--detach') {
    return 'detach';
  }
  if (args.length === 1 && args[0] === '--drop') {
    return 'drop';
  }
  return undefined;
}

function describe(result: RetentionResult): string[] {
  const verb =
    result.mode === 'dry-run'
      ? 'would retire'
      : result.mode === 'drop'
        ? 'dropped'
        : 'detached';
  const lines = [
    `Audit retention: ${result.retentionMonths} months; months before ${result.cutoff} are eligible.`,
    ...result.retired.map(
      (p) => `  ${verb.padEnd(12)} ${p.name} (${p.events} events)`,
    ),
    ...result.kept.map((p) => `  kept         ${p.name}: ${p.reason}`),
  ];
  if (result.retired.length === 0) {
    lines.push('Nothing to retire.');
  } else if (result.mode === 'dry-run') {
    lines.push(
      'Dry run: nothing changed. Run with --detach (keep the tables to archive) or --drop.',
    );
  } else {
    lines.push(
      `Recorded as an audit.retention event; the chain now verifies from position ${result.firstKeptSeq}.`,
    );
  }
  return lines;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Audit retention failed: ${String(safeError(error)['message'])}\n`,
    );
    process.exit(1);
  },
);

import { isPersonRole, PERSON_ROLES, type Role } from '@poems/domain';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { AuditWriter } from '../audit/audit-writer';
import { FeedTokens } from '../auth/feed-tokens';
import { PasswordHasher } from '../auth/password-hasher';
import { PasswordPolicy } from '../auth/password-policy';
import { SessionsService } from '../auth/sessions.service';
import { createLogger, safeError } from '../common/logging/logger';
import { validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { loadConfig } from '../config/app-config';
import { openDatabaseServer } from '../database/database-server';
import { runPendingMigrations } from '../database/migration-runner';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from '../database/typeorm-options';
import { fieldErrorsOf } from '../common/validation/validation.pipe';
import { CreateUserDto } from '../users/users.dto';
import { UsersService } from '../users/users.service';

const USAGE = `Usage: npm run user:create -- --username <name> --role <${PERSON_ROLES.join('|')}> [--display-name <name>]
The password is read from standard input (piped) or prompted for; never pass it as an argument.`;

/**
 * Creates a user — typically the first admin of a real database — against DATABASE_URL or the
 * embedded database in DATA_DIR. Runs pending migrations first; the creation is audited.
 */
export async function createUserCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): Promise<number> {
  let values: { username?: string; role?: string; 'display-name'?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        username: { type: 'string' },
        role: { type: 'string' },
        'display-name': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    output.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.username === undefined || !isPersonRole(values.role)) {
    output.write(`${USAGE}\n`);
    return 2;
  }
  const password = await readPassword(input, output);
  const dto = plainToInstance(CreateUserDto, {
    username: values.username,
    role: values.role as Role,
    displayName: values['display-name'] ?? values.username,
    password,
  });
  const errors = fieldErrorsOf(
    validateSync(dto, { validationError: { target: false, value: false } }),
  );
  const refusal = new PasswordPolicy().refusal(dto.password, [
    dto.username,
    dto.displayName,
  ]);
  if (errors.length === 0 && refusal !== null) {
    errors.push({ field: 'password', message: `password ${refusal}` });
  }
  if (errors.length > 0) {
    output.write(
      `${errors.map((e) => `${e.field}: ${e.message}`).join('\n')}\n`,
    );
    return 2;
  }

  const config = loadConfig(env, { signsTokens: false });
  const logger = createLogger(config);
  const database = await openDatabaseServer(
    config,
    logger.child({ component: 'postgres' }),
  );
  const dataSource = new DataSource(typeOrmOptions(database.url, 2));
  try {
    await runPendingMigrations(database.migrationUrl);
    await dataSource.initialize();
    const audit = new AuditWriter();
    const users = new UsersService(
      dataSource,
      new PasswordHasher(),
      audit,
      new FeedTokens(dataSource, audit),
      new SessionsService(config, dataSource, audit),
      new PasswordPolicy(),
    );
    const user = await users.create(
      { actor: null, requestId: 'cli:user:create', clientIp: 'local' },
      dto,
    );
    output.write(`Created ${user.role} "${user.username}" (${user.id}).\n`);
    return 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    output.write(
      code === 'duplicate_username'
        ? 'A user with this username already exists.\n'
        : `Could not create the user: ${String(safeError(error)['message'])}\n`,
    );
    return 1;
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
    await database.stop();
  }
}

/** The password from a pipe (first line), or from a prompt that does not echo it. */
async function readPassword(
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
): Promise<string> {
  const interactive = input.isTTY === true;
  if (interactive) {
    output.write('Password: ');
  }
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const lines = createInterface({
    input,
    output: interactive ? muted : undefined,
    terminal: interactive,
  });
  try {
    for await (const line of lines) {
      return line;
    }
    return '';
  } finally {
    lines.close();
    if (interactive) {
      output.write('\n');
    }
  }
}

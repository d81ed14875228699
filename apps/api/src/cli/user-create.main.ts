import { safeError } from '../common/logging/logger';
import { ConfigError } from '../config/app-config';
import { createUserCli } from './user-create';

createUserCli(
  process.argv.slice(2),
  process.env,
  process.stdin,
  process.stdout,
).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Failed: ${String(safeError(error)['message'])}\n`,
    );
    process.exit(1);
  },
);

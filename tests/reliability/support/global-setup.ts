import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_MAIN, ARTIFACTS } from './api-process';
import { SUMMARY_FILE_ENV } from './summary';

/** Before every check: the built API must be there; start an empty summary. */
export default function globalSetup(): void {
  if (!existsSync(API_MAIN)) {
    throw new Error(
      `${API_MAIN} is missing: npm run test:reliability builds it (npx nx run api:build).`,
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'summary.txt');
  writeFileSync(file, '');
  process.env[SUMMARY_FILE_ENV] = file;
}

import { existsSync, readFileSync } from 'node:fs';
import { SUMMARY_FILE_ENV } from './summary';

/** After every check: the summary lines together, as CI shows them. */
export default function globalTeardown(): void {
  const file = process.env[SUMMARY_FILE_ENV];
  if (file === undefined || !existsSync(file)) {
    return;
  }
  const lines = readFileSync(file, 'utf8').trim();
  process.stdout.write(
    `\n== Reliability summary\n${lines === '' ? '(no check completed)' : lines}\n`,
  );
}

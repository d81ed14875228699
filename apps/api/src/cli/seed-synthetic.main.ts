import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { isIsoDate } from '@poems/domain';
import { safeError } from '../common/logging/logger';
import {
  seedSyntheticClinic,
  SYNTHETIC_PASSWORD,
} from './synthetic/synthetic-seeder';

const USAGE = `Usage: npm run seed:synthetic -- --patients N [--seed S] [--until YYYY-MM-DD] [--database-url URL]

Fills an empty database (DATABASE_URL unless --database-url) with N synthetic patients (1–100000)
and two years of workups ending the day before --until (default: today, UTC). Audit events are
sealed with AUDIT_HMAC_KEY (required: the key of the API that will serve the database). The same --seed and
--until always produce identical rows. Staff accounts: syn-hematologist-01, syn-coordinator-01…,
password "${SYNTHETIC_PASSWORD}".`;

const MAX_PATIENTS = 100_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string' },
      seed: { type: 'string', default: '1' },
      until: { type: 'string', default: new Date().toISOString().slice(0, 10) },
      'database-url': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const patients = Number(values.patients);
  const seed = Number(values.seed);
  const databaseUrl = values['database-url'] ?? process.env['DATABASE_URL'];
  const auditHmacKey = process.env['AUDIT_HMAC_KEY'] ?? '';
  if (
    values.help ||
    !Number.isInteger(patients) ||
    patients < 1 ||
    patients > MAX_PATIENTS ||
    !Number.isInteger(seed) ||
    !isIsoDate(values.until) ||
    databaseUrl === undefined ||
    auditHmacKey.length < 32
  ) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }

  const bar = new SingleBar({
    format:
      'seeding |{bar}| {value}/{total} patients | {rows} rows | {rate} rows/s | {duration_formatted} elapsed, ETA {eta_formatted}',
    hideCursor: true,
    etaBuffer: 50,
    // Logs and CI get a line every few seconds instead of a redrawn bar.
    noTTYOutput: true,
    notTTYSchedule: 5_000,
  });
  const started = performance.now();
  bar.start(patients, 0, { rows: 0, rate: 0 });
  try {
    const report = await seedSyntheticClinic({
      databaseUrl,
      patients,
      seed,
      until: values.until,
      auditHmacKey: Buffer.from(auditHmacKey),
      onProgress: (done, rows) =>
        bar.update(done, {
          rows,
          rate: Math.round(rows / ((performance.now() - started) / 1_000)),
        }),
    });
    bar.stop();
    const { counts } = report;
    process.stdout.write(
      [
        `Seeded ${counts.patients} patients (seed ${seed}, history until ${values.until}) in ${report.seconds.toFixed(1)} s, ${report.mode} COPY:`,
        `  ${counts.users} users, ${counts.workups} workups, ${counts.items} items, ${counts.history} history rows,`,
        `  ${counts.evaluations} evaluation snapshots, ${counts.auditEvents} audit events (sealed)`,
        `  ${report.rows} rows, ${Math.round(report.rows / report.seconds)} rows/s overall; seconds per phase: ${Object.entries(
          report.phases,
        )
          .map(([name, seconds]) => `${name} ${seconds.toFixed(1)}`)
          .join(', ')}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    bar.stop();
    throw error;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `Seeding failed: ${String(safeError(error)['message'])}\n`,
    );
    process.exit(1);
  },
);

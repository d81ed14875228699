import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import * as argon2 from 'argon2';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { runPendingMigrations } from '../../database/migration-runner';
import { SyntheticClinic, type ClinicCounts } from './synthetic-clinic';
import { planPatient, planStaff, type Staff } from './synthetic-plan';
import {
  copyLine,
  IDENTITY_TABLES,
  TABLE_COLUMNS,
  TABLE_LOAD_ORDER,
  type CopyValue,
  type RowSink,
  type SeededTable,
} from './synthetic-rows';

/** The password of every synthetic staff account (`syn-hematologist-01`, `syn-coordinator-01`…). */
export const SYNTHETIC_PASSWORD = 'synthetic-password';

/** What to seed, and where. */
export interface SeedOptions {
  readonly databaseUrl: string;
  readonly patients: number;
  readonly seed: number;
  /** The day the history ends, `YYYY-MM-DD` (UTC); the two years before it are filled. */
  readonly until: string;
  /** The AUDIT_HMAC_KEY of the API that will serve the database: events are sealed as it would. */
  readonly auditHmacKey: Buffer;
  /** Called after every chunk of patients with how many are done and how many rows were written. */
  readonly onProgress?: (patientsDone: number, rowsWritten: number) => void;
}

/** What a seed run did. */
export interface SeedReport {
  readonly counts: ClinicCounts & { readonly users: number };
  readonly rows: number;
  readonly seconds: number;
  /** Seconds spent in each phase: generating and loading, building indexes, checking keys, VACUUM ANALYZE. */
  readonly phases: Readonly<
    Record<'migrate' | 'load' | 'indexes' | 'checks' | 'vacuum', number>
  >;
  /**
   * `parallel`: one COPY per table at once, foreign keys checked afterwards (needs a superuser);
   * `ordered`: tables loaded parent first in batches, with foreign keys checked by PostgreSQL.
   */
  readonly mode: 'parallel' | 'ordered';
}

/** Patients generated between two hand-overs to PostgreSQL: small, so ingestion never starves. */
const CHUNK = 10;
/** Patients between two progress reports. */
const PROGRESS_EVERY = 100;
/**
 * Bytes a COPY stream may hold unsent before generation waits for PostgreSQL: deep enough that
 * PostgreSQL keeps ingesting while the next patients are generated, bounded so memory stays flat.
 */
const STREAM_BACKLOG = 16 * 1_048_576;
/** Patients per transaction in ordered mode. */
const ORDERED_BATCH = 2_000;

/**
 * Fills an empty database with a synthetic clinic: migrations first, then staff accounts and
 * `patients` patients with two years of workups, streamed with COPY. The same seed and end date
 * always give identical rows, whichever mode loads them.
 * @throws when the database already holds users, patients or audit events.
 */
export async function seedSyntheticClinic(
  options: SeedOptions,
): Promise<SeedReport> {
  const started = performance.now();
  const phases = { migrate: 0, load: 0, indexes: 0, checks: 0, vacuum: 0 };
  let mark = started;
  const phase = (name: keyof typeof phases): void => {
    const now = performance.now();
    phases[name] = (now - mark) / 1_000;
    mark = now;
  };
  await runPendingMigrations(options.databaseUrl);
  phase('migrate');
  const admin = new Client({ connectionString: options.databaseUrl });
  await admin.connect();
  try {
    await assertEmpty(admin);
    const superuser = await isSuperuser(admin);
    const staff = planStaff(options.seed, options.patients, options.until);
    await prepareAuditPartitions(admin, staff.createdAt, options.until);
    const passwordHash = await staffPasswordHash(options.seed);
    // Secondary indexes are built once after the load, which costs far less than maintaining
    // them row by row; the definitions are read from the migrated schema and restored verbatim.
    const deferred = superuser ? await dropSecondaryIndexes(admin) : [];
    const sink = (
      superuser
        ? await ParallelCopySink.open(options.databaseUrl)
        : new OrderedCopySink(admin)
    ).sealingWith(options.auditHmacKey);
    try {
      await generate(options, staff, passwordHash, sink);
      await sink.close();
    } catch (error) {
      await sink.abort();
      throw error;
    } finally {
      phase('load');
      await admin.query(`SET maintenance_work_mem = '256MB'`);
      for (const definition of deferred) {
        await admin.query(definition);
      }
      phase('indexes');
    }
    if (superuser) {
      await assertForeignKeys(admin);
    }
    for (const table of IDENTITY_TABLES) {
      await admin.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), max(id)) FROM ${table} HAVING max(id) IS NOT NULL`,
        [table],
      );
    }
    // What autovacuum would eventually do: statistics for the planner, and a visibility map so
    // index-only scans work from the first query.
    phase('checks');
    await admin.query(`VACUUM (ANALYZE) ${TABLE_LOAD_ORDER.join(', ')}`);
    phase('vacuum');
    const staffCount =
      staff.hematologists.length +
      staff.coordinators.length +
      staff.others.length;
    return {
      counts: { ...sink.clinic.counts, users: staffCount },
      rows: sink.rows,
      seconds: (performance.now() - started) / 1_000,
      phases,
      mode: superuser ? 'parallel' : 'ordered',
    };
  } finally {
    await admin.end();
  }
}

async function generate(
  options: SeedOptions,
  staff: Staff,
  passwordHash: string,
  sink: CopySink,
): Promise<void> {
  sink.clinic.addStaff(staff, passwordHash);
  const planOptions = { seed: options.seed, until: options.until, staff };
  for (let index = 0; index < options.patients; index++) {
    sink.clinic.addPatient(planPatient(planOptions, index));
    const done = index + 1;
    if (done % CHUNK === 0 || done === options.patients) {
      await sink.flush(done === options.patients || done % ORDERED_BATCH === 0);
    }
    if (done % PROGRESS_EVERY === 0 || done === options.patients) {
      options.onProgress?.(done, sink.rows);
    }
  }
}

/** Buffers COPY lines per table and streams them to PostgreSQL. */
abstract class CopySink implements RowSink {
  clinic!: SyntheticClinic;

  /** Sets the clinic that writes into this sink; called once, right after opening it. */
  sealingWith(auditHmacKey: Buffer): this {
    this.clinic = new SyntheticClinic(this, auditHmacKey);
    return this;
  }
  rows = 0;
  protected readonly buffers = new Map<SeededTable, string[]>(
    TABLE_LOAD_ORDER.map((table) => [table, []]),
  );

  write(table: SeededTable, values: readonly CopyValue[]): void {
    this.buffers.get(table)?.push(copyLine(values));
    this.rows += 1;
  }

  /** Hands buffered rows on; `commit` marks the end of a batch (ordered mode commits there). */
  abstract flush(commit: boolean): Promise<void>;
  abstract close(): Promise<void>;
  abstract abort(): Promise<void>;

  protected take(table: SeededTable): string {
    const lines = this.buffers.get(table) ?? [];
    this.buffers.set(table, []);
    return lines.join('');
  }
}

const copyStatement = (table: SeededTable): string =>
  `COPY ${table} (${TABLE_COLUMNS[table].join(', ')}) FROM STDIN`;

/**
 * One connection and one long COPY per table, all at once, so PostgreSQL ingests while the next
 * patients are generated. Foreign-key triggers are off for these sessions
 * (`session_replication_role = replica`, superuser only): the tables fill in any order and the
 * keys are checked once at the end instead.
 */
class ParallelCopySink extends CopySink {
  private constructor(
    private readonly clients: ReadonlyMap<SeededTable, Client>,
    private readonly streams: ReadonlyMap<SeededTable, Writable>,
  ) {
    super();
  }

  static async open(databaseUrl: string): Promise<ParallelCopySink> {
    const clients = new Map<SeededTable, Client>();
    const streams = new Map<SeededTable, Writable>();
    try {
      for (const table of TABLE_LOAD_ORDER) {
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        clients.set(table, client);
        await client.query(`SET session_replication_role = replica`);
        const stream = client.query(copyFrom(copyStatement(table)));
        // Failures surface when the sink is flushed or closed.
        stream.on('error', () => undefined);
        streams.set(table, stream);
      }
    } catch (error) {
      await Promise.all([...clients.values()].map((c) => c.end()));
      throw error;
    }
    return new ParallelCopySink(clients, streams);
  }

  async flush(): Promise<void> {
    const drains: Promise<unknown>[] = [];
    for (const [table, stream] of this.streams) {
      const chunk = this.take(table);
      if (chunk !== '') {
        stream.write(chunk);
      }
      if (stream.writableLength > STREAM_BACKLOG) {
        drains.push(once(stream, 'drain'));
      }
    }
    // Either wait for PostgreSQL to catch up, or at least let the event loop move bytes to it.
    await (drains.length > 0
      ? Promise.all(drains)
      : new Promise((resolve) => setImmediate(resolve)));
  }

  async close(): Promise<void> {
    await this.flush();
    try {
      await Promise.all(
        [...this.streams.values()].map(async (stream) => {
          stream.end();
          await once(stream, 'finish');
        }),
      );
    } finally {
      await Promise.all([...this.clients.values()].map((c) => c.end()));
    }
  }

  async abort(): Promise<void> {
    for (const stream of this.streams.values()) {
      stream.destroy();
    }
    await Promise.all(
      [...this.clients.values()].map((c) => c.end().catch(() => undefined)),
    );
  }
}

/** One connection: each batch is one transaction loading the tables parent first. */
class OrderedCopySink extends CopySink {
  private pending = new Map<SeededTable, string[]>(
    TABLE_LOAD_ORDER.map((t) => [t, []]),
  );

  constructor(private readonly client: Client) {
    super();
  }

  async flush(commit: boolean): Promise<void> {
    for (const table of TABLE_LOAD_ORDER) {
      this.pending.get(table)?.push(this.take(table));
    }
    if (!commit) {
      return;
    }
    const batch = this.pending;
    this.pending = new Map(TABLE_LOAD_ORDER.map((t) => [t, []]));
    await this.client.query('BEGIN');
    for (const table of TABLE_LOAD_ORDER) {
      const stream = this.client.query(copyFrom(copyStatement(table)));
      const finished = once(stream, 'finish');
      for (const chunk of batch.get(table) ?? []) {
        if (chunk !== '' && !stream.write(chunk)) {
          await once(stream, 'drain');
        }
      }
      stream.end();
      await finished;
    }
    await this.client.query('COMMIT');
  }

  async close(): Promise<void> {
    await this.flush(true);
  }

  async abort(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
  }
}

async function assertEmpty(client: Client): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT ((SELECT count(*) FROM users) + (SELECT count(*) FROM patients)
           + (SELECT count(*) FROM audit_events))::int AS n`,
  );
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error(
      'The database already holds users, patients or audit events: seed an empty database.',
    );
  }
}

/** Drops the indexes that back no constraint; returns the statements that recreate them. */
async function dropSecondaryIndexes(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY 1`,
    [TABLE_LOAD_ORDER],
  );
  for (const { name } of rows) {
    await client.query(`DROP INDEX ${name}`);
  }
  // The index of a partitioned table is defined `ON ONLY` the parent, which would recreate it
  // invalid and without its partitions' indexes; without ONLY it is built on every partition.
  return rows.map((row) => row.definition.replace(/ ON ONLY /, ' ON '));
}

/**
 * The month partitions of the audit log for the whole history, as the API would have created them
 * month after month; without them two years of events would all land in the default partition.
 * Does nothing on a schema whose audit log is not partitioned.
 */
async function prepareAuditPartitions(
  client: Client,
  from: number,
  until: string,
): Promise<void> {
  const { rows } = await client.query<{ partitioned: boolean }>(
    `SELECT to_regprocedure('audit_events_ensure_partition(date)') IS NOT NULL AS partitioned`,
  );
  if (rows[0]?.partitioned) {
    await client.query(
      `SELECT audit_events_ensure_partition(month::date)
         FROM generate_series(date_trunc('month', $1::timestamptz AT TIME ZONE 'UTC'),
                              date_trunc('month', $2::date), interval '1 month') AS month`,
      [new Date(from).toISOString(), until],
    );
  }
}

async function isSuperuser(client: Client): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean }>(
    'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
  );
  return rows[0]?.rolsuper === true;
}

/** Every single-column foreign key of the schema holds: no row points at a missing parent. */
async function assertForeignKeys(client: Client): Promise<void> {
  const { rows: keys } = await client.query<{
    name: string;
    child: string;
    column: string;
    parent: string;
    parent_column: string;
  }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, a.attname AS column,
            c.confrelid::regclass::text AS parent, pa.attname AS parent_column
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND cardinality(c.conkey) = 1`,
  );
  for (const key of keys) {
    const { rows } = await client.query<{ broken: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM ${client.escapeIdentifier(key.child)} c
          WHERE c.${client.escapeIdentifier(key.column)} IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM ${client.escapeIdentifier(key.parent)} p
                             WHERE p.${client.escapeIdentifier(key.parent_column)} = c.${client.escapeIdentifier(key.column)})
       ) AS broken`,
    );
    if (rows[0]?.broken) {
      throw new Error(`Synthetic rows break foreign key ${key.name}`);
    }
  }
}

/**
 * An argon2id hash of {@link SYNTHETIC_PASSWORD} with the API's parameters and a salt derived from
 * the seed, so that the users table too is identical from run to run.
 */
async function staffPasswordHash(seed: number): Promise<string> {
  const salt = createHash('sha256')
    .update(`poems-synthetic-${seed}`)
    .digest()
    .subarray(0, 16);
  return argon2.hash(SYNTHETIC_PASSWORD, {
    type: argon2.argon2id,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
    salt,
  });
}

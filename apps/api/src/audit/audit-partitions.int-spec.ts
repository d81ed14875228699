import { MIGRATIONS } from '@poems/migrations';
import type { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  revertLastMigration,
  runPendingMigrations,
} from '../database/migration-runner';
import { typeOrmOptions } from '../database/typeorm-options';
import { standaloneAudit } from '../testing/audit-keys';
import { callAs, tokenFor } from '../testing/http';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';
import { startTestApp, type TestApp } from '../testing/test-app';
import { AuditChainVerifier } from './audit-chain-verifier';
import { AuditPartitions } from './audit-partitions';
import { retireAuditPartitions } from './audit-retention';
import { AuditSealer } from './audit-sealer';

/** The first instant of the UTC month `offset` months from now. */
function monthStart(offset: number, now = new Date()): Date {
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1),
  );
}

/** `audit_events_pYYYYMM` of a month. */
function partitionOf(month: Date): string {
  return `audit_events_p${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Inserts an event at `occurredAt`; returns its id. */
async function insertEvent(
  db: { query: DataSource['query'] },
  occurredAt: Date,
  action = 'test.event',
): Promise<string> {
  const [{ id }] = (await db.query(
    `INSERT INTO audit_events (occurred_at, action, outcome, details)
     VALUES ($1, $2, 'success', '{"test": true}') RETURNING id::text AS id`,
    [occurredAt.toISOString(), action],
  )) as [{ id: string }];
  return id;
}

async function partitionHolding(
  db: { query: DataSource['query'] },
  id: string,
): Promise<string> {
  const [row] = (await db.query(
    `SELECT tableoid::regclass::text AS partition FROM audit_events WHERE id = $1`,
    [id],
  )) as { partition: string }[];
  return row?.partition ?? 'missing';
}

async function partitions(db: {
  query: DataSource['query'];
}): Promise<string[]> {
  return (
    (await db.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass ORDER BY 1`,
    )) as { name: string }[]
  ).map((row) => row.name);
}

/** Runs SQL with the append-only trigger off: what an intruder with the owner's rights could do. */
async function tamper(url: string, sql: string, params: unknown[] = []) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    try {
      await client.query(sql, params);
    } finally {
      await client.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    }
  } finally {
    await client.end();
  }
}

/** The migrations before the one that partitions the log. */
const BEFORE_PARTITIONING = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex(
    (migration) =>
      migration.name === 'PartitionAuditEventsByMonth1764400000000',
  ),
);

const quietLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as PinoLogger;

describe('the monthly partitions of the audit log', () => {
  describe('the migration', () => {
    let database: TestDatabase;

    beforeAll(async () => {
      database = await createTestDatabase('empty');
    });

    afterAll(async () => {
      await database.drop();
    });

    it('moves existing events into their months and back when reverted, keeping ids and the sequence', async () => {
      const before = new DataSource({
        ...typeOrmOptions(database.url, 1),
        migrations: BEFORE_PARTITIONING,
      });
      await before.initialize();
      const ids: Record<string, string> = {};
      try {
        await before.runMigrations({ transaction: 'each' });
        ids['lastMonth'] = await insertEvent(before, monthStart(-1));
        ids['now'] = await insertEvent(before, new Date());
        // Older than the migration prepares months for: the default partition takes it.
        ids['ancient'] = await insertEvent(before, new Date('2001-05-05'));
      } finally {
        await before.destroy();
      }

      await runPendingMigrations(database.url);

      const after = new DataSource(typeOrmOptions(database.url, 1));
      await after.initialize();
      try {
        expect(await partitionHolding(after, ids['lastMonth']!)).toBe(
          partitionOf(monthStart(-1)),
        );
        expect(await partitionHolding(after, ids['now']!)).toBe(
          partitionOf(monthStart(0)),
        );
        expect(await partitionHolding(after, ids['ancient']!)).toBe(
          'audit_events_default',
        );
        expect(await partitions(after)).toEqual(
          [
            'audit_events_default',
            ...[-1, 0, 1, 2, 3].map((m) => partitionOf(monthStart(m))),
          ].sort(),
        );
        const next = await insertEvent(after, new Date());
        expect(BigInt(next)).toBeGreaterThan(BigInt(ids['now']!));
      } finally {
        await after.destroy();
      }

      // Later migrations first, then the partitioning.
      let undone: string | undefined;
      do {
        undone = await revertLastMigration(database.url);
      } while (
        undone !== undefined &&
        undone !== 'PartitionAuditEventsByMonth1764400000000'
      );

      const reverted = new DataSource({
        ...typeOrmOptions(database.url, 1),
        migrations: BEFORE_PARTITIONING,
      });
      await reverted.initialize();
      try {
        const rows = (await reverted.query(
          `SELECT id::text AS id, tableoid::regclass::text AS t FROM audit_events ORDER BY id`,
        )) as { id: string; t: string }[];
        expect(rows.map((row) => row.t)).toEqual([
          'audit_events',
          'audit_events',
          'audit_events',
          'audit_events',
        ]);
        expect(rows.slice(0, 3).map((row) => row.id)).toEqual([
          ids['lastMonth'],
          ids['now'],
          ids['ancient'],
        ]);
        const next = await insertEvent(reverted, new Date());
        expect(BigInt(next)).toBeGreaterThan(BigInt(rows[3]!.id));
      } finally {
        await reverted.destroy();
      }
    });
  });

  describe('in the running application', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('puts events of different months in their partitions and anything else in the default one', async () => {
      const cases = [0, 1, 2].map((offset) => ({
        at: new Date(monthStart(offset).getTime() + 36 * 3_600_000),
        expected: partitionOf(monthStart(offset)),
      }));
      cases.push({ at: monthStart(40), expected: 'audit_events_default' });

      for (const { at, expected } of cases) {
        const id = await insertEvent(app.dataSource, at);
        expect(await partitionHolding(app.dataSource, id)).toBe(expected);
      }
    });

    it("moves the default partition's events into a month prepared later", async () => {
      const month = monthStart(50);
      const id = await insertEvent(app.dataSource, month);
      expect(await partitionHolding(app.dataSource, id)).toBe(
        'audit_events_default',
      );

      await app.dataSource.query(
        `SELECT audit_events_ensure_partition($1::date)`,
        [month.toISOString().slice(0, 10)],
      );

      expect(await partitionHolding(app.dataSource, id)).toBe(
        partitionOf(month),
      );
      // Re-attached, the default partition is guarded again.
      const stray = await insertEvent(app.dataSource, monthStart(60));
      await expect(
        app.dataSource.query(`DELETE FROM audit_events_default WHERE id = $1`, [
          stray,
        ]),
      ).rejects.toThrow(/append-only/);
    });

    it('prepares the months ahead once, however many replicas ask at the same time', async () => {
      const furthest = partitionOf(monthStart(3));
      await app.dataSource.query(
        `ALTER TABLE audit_events DETACH PARTITION ${furthest}`,
      );
      await app.dataSource.query(`DROP TABLE ${furthest}`);
      const partitionsService = app.app.get(AuditPartitions);

      const created = await Promise.all([
        partitionsService.ensureAhead(),
        partitionsService.ensureAhead(),
        partitionsService.ensureAhead(),
      ]);

      expect(created.flat()).toEqual([furthest]);
      expect(await partitions(app.dataSource)).toContain(furthest);
      expect(await partitionsService.ensureAhead()).toEqual([]);
    });

    it('refuses updates, deletes and truncation on every partition', async () => {
      const names = await partitions(app.dataSource);
      expect(names.length).toBeGreaterThanOrEqual(5);
      // Row triggers only fire on rows: every partition gets one.
      for (const name of names) {
        const month = /^audit_events_p(\d{4})(\d{2})$/.exec(name);
        await insertEvent(
          app.dataSource,
          month === null
            ? monthStart(70)
            : new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 2)),
        );
      }

      for (const name of [...names, 'audit_events']) {
        for (const sql of [
          `UPDATE ${name} SET action = 'test.forged'`,
          `DELETE FROM ${name}`,
          `TRUNCATE ${name}`,
        ]) {
          await expect(app.dataSource.query(sql)).rejects.toMatchObject({
            driverError: expect.objectContaining({ code: '42501' }),
          });
        }
      }
    });

    it('verifies one chain across partitions and finds an edit in an old month', async () => {
      await tokenFor(app, 'auditor');
      const oldMonth = monthStart(-4);
      await app.dataSource.query(
        `SELECT audit_events_ensure_partition($1::date)`,
        [oldMonth.toISOString().slice(0, 10)],
      );
      const victim = await insertEvent(app.dataSource, oldMonth);
      await insertEvent(app.dataSource, monthStart(1));
      await insertEvent(app.dataSource, new Date());

      const intact = await callAs(
        app,
        'auditor',
        'GET',
        '/api/audit-events/verify',
      );

      expect(intact.body).toMatchObject({ valid: true, unsealed: 0 });
      const spanned = (await app.dataSource.query(
        `SELECT count(DISTINCT tableoid)::int AS n FROM audit_events WHERE chain_seq IS NOT NULL`,
      )) as [{ n: number }];
      expect(spanned[0].n).toBeGreaterThanOrEqual(3);

      await tamper(
        app.database.url,
        `UPDATE audit_events SET details = '{"test": false}' WHERE id = $1`,
        [victim],
      );
      const broken = await callAs(
        app,
        'auditor',
        'GET',
        '/api/audit-events/verify',
      );

      expect(broken.body).toMatchObject({
        valid: false,
        firstBrokenId: victim,
      });
    });
  });

  describe('retention', () => {
    let database: TestDatabase;
    let dataSource: DataSource;
    let sealer: AuditSealer;
    let verifier: AuditChainVerifier;
    const now = new Date();

    beforeEach(async () => {
      database = await createTestDatabase();
      dataSource = await new DataSource(
        typeOrmOptions(database.url, 2),
      ).initialize();
      ({ sealer, verifier } = await standaloneAudit(dataSource, quietLogger));
      for (const month of ['2015-01-01', '2015-02-01', '2015-03-01']) {
        await dataSource.query(
          `SELECT audit_events_ensure_partition($1::date)`,
          [month],
        );
      }
      // The oldest months first, as a log that has lived for years was written.
      for (const day of ['2015-01-10', '2015-01-20', '2015-02-10']) {
        await insertEvent(dataSource, new Date(day));
      }
      await sealer.sealPending();
      await insertEvent(dataSource, new Date(now.getTime() - 60_000));
      await insertEvent(dataSource, now);
      await sealer.sealPending();
    });

    afterEach(async () => {
      await sealer.onModuleDestroy();
      await dataSource.destroy();
      await database.drop();
    });

    const retire = (mode: 'dry-run' | 'detach' | 'drop') =>
      retireAuditPartitions(dataSource, {
        retentionMonths: 72,
        mode,
        now,
        operator: 'test',
      });

    it('changes nothing in a dry run', async () => {
      const before = await partitions(dataSource);

      const result = await retire('dry-run');

      expect(result.retired).toEqual([
        { name: 'audit_events_p201501', events: 2 },
        { name: 'audit_events_p201502', events: 1 },
        { name: 'audit_events_p201503', events: 0 },
      ]);
      expect(await partitions(dataSource)).toEqual(before);
      const recorded = (await dataSource.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'audit.retention'`,
      )) as [{ n: number }];
      expect(recorded[0].n).toBe(0);
    });

    it('drops the old months, records it, and the rest of the chain still verifies from its new start', async () => {
      const result = await retire('drop');

      expect(result.retired.map((p) => p.name)).toEqual([
        'audit_events_p201501',
        'audit_events_p201502',
        'audit_events_p201503',
      ]);
      expect(result.firstKeptSeq).toBe('4');
      expect(await partitions(dataSource)).not.toContain(
        'audit_events_p201501',
      );
      const [event] = (await dataSource.query(
        `SELECT details FROM audit_events WHERE action = 'audit.retention'`,
      )) as [{ details: Record<string, unknown> }];
      expect(event.details).toMatchObject({
        mode: 'drop',
        retentionMonths: 72,
        firstKeptSeq: '4',
        operator: 'test',
      });
      await sealer.sealPending();

      expect(await verifier.verify()).toEqual({
        valid: true,
        checked: 3,
        retiredBefore: 4,
      });
    });

    it('keeps detached months as tables to archive', async () => {
      await retire('detach');

      const tables = (await dataSource.query(
        `SELECT relname FROM pg_class WHERE relname LIKE 'audit_retired_p%' ORDER BY 1`,
      )) as { relname: string }[];
      expect(tables.map((t) => t.relname)).toEqual([
        'audit_retired_p201501',
        'audit_retired_p201502',
        'audit_retired_p201503',
      ]);
    });

    it('keeps an old month whose events were chained after newer ones', async () => {
      // Written late with an old date: chained after the current month's events.
      await insertEvent(dataSource, new Date('2015-02-15'));
      await sealer.sealPending();

      const result = await retire('drop');

      expect(result.retired.map((p) => p.name)).toEqual([
        'audit_events_p201501',
      ]);
      expect(result.kept).toEqual([
        {
          name: 'audit_events_p201502',
          reason: 'its events are chained after events that are kept',
        },
        {
          name: 'audit_events_p201503',
          reason: 'its events are chained after events that are kept',
        },
      ]);
      await sealer.sealPending();
      expect(await verifier.verify()).toMatchObject({
        valid: true,
        retiredBefore: 3,
      });
    });

    it('does not take events removed without a retention record for a retirement', async () => {
      await tamper(
        database.url,
        `DELETE FROM audit_events WHERE chain_seq IN (1, 2)`,
      );
      const [first] = (await dataSource.query(
        `SELECT id::text AS id FROM audit_events WHERE chain_seq = 3`,
      )) as [{ id: string }];

      expect(await verifier.verify()).toEqual({
        valid: false,
        checked: 0,
        firstBrokenId: first.id,
      });
    });
  });
});

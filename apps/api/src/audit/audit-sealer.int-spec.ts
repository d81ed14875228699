import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../common/request-context/request-context';
import { startTestApp, type TestApp } from '../testing/test-app';
import {
  AUDIT_VERIFY_PAGE_SIZE,
  AuditChainVerifier,
} from './audit-chain-verifier';
import { GENESIS_HASH } from './audit-hash';
import { AUDIT_SEAL_BATCH_SIZE, AuditSealer } from './audit-sealer';
import { AuditWriter } from './audit-writer';

const SYSTEM: RequestContext = {
  actor: null,
  requestId: 'audit-sealer-test',
  clientIp: '127.0.0.1',
};

interface ChainShape {
  readonly total: number;
  readonly unsealed: number;
  readonly distinctSeqs: number;
  readonly minSeq: number | null;
  readonly maxSeq: number | null;
  readonly brokenLinks: number;
  readonly firstPrevHash: string | null;
}

/** The chain's structure, read independently of the verifier. */
async function chainShape(app: TestApp): Promise<ChainShape> {
  const [row] = (await app.dataSource.query(`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE chain_seq IS NULL)::int AS unsealed,
           count(DISTINCT chain_seq)::int AS "distinctSeqs",
           min(chain_seq)::int AS "minSeq",
           max(chain_seq)::int AS "maxSeq",
           (SELECT count(*)::int FROM audit_events a
              JOIN audit_events b ON b.chain_seq = a.chain_seq + 1
             WHERE b.prev_hash IS DISTINCT FROM a.hash) AS "brokenLinks",
           (SELECT prev_hash FROM audit_events WHERE chain_seq = 1) AS "firstPrevHash"
      FROM audit_events`)) as [ChainShape];
  return row;
}

function expectContinuousChain(shape: ChainShape): void {
  expect(shape.unsealed).toBe(0);
  expect(shape).toMatchObject({
    distinctSeqs: shape.total,
    minSeq: 1,
    maxSeq: shape.total,
    brokenLinks: 0,
    firstPrevHash: GENESIS_HASH,
  });
}

async function sealOf(
  app: TestApp,
  entityId: string,
): Promise<{ id: string; chainSeq: string | null }> {
  const [row] = (await app.dataSource.query(
    `SELECT id::text AS id, chain_seq::text AS "chainSeq" FROM audit_events WHERE entity_id = $1`,
    [entityId],
  )) as [{ id: string; chainSeq: string | null }];
  return row;
}

describe('audit sealer', () => {
  let app: TestApp;
  let writer: AuditWriter;
  let sealer: AuditSealer;

  beforeAll(async () => {
    app = await startTestApp();
    writer = app.app.get(AuditWriter);
    sealer = app.app.get(AuditSealer);
  });

  afterAll(async () => {
    await app.close();
  });

  function writeEvent(entityId: string): Promise<void> {
    return app.dataSource.transaction((m) =>
      writer.record(m, SYSTEM, {
        action: 'test.event',
        entityType: 'test',
        entityId,
        details: { note: 'ü "quoted"', nested: { b: 1, a: [true, null] } },
      }),
    );
  }

  it('seals committed events into one continuous chain', async () => {
    for (let i = 0; i < 5; i += 1) {
      await writeEvent(randomUUID());
    }

    await sealer.sealPending();

    const shape = await chainShape(app);
    expect(shape.total).toBeGreaterThanOrEqual(5);
    expectContinuousChain(shape);
    await expect(app.app.get(AuditChainVerifier).verify()).resolves.toEqual({
      valid: true,
      checked: shape.total,
    });
  });

  it('seals a backlog larger than one batch, batch after batch, and the verifier pages through it', async () => {
    const backlog = AUDIT_SEAL_BATCH_SIZE * 2 + 500;
    await app.dataSource.query(
      `INSERT INTO audit_events (action, outcome, entity_type, entity_id, details)
       SELECT 'test.backlog', 'success', 'test', n::text, jsonb_build_object('n', n, 'even', n % 2 = 0)
         FROM generate_series(1, $1) AS n`,
      [backlog],
    );

    await sealer.sealPending();

    const shape = await chainShape(app);
    expect(shape.total).toBeGreaterThan(AUDIT_VERIFY_PAGE_SIZE * 2);
    expectContinuousChain(shape);
    await expect(app.app.get(AuditChainVerifier).verify()).resolves.toEqual({
      valid: true,
      checked: shape.total,
    });
  });

  it('seals on its own timer, without being asked', async () => {
    const entityId = randomUUID();
    await writeEvent(entityId);

    const deadline = Date.now() + 5_000;
    let seal = await sealOf(app, entityId);
    while (seal.chainSeq === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seal = await sealOf(app, entityId);
    }

    expect(seal.chainSeq).not.toBeNull();
  });

  it('gives an event that commits late a later place in the chain than its id suggests', async () => {
    const early = randomUUID();
    const late = randomUUID();
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const hasInserted = new Promise<void>((resolve) => (inserted = resolve));
    const slowWriter = app.dataSource.transaction(async (m) => {
      await writer.record(m, SYSTEM, {
        action: 'test.event',
        entityType: 'test',
        entityId: late,
      });
      inserted();
      await committing;
    });
    await hasInserted;

    await writeEvent(early);
    await sealer.sealPending();
    commit();
    await slowWriter;
    await sealer.sealPending();

    const lateSeal = await sealOf(app, late);
    const earlySeal = await sealOf(app, early);
    expect(BigInt(lateSeal.id)).toBeLessThan(BigInt(earlySeal.id));
    expect(BigInt(lateSeal.chainSeq ?? 0)).toBeGreaterThan(
      BigInt(earlySeal.chainSeq ?? 0),
    );
    expectContinuousChain(await chainShape(app));
  });

  it('seals the events of 20 concurrent writers exactly once while two replicas seal', async () => {
    const replica = await startTestApp({
      databaseUrl: () => app.database.url,
    });
    try {
      const marker = randomUUID();
      const writers = Array.from({ length: 20 }, (_, w) =>
        app.dataSource.transaction(async (m) => {
          for (let i = 0; i < 5; i += 1) {
            await writer.record(m, SYSTEM, {
              action: 'test.concurrent',
              entityType: 'test',
              entityId: `${marker}:${w}:${i}`,
            });
            // Interleaves the writers' commits with the sealers' batches.
            await m.query('SELECT pg_sleep($1)', [Math.random() * 0.02]);
          }
        }),
      );
      const sealers = [sealer, replica.app.get(AuditSealer)];
      let writing = true;
      const sealing = sealers.map(async (s) => {
        while (writing) {
          await s.sealPending();
        }
      });
      await Promise.all(writers);
      writing = false;
      await Promise.all(sealing);
      await sealer.sealPending();

      const [{ sealed }] = (await app.dataSource.query(
        `SELECT count(chain_seq)::int AS sealed FROM audit_events WHERE starts_with(entity_id, $1)`,
        [marker],
      )) as [{ sealed: number }];
      expect(sealed).toBe(100);
      const shape = await chainShape(app);
      expectContinuousChain(shape);
      await expect(app.app.get(AuditChainVerifier).verify()).resolves.toEqual({
        valid: true,
        checked: shape.total,
      });
    } finally {
      await replica.close();
    }
  });

  it('leaves the application no way to change, re-seal or delete a sealed event', async () => {
    const entityId = randomUUID();
    await writeEvent(entityId);
    await sealer.sealPending();
    const { id } = await sealOf(app, entityId);

    await expect(
      app.dataSource.query(
        `UPDATE audit_events SET action = 'forged' WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.dataSource.query(
        `UPDATE audit_events SET hash = repeat('0', 64) WHERE id = $1`,
        [id],
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.dataSource.query(`DELETE FROM audit_events WHERE id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    expectContinuousChain(await chainShape(app));
  });
});

import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_AUDIT_HMAC_KEY } from '../testing/audit-keys';
import { callAs, tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import {
  CHAIN_CONTENT_COLUMNS,
  type ChainContentRow,
  contentOf,
} from './audit-chain-rows';
import { auditEventHash } from './audit-hash';
import { AuditSealer } from './audit-sealer';
import { AuditWriter } from './audit-writer';

interface ChainEntry {
  readonly id: string;
  readonly seq: number;
}

/** Writes events through the application's writer, seals them, and returns them in chain order. */
async function sealedEvents(
  app: TestApp,
  count: number,
): Promise<ChainEntry[]> {
  const writer = app.app.get(AuditWriter);
  const marker = randomUUID();
  for (let i = 0; i < count; i += 1) {
    await app.dataSource.transaction((m) =>
      writer.record(
        m,
        { actor: null, requestId: 'audit-verify-test', clientIp: '127.0.0.1' },
        {
          action: 'test.event',
          entityType: 'test',
          entityId: `${marker}:${i}`,
          details: { step: i },
        },
      ),
    );
  }
  await app.app.get(AuditSealer).sealPending();
  return (await app.dataSource.query(
    `SELECT id, chain_seq::int AS seq FROM audit_events
      WHERE starts_with(entity_id, $1) ORDER BY chain_seq`,
    [marker],
  )) as ChainEntry[];
}

/** Runs SQL as the database superuser with the append-only trigger off: what an intruder could do. */
async function tamper(
  app: TestApp,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  const client = new Client({ connectionString: app.database.url });
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

async function verify(
  app: TestApp,
): Promise<{ status: number; body: unknown }> {
  return callAs(app, 'auditor', 'GET', '/api/audit-events/verify');
}

describe('GET /api/audit-events/verify', () => {
  describe('on an intact log', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('seals what is pending, finds every event valid, and audits the verification', async () => {
      await tokenFor(app, 'auditor');
      const writer = app.app.get(AuditWriter);
      // Committed but not sealed yet: verify must seal it first.
      await app.dataSource.transaction((m) =>
        writer.record(
          m,
          {
            actor: null,
            requestId: 'audit-verify-test',
            clientIp: '127.0.0.1',
          },
          { action: 'test.event' },
        ),
      );
      const [{ before }] = (await app.dataSource.query(
        `SELECT count(*)::int AS before FROM audit_events`,
      )) as [{ before: number }];

      const response = await verify(app);

      expect(response).toEqual({
        status: 200,
        headers: expect.anything(),
        body: { valid: true, checked: before, unsealed: 0 },
      });
      const events = (await app.dataSource.query(
        `SELECT e.action, e.actor_role, e.details, u.username IS NOT NULL AS "hasActor"
           FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id
          WHERE e.action = 'audit.verify'`,
      )) as unknown[];
      expect(events).toEqual([
        {
          action: 'audit.verify',
          actor_role: 'auditor',
          hasActor: true,
          details: { valid: true, checked: before, unsealed: 0 },
        },
      ]);
    });
  });

  describe.each<{
    name: string;
    /** Tampers with the chain; returns what verify must answer. */
    attack: (
      app: TestApp,
      chain: readonly ChainEntry[],
    ) => Promise<{ firstBrokenId: string; checked: number }>;
  }>([
    {
      name: 'an edited event',
      attack: async (app, chain) => {
        const victim = chain[2]!;
        await tamper(
          app,
          `UPDATE audit_events SET details = '{"step": 99}' WHERE id = $1`,
          [victim.id],
        );
        return { firstBrokenId: victim.id, checked: victim.seq - 1 };
      },
    },
    {
      name: 'an event moved by one microsecond',
      attack: async (app, chain) => {
        const victim = chain[2]!;
        await tamper(
          app,
          `UPDATE audit_events SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = $1`,
          [victim.id],
        );
        return { firstBrokenId: victim.id, checked: victim.seq - 1 };
      },
    },
    {
      name: 'an event deleted from the middle',
      attack: async (app, chain) => {
        const victim = chain[2]!;
        await tamper(app, `DELETE FROM audit_events WHERE id = $1`, [
          victim.id,
        ]);
        return { firstBrokenId: chain[3]!.id, checked: victim.seq - 1 };
      },
    },
    {
      name: 'an edited event whose hash was recomputed to match (by someone holding the key)',
      attack: async (app, chain) => {
        const victim = chain[2]!;
        await tamper(
          app,
          `UPDATE audit_events SET action = 'test.forged' WHERE id = $1`,
          [victim.id],
        );
        const [row] = (await app.dataSource.query(
          `SELECT ${CHAIN_CONTENT_COLUMNS}, prev_hash FROM audit_events WHERE id = $1`,
          [victim.id],
        )) as [ChainContentRow & { prev_hash: string }];
        await tamper(app, `UPDATE audit_events SET hash = $2 WHERE id = $1`, [
          victim.id,
          auditEventHash(
            Buffer.from(TEST_AUDIT_HMAC_KEY),
            row.prev_hash,
            contentOf(row),
          ),
        ]);
        // The forged event verifies on its own; the link from the next one does not.
        return { firstBrokenId: chain[3]!.id, checked: victim.seq };
      },
    },
    {
      name: 'a forged twin carrying the seal of a genuine event',
      attack: async (app, chain) => {
        const genuine = chain[2]!;
        // No unique constraint stands in the way: a partitioned table cannot have one on
        // chain_seq alone, so the verifier is what catches duplicates.
        const [{ id }] = (await app.dataSource.query(
          `INSERT INTO audit_events (action, outcome) VALUES ('test.forged', 'success') RETURNING id`,
        )) as [{ id: string }];
        await tamper(
          app,
          `UPDATE audit_events f
              SET chain_seq = g.chain_seq, prev_hash = g.prev_hash, hash = g.hash
             FROM audit_events g
            WHERE f.id = $1 AND g.id = $2`,
          [id, genuine.id],
        );
        // The genuine event (lower id) verifies; its twin repeats a sequence number.
        return { firstBrokenId: id, checked: genuine.seq };
      },
    },
  ])('on a log with $name', ({ attack }) => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('answers valid: false and names the first event that does not verify', async () => {
      await tokenFor(app, 'auditor');
      const chain = await sealedEvents(app, 6);
      const expected = await attack(app, chain);

      const response = await verify(app);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ valid: false, ...expected, unsealed: 0 });
    });
  });
});

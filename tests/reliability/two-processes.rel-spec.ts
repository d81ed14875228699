import type { WorkupView } from '@poems/contract';
import { randomBytes } from 'node:crypto';
import { ApiProcess, apiEnv } from './support/api-process';
import { BUDGET } from './support/budget';
import {
  type Account,
  accountOf,
  createAccounts,
  createFirstAdmin,
  openWorkups,
  PASSWORD,
} from './support/clinic';
import { chainShape, checkConsistency } from './support/consistency';
import { arrange, expectStatus, type Outcome, send } from './support/http';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

/** Requests racing for each item version, alternating between the two processes. */
const RACERS = 6;
/** Items raced in parallel in each round. */
const ITEMS = ['cbc', 'spep', 'vegf'] as const;
/** The API's default LOGIN_MAX_FAILURES. */
const MAX_FAILURES = 5;

describe('two API processes on one database', () => {
  let pg: OwnedPostgres;
  let apis: ApiProcess[];
  let accounts: Account[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    // Started together, as replicas are: they must not trip over each other's start-up.
    apis = await Promise.all(
      ['replica-a', 'replica-b'].map((name) =>
        ApiProcess.start(name, apiEnv(pg.url)),
      ),
    );
    accounts = await createAccounts(apis[0]!.baseUrl, {
      hematologist: 2,
      coordinator: 2,
      auditor: 1,
    });
  });

  afterAll(async () => {
    await Promise.all((apis ?? []).map((api) => api.stop()));
    await pg?.dispose();
  });

  const baseUrl = (i: number): string => apis[i % apis.length]!.baseUrl;

  it('lets exactly one of the conflicting actions per version win, loses none, and keeps them all in history and audit once', async () => {
    const [workup] = await openWorkups(
      baseUrl(0),
      accountOf(accounts, 'hematologist').token,
      1,
    );
    const clinicians = accounts.filter(
      (a) => a.role === 'hematologist' || a.role === 'coordinator',
    );
    const winners: Outcome[] = [];
    /** Winners served by each process. */
    const wonThrough = [0, 0];
    const losers: Outcome[] = [];
    const otherOutcomes: string[] = [];

    for (let round = 0; round < BUDGET.replicaRounds; round += 1) {
      const view = await expectStatus<WorkupView>(
        200,
        send(baseUrl(round), 'GET', `/api/workups/${workup!.id}`, {
          token: clinicians[0]!.token,
        }),
      );
      await Promise.all(
        ITEMS.map(async (key) => {
          const version = view.items.find((i) => i.key === key)!.version;
          const outcomes = await Promise.all(
            Array.from({ length: RACERS }, (_, i) =>
              send(
                baseUrl(i),
                'POST',
                `/api/workups/${workup!.id}/items/${key}/schedule`,
                {
                  token: clinicians[i % clinicians.length]!.token,
                  body: {
                    version,
                    scheduledAt: new Date(
                      Date.UTC(2031, 0, 1 + round, 8, i),
                    ).toISOString(),
                    location: `Replica ${i % 2 === 0 ? 'A' : 'B'}, room ${i}`,
                  },
                },
              ),
            ),
          );
          const won = outcomes.filter((o) => o.status === 200);
          outcomes.forEach((o, i) => {
            if (o.status === 200) {
              wonThrough[i % 2]! += 1;
            }
          });
          winners.push(...won);
          losers.push(...outcomes.filter((o) => o.status === 409));
          otherOutcomes.push(
            ...outcomes
              .filter((o) => o.status !== 200 && o.status !== 409)
              .map((o) => `${key}: ${o.status || o.failure}`),
          );
          if (won.length !== 1) {
            otherOutcomes.push(`${key} v${version}: ${won.length} winners`);
          }
        }),
      );
    }

    const final = await expectStatus<WorkupView>(
      200,
      send(baseUrl(1), 'GET', `/api/workups/${workup!.id}`, {
        token: clinicians[0]!.token,
      }),
    );
    const items = await pg.query<{ key: string; id: string; version: number }>(
      `SELECT key, id::text AS id, version FROM workup_items WHERE workup_id = $1 AND key = ANY ($2)`,
      [workup!.id, [...ITEMS]],
    );
    const history = await pg.query<{ key: string; steps: number }>(
      `SELECT i.key, count(*)::int AS steps FROM item_history h JOIN workup_items i ON i.id = h.item_id
        WHERE i.workup_id = $1 AND h.action = 'schedule' GROUP BY i.key`,
      [workup!.id],
    );
    const audit = await pg.query<{ request_id: string; n: number }>(
      `SELECT request_id, count(*)::int AS n FROM audit_events
        WHERE action = 'item.schedule' AND entity_id = ANY ($1) GROUP BY request_id`,
      [items.map((i) => i.id)],
    );
    const auditByRequest = new Map(audit.map((a) => [a.request_id, a.n]));
    const lost = winners.filter(
      (w) => auditByRequest.get(w.requestId ?? '') !== 1,
    ).length;
    const loserEvents = losers.filter((l) =>
      auditByRequest.has(l.requestId ?? ''),
    ).length;
    summarise('replicas', {
      processes: apis.length,
      requests: (RACERS * ITEMS.length + 1) * BUDGET.replicaRounds,
      rounds: BUDGET.replicaRounds,
      accepted: winners.length,
      acceptedThroughA: wonThrough[0]!,
      acceptedThroughB: wonThrough[1]!,
      conflicts: losers.length,
      lost,
    });

    expect(otherOutcomes).toEqual([]);
    expect(winners).toHaveLength(BUDGET.replicaRounds * ITEMS.length);
    expect(losers).toHaveLength(
      BUDGET.replicaRounds * ITEMS.length * (RACERS - 1),
    );
    for (const key of ITEMS) {
      expect({
        key,
        version: final.items.find((i) => i.key === key)?.version,
        stored: items.find((i) => i.key === key)?.version,
        steps: history.find((h) => h.key === key)?.steps,
      }).toEqual({
        key,
        version: 1 + BUDGET.replicaRounds,
        stored: 1 + BUDGET.replicaRounds,
        steps: BUDGET.replicaRounds,
      });
    }
    expect({ lost, loserEvents, events: audit.length }).toEqual({
      lost: 0,
      loserEvents: 0,
      events: winners.length,
    });
    expect(await checkConsistency(pg)).toMatchObject({
      versionMismatches: 0,
      historyWithoutAudit: 0,
      auditWithoutHistory: 0,
    });
  });

  it('counts failed sign-ins across both processes and locks the account on both', async () => {
    const username = `locked-${randomBytes(3).toString('hex')}`;
    await expectStatus(
      201,
      arrange(baseUrl(0), 'POST', '/api/users', {
        token: accountOf(accounts, 'admin').token,
        body: {
          username,
          displayName: 'Lockout target',
          role: 'coordinator',
          password: PASSWORD,
        },
      }),
    );
    const attempt = (i: number, password: string) =>
      send(baseUrl(i), 'POST', '/api/auth/login', {
        body: { username, password },
      });

    const failures: number[] = [];
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      failures.push((await attempt(i, 'wrong-password-123')).status);
    }
    const withRightPassword = await Promise.all([
      attempt(0, PASSWORD),
      attempt(1, PASSWORD),
    ]);
    const [row] = await pg.query<{
      failed_login_count: number;
      locked: boolean;
    }>(
      `SELECT failed_login_count, locked_until > now() AS locked FROM users WHERE username = $1`,
      [username],
    );
    summarise('lockout', {
      processes: apis.length,
      failedSignIns: MAX_FAILURES,
      lockedOnBoth: withRightPassword.every((o) => o.status === 401),
    });

    expect(failures).toEqual(Array(MAX_FAILURES).fill(401));
    expect(withRightPassword.map((o) => o.status)).toEqual([401, 401]);
    expect(row).toMatchObject({ locked: true });
    expect(row!.failed_login_count).toBeGreaterThanOrEqual(MAX_FAILURES);
  });

  it('keeps one audit chain, which verifies through either process', async () => {
    const auditor = accountOf(accounts, 'auditor');

    const verified = await Promise.all(
      [0, 1].map((i) =>
        expectStatus<{ valid: boolean; checked: number; unsealed: number }>(
          200,
          send(baseUrl(i), 'GET', '/api/audit-events/verify', {
            token: auditor.token,
            timeoutMs: 60_000,
          }),
        ),
      ),
    );
    const chain = await chainShape(pg);
    summarise('replica-chain', {
      processes: apis.length,
      events: chain.events,
      sealed: chain.events - chain.unsealed,
      valid: verified.every((v) => v.valid),
    });

    for (const v of verified) {
      expect(v).toMatchObject({ valid: true, unsealed: expect.any(Number) });
    }
    expect(chain).toMatchObject({
      distinctSeqs: chain.events - chain.unsealed,
      minSeq: 1,
      maxSeq: chain.events - chain.unsealed,
    });
    expect(chain.events - chain.unsealed).toBeGreaterThanOrEqual(
      Math.max(...verified.map((v) => v.checked)),
    );
  });
});

import { ApiProcess, apiEnv } from './support/api-process';
import { BUDGET } from './support/budget';
import {
  type Account,
  accountOf,
  createAccounts,
  createFirstAdmin,
  openWorkups,
} from './support/clinic';
import {
  acceptedTrail,
  chainShape,
  checkConsistency,
} from './support/consistency';
import { expectStatus, type Outcome, send } from './support/http';
import { runLoad } from './support/load';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the load runs before the database goes away, and after it is back. */
const STEADY_MS = 4_000;
/** How long the API may take to notice the database is back. */
const RECOVERY_MS = 30_000;

describe('database outage: PostgreSQL stopped mid-load and started again', () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let accounts: Account[];
  let workupIds: string[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    api = await ApiProcess.start(
      'outage-api',
      apiEnv(pg.url, { LOGIN_RATE_LIMIT: '100000' }),
    );
    accounts = await createAccounts(api.baseUrl, {
      hematologist: 3,
      coordinator: 2,
      auditor: 1,
    });
    workupIds = (
      await openWorkups(
        api.baseUrl,
        accountOf(accounts, 'hematologist').token,
        6,
      )
    ).map((w) => w.id);
  });

  afterAll(async () => {
    await api?.stop();
    await pg?.dispose();
  });

  it(
    'answers 503 quickly, reports the database down, recovers without a restart, and leaves nothing half-written',
    async () => {
      let stopLoad = false;
      const loading = runLoad({
        apis: () => [api.baseUrl],
        accounts,
        workupIds,
        users: BUDGET.faultUsers,
        stop: () => stopLoad,
        maxRequests: Number.MAX_SAFE_INTEGER,
        timeoutMs: BUDGET.answerWithinMs,
      });
      const pid = api.pid;
      await sleep(STEADY_MS);

      await pg.stop();
      const probes: Outcome[] = [];
      const downUntil = Date.now() + BUDGET.outageSeconds * 1_000;
      while (Date.now() < downUntil) {
        probes.push(await send(api.baseUrl, 'GET', '/api/health'));
        probes.push(
          await send(api.baseUrl, 'POST', '/api/auth/login', {
            body: { username: 'admin', password: 'whatever-password' },
          }),
        );
        await sleep(250);
      }
      await pg.restart();
      const restartedAt = Date.now();
      await api.waitUntilHealthy(RECOVERY_MS);
      const recoveredInMs = Date.now() - restartedAt;
      await sleep(STEADY_MS);
      stopLoad = true;
      const stats = await loading;

      // Writes work again, through the same process.
      const after = await expectStatus<{
        items: { key: string; version: number }[];
      }>(
        200,
        send(api.baseUrl, 'GET', `/api/workups/${workupIds[0]}`, {
          token: accountOf(accounts, 'hematologist').token,
        }),
      );
      const history = await send(
        api.baseUrl,
        'GET',
        `/api/workups/${workupIds[0]}/items/cbc/history`,
        { token: accountOf(accounts, 'hematologist').token },
      );
      const verified = await expectStatus<{ valid: boolean; unsealed: number }>(
        200,
        send(api.baseUrl, 'GET', '/api/audit-events/verify', {
          token: accountOf(accounts, 'auditor').token,
          timeoutMs: 60_000,
        }),
      );
      const consistency = await checkConsistency(pg);
      const trail = await acceptedTrail(pg, stats.acceptedActions);
      const chain = await chainShape(pg);
      const healthDown = probes.filter(
        (p, i) => i % 2 === 0 && p.status === 503,
      ).length;
      const slowestProbeMs = Math.max(...probes.map((p) => p.ms));
      summarise('outage', {
        requests: stats.requests + probes.length,
        faults: 1,
        downSeconds: BUDGET.outageSeconds,
        answered503:
          stats.unavailable + probes.filter((p) => p.status === 503).length,
        otherServerErrors: stats.serverErrors,
        hung: stats.hung,
        slowestMs: Math.round(Math.max(stats.slowestMs, slowestProbeMs)),
        healthDown,
        recoveredInMs,
        accepted: stats.accepted,
        conflicts: stats.conflicts,
        lost: trail.lost,
      });

      expect(stats.serverErrorSamples).toEqual([]);
      expect({
        hung: stats.hung,
        serverErrors: stats.serverErrors,
        network: stats.network,
      }).toEqual({ hung: 0, serverErrors: 0, network: 0 });
      expect(stats.unavailable).toBeGreaterThan(0);
      expect(
        probes.map((p) => ({ status: p.status, hung: p.failure === 'hung' })),
      ).toEqual(probes.map(() => ({ status: 503, hung: false })));
      expect(probes[0]?.body).toEqual({ status: 'error', database: 'down' });
      expect(api.pid).toBe(pid);
      expect(after.items.length).toBeGreaterThan(0);
      expect(history.status).toBe(200);
      expect({
        lost: trail.lost,
        notOneStep: trail.notOneStep,
        twoWinnersOfOneVersion: trail.twoWinnersOfOneVersion,
      }).toEqual({ lost: 0, notOneStep: 0, twoWinnersOfOneVersion: 0 });
      expect(consistency).toMatchObject({
        versionMismatches: 0,
        historyWithoutAudit: 0,
        auditWithoutHistory: 0,
        creationMismatches: 0,
        evaluationMismatches: 0,
      });
      expect(verified).toMatchObject({ valid: true, unsealed: 0 });
      // One chain, numbered 1…n without gaps or twins (verify's own event may still be unsealed).
      expect(chain).toMatchObject({
        distinctSeqs: chain.events - chain.unsealed,
        minSeq: 1,
        maxSeq: chain.events - chain.unsealed,
      });
    },
    BUDGET.outageSeconds * 1_000 + 120_000,
  );
});

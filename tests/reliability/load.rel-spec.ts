import { ApiProcess, apiEnv } from './support/api-process';
import { BUDGET } from './support/budget';
import {
  type Account,
  accountOf,
  createAccounts,
  createFirstAdmin,
  openWorkups,
} from './support/clinic';
import { acceptedTrail, checkConsistency } from './support/consistency';
import { expectStatus, send } from './support/http';
import { runLoad } from './support/load';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

/** Workups the users share: few enough that they step on each other's changes. */
const WORKUPS = 12;

describe(`load: ${BUDGET.users} concurrent users for ${BUDGET.loadSeconds} s`, () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let accounts: Account[];
  let workupIds: string[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    api = await ApiProcess.start(
      'load-api',
      apiEnv(pg.url, { LOGIN_RATE_LIMIT: '100000' }),
    );
    accounts = await createAccounts(api.baseUrl, {
      hematologist: 6,
      coordinator: 4,
      auditor: 2,
    });
    const workups = await openWorkups(
      api.baseUrl,
      accountOf(accounts, 'hematologist').token,
      WORKUPS,
    );
    workupIds = workups.map((w) => w.id);
  });

  afterAll(async () => {
    await api?.stop();
    await pg?.dispose();
  });

  it(
    'answers without a server error, keeps every accepted action in history and audit, and one valid chain',
    async () => {
      const deadline = Date.now() + BUDGET.loadSeconds * 1_000;

      const stats = await runLoad({
        apis: () => [api.baseUrl],
        accounts,
        workupIds,
        users: BUDGET.users,
        stop: () => Date.now() >= deadline,
        maxRequests: BUDGET.loadRequests,
        // Under full load on two cores; the tight bound is the outage check's.
        timeoutMs: 3 * BUDGET.answerWithinMs,
      });

      const verified = await expectStatus<{
        valid: boolean;
        checked: number;
        unsealed: number;
      }>(
        200,
        send(api.baseUrl, 'GET', '/api/audit-events/verify', {
          token: accountOf(accounts, 'auditor').token,
          timeoutMs: 60_000,
        }),
      );
      const consistency = await checkConsistency(pg);
      const trail = await acceptedTrail(pg, stats.acceptedActions);
      summarise('load', {
        users: BUDGET.users,
        requests: stats.requests,
        reads: stats.reads,
        actions: stats.actions,
        accepted: stats.accepted,
        conflicts: stats.conflicts,
        refused: stats.refused,
        '5xx': stats.serverErrors + stats.unavailable,
        hung: stats.hung,
        slowestMs: Math.round(stats.slowestMs),
        chainChecked: verified.checked,
        lost: trail.lost,
      });

      expect(stats.serverErrorSamples).toEqual([]);
      expect({
        serverErrors: stats.serverErrors,
        unavailable: stats.unavailable,
        hung: stats.hung,
        network: stats.network,
        otherClientErrors: stats.otherClientErrors,
      }).toEqual({
        serverErrors: 0,
        unavailable: 0,
        hung: 0,
        network: 0,
        otherClientErrors: 0,
      });
      expect(stats.accepted).toBeGreaterThan(0);
      expect(stats.conflicts).toBeGreaterThan(0);
      expect(trail).toEqual({
        lost: 0,
        notOneStep: 0,
        twoWinnersOfOneVersion: 0,
        unaccountedAuditEvents: 0,
        historyMismatches: 0,
      });
      expect(consistency).toEqual({
        items: expect.any(Number),
        itemChanges: expect.any(Number),
        versionMismatches: 0,
        historyWithoutAudit: 0,
        auditWithoutHistory: 0,
        creationMismatches: 0,
        evaluationMismatches: 0,
      });
      expect(verified).toMatchObject({ valid: true, unsealed: 0 });
    },
    BUDGET.loadSeconds * 1_000 + 120_000,
  );
});

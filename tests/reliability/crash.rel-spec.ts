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
import { expectStatus, send } from './support/http';
import { runLoad } from './support/load';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the load runs before the kill, and after the restart. */
const STEADY_MS = 4_000;

describe('crash: the API killed with SIGKILL mid-load and started again', () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let accounts: Account[];
  let workupIds: string[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    api = await ApiProcess.start(
      'crash-api',
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

  it('loses no committed change: every item change has its history row and audit event, and the chain verifies', async () => {
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
    await sleep(STEADY_MS);

    const killedPid = api.pid;
    await api.kill();
    api = await api.restart();
    await sleep(STEADY_MS);
    stopLoad = true;
    const stats = await loading;

    // Events committed by the killed process are sealed by the new one; verify seals what is left.
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
    const chain = await chainShape(pg);
    summarise('crash', {
      requests: stats.requests,
      faults: 1,
      cutByKill: stats.network + stats.hung,
      accepted: stats.accepted,
      conflicts: stats.conflicts,
      '5xx': stats.serverErrors + stats.unavailable,
      itemChanges: consistency.itemChanges,
      committedUnanswered: trail.unaccountedAuditEvents,
      chainChecked: verified.checked,
      lost: trail.lost,
    });

    expect(api.pid).not.toBe(killedPid);
    expect(stats.serverErrorSamples).toEqual([]);
    expect(stats.serverErrors + stats.unavailable).toBe(0);
    expect(stats.accepted).toBeGreaterThan(0);
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
    expect(chain).toMatchObject({
      distinctSeqs: chain.events - chain.unsealed,
      minSeq: 1,
      maxSeq: chain.events - chain.unsealed,
    });
  });
});

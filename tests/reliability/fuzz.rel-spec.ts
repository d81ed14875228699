import fc from 'fast-check';
import type { Client } from 'pg';
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
  type FuzzRequest,
  fuzzRequest,
  type OpenApiDocument,
  operationsOf,
  systematicRequests,
} from './support/fuzz';
import { expectStatus, send } from './support/http';
import { OwnedPostgres } from './support/postgres';
import { summarise } from './support/summary';

/**
 * Everything a request could have written, as one comparable value per table. Left out on purpose:
 * what a rejected request may legitimately change — the shared throttling counters (rate_limits),
 * a user's failed sign-in count and lock, and the audit events recording failed sign-ins — and the
 * seal columns of audit_events, which the sealer fills in the background.
 */
const FINGERPRINT = `
  SELECT (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0)
            FROM (SELECT id, username, display_name, role, password_hash, active, version
                    FROM users) t) AS users,
         (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM patients t) AS patients,
         (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM workups t) AS workups,
         (SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)), 0) FROM workup_items t) AS items,
         (SELECT count(*) || ':' || coalesce(max(id), 0) FROM item_history) AS history,
         (SELECT count(*) || ':' || coalesce(max(id), 0) FROM workup_evaluations) AS evaluations,
         (SELECT count(*) || ':' || coalesce(max(id), 0) FROM audit_events
           WHERE action NOT IN ('auth.login_failed', 'auth.lock')) AS audit`;

describe('fuzzing every route from /api/docs-json', () => {
  let pg: OwnedPostgres;
  let api: ApiProcess;
  let accounts: Account[];
  let doc: OpenApiDocument;
  let ids: string[];

  beforeAll(async () => {
    pg = await OwnedPostgres.start();
    await createFirstAdmin(pg.url);
    api = await ApiProcess.start(
      'fuzz-api',
      apiEnv(pg.url, { LOGIN_RATE_LIMIT: '100000' }),
    );
    accounts = await createAccounts(api.baseUrl, {
      hematologist: 1,
      coordinator: 1,
      auditor: 1,
    });
    const [workup] = await openWorkups(
      api.baseUrl,
      accountOf(accounts, 'hematologist').token,
      1,
    );
    // A user the admin token may change at will, so that the fuzzer's own accounts stay usable.
    const decoy = await expectStatus<{ id: string }>(
      201,
      send(api.baseUrl, 'POST', '/api/users', {
        token: accountOf(accounts, 'admin').token,
        body: {
          username: 'decoy',
          displayName: 'Decoy',
          role: 'coordinator',
          password: 'decoy-password-123',
        },
      }),
    );
    ids = [workup!.id, workup!.patientId, decoy.id, 'poems-dispenzieri'];
    doc = await expectStatus<OpenApiDocument>(
      200,
      send(api.baseUrl, 'GET', '/api/docs-json'),
    );
  });

  afterAll(async () => {
    await api?.stop();
    await pg?.dispose();
  });

  it(
    'never answers 5xx or hangs, and writes nothing when it rejects a request',
    async () => {
      const routes = operationsOf(doc);
      const statuses = new Map<string, number>();
      let cases = 0;
      let rejected = 0;
      let writesOnRejected = 0;
      /** Failing cases, kept short: bodies can be megabytes. */
      const failures: string[] = [];
      const db = await pg.connect();
      let baseline = await fingerprint(db);

      const targets = {
        accounts,
        ids,
        itemKeys: ['cbc', 'vegf', 'physical_exam', 'lymph_node_biopsy'],
      };
      const seed = Number(
        process.env['RELIABILITY_FUZZ_SEED'] ?? Date.now() % 2_147_483_647,
      );
      const deadline = Date.now() + BUDGET.fuzzSeconds * 1_000;
      // Half the budget at most for the systematic pass, the rest for random cases.
      const systematicDeadline = Date.now() + BUDGET.fuzzSeconds * 500;
      const check = async (request: FuzzRequest): Promise<void> => {
        cases += 1;
        const outcome = await send(api.baseUrl, request.method, request.path, {
          headers: request.headers,
          body: request.body,
        });
        const kind = outcome.failure ?? `${Math.floor(outcome.status / 100)}xx`;
        statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
        const fail = (reason: string): never => {
          failures.push(
            `${request.method} ${request.path.slice(0, 200)} (${request.route}) with ${JSON.stringify(request.headers).slice(0, 300)} and body ${request.body?.slice(0, 200)}: ${reason}`,
          );
          throw new Error(reason);
        };
        if (outcome.failure !== undefined || outcome.status >= 500) {
          fail(
            `${outcome.failure ?? outcome.status} ${JSON.stringify(outcome.body)?.slice(0, 300)}`,
          );
        }
        const after = await fingerprint(db);
        if (outcome.status >= 400) {
          rejected += 1;
          const changed = Object.keys(after).filter(
            (table) => after[table] !== baseline[table],
          );
          if (changed.length > 0) {
            writesOnRejected += 1;
            fail(
              `answered ${outcome.status} but wrote to ${changed.join(', ')}`,
            );
          }
        }
        baseline = after;
      };
      let systematic = 0;
      try {
        // First every field, parameter and segment with each killer value, then random cases.
        for (const request of systematicRequests(doc, targets, seed)) {
          if (
            cases >= BUDGET.fuzzCases / 2 ||
            Date.now() >= systematicDeadline
          ) {
            break;
          }
          await check(request).catch(() => undefined);
          systematic += 1;
        }
        if (failures.length === 0 && cases < BUDGET.fuzzCases) {
          await fc.assert(fc.asyncProperty(fuzzRequest(doc, targets), check), {
            seed,
            numRuns: BUDGET.fuzzCases - cases,
            interruptAfterTimeLimit: Math.max(1, deadline - Date.now()),
            markInterruptAsFailure: false,
            // A failing case is reported as found: shrinking it would cost the time budget.
            endOnFailure: true,
          });
        }
      } catch {
        // `failures` says what failed.
      } finally {
        await db.end();
      }
      const health = await send(api.baseUrl, 'GET', '/api/health');
      summarise('fuzz', {
        routes: routes.length,
        cases,
        systematic,
        random: cases - systematic,
        seed,
        rejected,
        ...Object.fromEntries(statuses),
        '5xx': statuses.get('5xx') ?? 0,
        writesOnRejected,
      });

      // Replay a failure with RELIABILITY_FUZZ_SEED=<seed> (printed in the summary line).
      expect(failures).toEqual([]);
      expect(cases).toBeGreaterThan(0);
      expect(api.alive).toBe(true);
      expect(health.status).toBe(200);
    },
    BUDGET.fuzzSeconds * 1_000 + 120_000,
  );
});

async function fingerprint(db: Client): Promise<Record<string, string>> {
  const { rows } = await db.query<Record<string, string>>(FINGERPRINT);
  return rows[0] ?? {};
}

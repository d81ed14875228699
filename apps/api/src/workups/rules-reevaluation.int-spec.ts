import { RULES_VERSION } from '@poems/domain';
import { type EvaluationSnapshotView, type WorkupView } from '@poems/contract';
import { CLASSIC, aWorkup, auditCount, result } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { RulesReevaluation } from './rules-reevaluation';

/**
 * A rules correction (domain reference §5): every open workup judged by older rules is
 * re-evaluated once, with a "rules corrected" snapshot and an audit event; closed workups keep
 * their verdict and the rules version that produced it.
 */
describe('re-evaluation on a rules change', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  async function history(id: string): Promise<EvaluationSnapshotView[]> {
    const response = await callAs(
      app,
      'auditor',
      'GET',
      `/api/workups/${id}/evaluations`,
    );
    expect(response.status).toBe(200);
    return response.body as EvaluationSnapshotView[];
  }

  /** As if the stored verdicts had been produced by the previous rules, which judged otherwise. */
  async function judgedByOlderRules(
    id: string,
    overall: string,
  ): Promise<void> {
    await app.dataSource.query(
      `UPDATE workup_evaluations SET rules_version = $2 WHERE workup_id = $1`,
      [id, RULES_VERSION - 1],
    );
    await app.dataSource.query(
      `UPDATE workups SET overall = $2 WHERE id = $1`,
      [id, overall],
    );
  }

  it('re-evaluates open workups once, even with two replicas at once; closed ones keep their verdict', async () => {
    let open = await aWorkup(app);
    for (const [key, body] of Object.entries(CLASSIC)) {
      open = await result(app, open, key, body);
    }
    expect(open.evaluation.overall).toBe('criteria_met');
    const closing = await aWorkup(app);
    const closed = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${closing.id}/close`,
      { version: closing.version, reason: 'Alternative diagnosis' },
    );
    expect(closed.status).toBe(200);
    await judgedByOlderRules(open.id, 'criteria_not_met');
    await judgedByOlderRules(closing.id, 'criteria_not_met');
    const openSnapshots = (await history(open.id)).length;
    const closedSnapshots = (await history(closing.id)).length;

    const service = app.app.get(RulesReevaluation);
    const runs = await Promise.all([service.run(), service.run()]);
    // One replica re-evaluates; the other, queued on the lock, finds nothing left (other tests'
    // workups in this database are counted too, hence not an exact number).
    expect(Math.min(...runs)).toBe(0);
    expect(Math.max(...runs)).toBeGreaterThanOrEqual(1);
    expect(await service.run()).toBe(0);

    const after = await history(open.id);
    expect(after).toHaveLength(openSnapshots + 1);
    expect(after.at(-1)).toMatchObject({
      cause: 'rules corrected',
      overall: 'criteria_met',
      rulesVersion: RULES_VERSION,
      item: null,
    });
    const read = (
      await callAs(app, 'auditor', 'GET', `/api/workups/${open.id}`)
    ).body as WorkupView;
    expect(read.evaluation.overall).toBe('criteria_met');
    expect(read.evaluation.rulesVersion).toBe(RULES_VERSION);
    const [{ overall }] = (await app.dataSource.query(
      'SELECT overall FROM workups WHERE id = $1',
      [open.id],
    )) as [{ overall: string }];
    expect(overall).toBe('criteria_met');
    expect(
      await auditCount(app, { entityId: open.id, action: 'workup.evaluation' }),
    ).toBeGreaterThanOrEqual(1);
    const [event] = (await app.dataSource.query(
      `SELECT actor_id, diff, details FROM audit_events
        WHERE entity_id = $1 AND action = 'workup.evaluation'
        ORDER BY id DESC LIMIT 1`,
      [open.id],
    )) as { actor_id: string | null; diff: unknown; details: unknown }[];
    expect(event).toMatchObject({
      actor_id: null,
      diff: { overall: { from: 'criteria_not_met', to: 'criteria_met' } },
      details: {
        cause: 'rules corrected',
        rulesVersion: { from: RULES_VERSION - 1, to: RULES_VERSION },
      },
    });

    // The closed workup: untouched, and says which rules produced its verdict.
    expect(await history(closing.id)).toHaveLength(closedSnapshots);
    const closedView = (
      await callAs(app, 'auditor', 'GET', `/api/workups/${closing.id}`)
    ).body as WorkupView;
    expect(closedView.evaluation.overall).toBe('criteria_not_met');
    expect(closedView.evaluation.rulesVersion).toBe(RULES_VERSION - 1);
  });
});

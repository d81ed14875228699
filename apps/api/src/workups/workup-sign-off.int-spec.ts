import { RULES_VERSION } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { Clock } from '../common/clock/clock';
import { CLASSIC, aWorkup, auditCount, done, result } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

const VEGF_LOW = {
  specimen: 'plasma',
  values: [{ code: '75628-8', name: 'VEGF', value: 90, unit: 'pg/mL' }],
};

/** Issue #16 §7: a hematologist attests the evaluation; a later change outdates the attestation. */
describe('workup sign-off', () => {
  let app: TestApp;
  let clock: Clock;
  const at = (iso: string) => {
    clock.now = () => new Date(iso);
  };

  const signOff = (
    view: WorkupView,
    body: Record<string, unknown> = {},
    role: 'hematologist' | 'coordinator' | 'auditor' = 'hematologist',
  ) =>
    callAs(app, role, 'POST', `/api/workups/${view.id}/sign-off`, {
      version: view.version,
      ...body,
    });

  async function metWorkup(): Promise<WorkupView> {
    at('2031-04-02T09:00:00Z');
    let view = await aWorkup(app);
    at('2031-04-05T09:00:00Z');
    for (const [key, body] of Object.entries(CLASSIC)) {
      view = await result(app, view, key, body);
    }
    expect(view.evaluation.overall).toBe('criteria_met');
    return view;
  }

  beforeAll(async () => {
    app = await startTestApp();
    clock = app.app.get(Clock);
  });

  afterAll(async () => {
    await app.close();
  });

  it('stores who attested which evaluation on which versions, audited, and shows it on the workup', async () => {
    const view = await metWorkup();
    expect(view.signOff).toBeNull();
    at('2031-04-06T10:30:00Z');
    const response = await signOff(view, { note: '  Agree: classic case. ' });
    expect(response.status).toBe(200);
    const signed = response.body as WorkupView;
    expect(signed.version).toBe(view.version + 1);
    expect(signed.signOff).toMatchObject({
      signedAt: '2031-04-06T10:30:00.000Z',
      signedBy: { displayName: expect.any(String) },
      note: 'Agree: classic case.',
      outdated: false,
      outdatedSince: null,
      changeSummary: [],
      attested: {
        overall: 'criteria_met',
        protocol: view.protocol,
        rulesVersion: RULES_VERSION,
      },
    });
    expect(signed.signOff?.attested.criteria).toEqual(
      view.evaluation.criteria.map((c) => ({ key: c.key, status: c.status })),
    );
    expect(signed.signOff?.attested.findings).toContainEqual({
      item: 'vegf',
      criterion: 'vegf_elevation',
      value: 'present',
    });

    const read = await callAs(
      app,
      'coordinator',
      'GET',
      `/api/workups/${view.id}`,
    );
    expect(read.body.signOff).toEqual(signed.signOff);

    const [event] = (await app.dataSource.query(
      `SELECT actor_id, diff, details FROM audit_events
        WHERE entity_id = $1 AND action = 'workup.sign-off'`,
      [view.id],
    )) as { actor_id: string; diff: unknown; details: unknown }[];
    expect(event?.actor_id).toBe(signed.signOff?.signedBy.id);
    expect(event?.diff).toEqual({
      signOff: { from: null, to: signed.signOff?.id },
      overall: { from: null, to: 'criteria_met' },
    });
    expect(event?.details).toMatchObject({
      rulesVersion: RULES_VERSION,
      protocol: `${view.protocol.key} v${view.protocol.version}`,
    });
  });

  it('a corrected result marks it outdated from the correction and says what changed', async () => {
    let view = await metWorkup();
    at('2031-04-06T10:30:00Z');
    view = (await signOff(view)).body as WorkupView;
    at('2031-04-08T14:00:00Z');
    view = await result(app, view, 'vegf', VEGF_LOW);
    expect(view.signOff).toMatchObject({
      outdated: true,
      outdatedSince: '2031-04-08T14:00:00.000Z',
      changes: {
        overall: { from: 'criteria_met', to: view.evaluation.overall },
        criteria: [
          {
            key: 'vegf_elevation',
            status: { from: 'met', to: 'not_met' },
            findings: [{ item: 'vegf', from: 'present', to: 'absent' }],
          },
        ],
        results: [
          {
            item: 'vegf',
            from: '2031-04-05T09:00:00.000Z',
            to: '2031-04-08T14:00:00.000Z',
          },
        ],
      },
    });
    expect(view.signOff?.changeSummary[0]).toBe(
      `Overall: criteria met → ${view.evaluation.overall.replace(/_/g, ' ')}`,
    );
    // A later unrelated step keeps the date of the first change.
    at('2031-04-09T08:00:00Z');
    view = await done(app, 'coordinator', view, 'cbc', 'order');
    expect(view.signOff?.outdatedSince).toBe('2031-04-08T14:00:00.000Z');

    // Signed off again, it is current; the first sign-off stays on record.
    at('2031-04-10T08:00:00Z');
    const again = await signOff(view);
    expect(again.status).toBe(200);
    expect(again.body.signOff).toMatchObject({
      signedAt: '2031-04-10T08:00:00.000Z',
      outdated: false,
    });
    const [{ n }] = (await app.dataSource.query(
      'SELECT count(*)::int AS n FROM workup_sign_offs WHERE workup_id = $1',
      [view.id],
    )) as { n: number }[];
    expect(n).toBe(2);
  });

  it('scheduling or ordering does not outdate it: only findings and results do', async () => {
    let view = await metWorkup();
    view = (await signOff(view)).body as WorkupView;
    view = await done(app, 'coordinator', view, 'cbc', 'order');
    view = await done(app, 'coordinator', view, 'cbc', 'schedule', {
      scheduledAt: '2031-04-20T09:00:00Z',
    });
    expect(view.signOff?.outdated).toBe(false);
  });

  it('409 on a stale version, with the current workup; nothing stored', async () => {
    const view = await metWorkup();
    const stale = await signOff({ ...view, version: view.version + 5 });
    expect(stale.status).toBe(409);
    expect(stale.body.current.id).toBe(view.id);
    const first = await signOff(view);
    expect(first.status).toBe(200);
    // A second hematologist signing off the same view conflicts instead of both succeeding.
    expect((await signOff(view)).status).toBe(409);
    expect(
      await auditCount(app, { entityId: view.id, action: 'workup.sign-off' }),
    ).toBe(1);
  });

  it('422 when nothing is recorded yet, and when this evaluation is already signed off', async () => {
    at('2031-04-02T09:00:00Z');
    const empty = await aWorkup(app);
    const nothing = await signOff(empty);
    expect(nothing.status).toBe(422);
    expect(nothing.body.detail).toMatch(/nothing to attest/);

    const view = await metWorkup();
    const signed = (await signOff(view)).body as WorkupView;
    const twice = await signOff(signed);
    expect(twice.status).toBe(422);
    expect(twice.body.detail).toMatch(/already signed off/);
  });

  it('403 for coordinators and auditors; 400 for unknown fields; 404 for an unknown workup', async () => {
    const view = await metWorkup();
    expect((await signOff(view, {}, 'coordinator')).status).toBe(403);
    expect((await signOff(view, {}, 'auditor')).status).toBe(403);
    const unknown = await signOff(view, { overall: 'criteria_met' });
    expect(unknown.status).toBe(400);
    expect(
      (
        await callAs(
          app,
          'hematologist',
          'POST',
          '/api/workups/00000000-0000-4000-8000-000000000000/sign-off',
          { version: 1 },
        )
      ).status,
    ).toBe(404);
    expect(
      await auditCount(app, { entityId: view.id, action: 'workup.sign-off' }),
    ).toBe(0);
  });
});

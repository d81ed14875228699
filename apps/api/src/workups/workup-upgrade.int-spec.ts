import type { EvaluationSnapshotView, WorkupView } from '@poems/contract';
import { aWorkup, itemOf, result } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

/**
 * `POST /api/workups/:id/upgrade` (domain reference §2b): a workup opened on version 1 moves to
 * version 2 keeping every item, result and history; the refusals follow the contract's order.
 */
describe('upgrading a workup to a newer protocol version', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  }, 120_000);

  afterAll(async () => {
    await app.close();
  });

  /** A workup as stored before version 2 was published: on version 1, without the lesion biopsy. */
  async function aV1Workup(): Promise<WorkupView> {
    const opened = await aWorkup(app);
    await app.dataSource.query(
      `DELETE FROM workup_items WHERE workup_id = $1 AND key = 'lesion_biopsy'`,
      [opened.id],
    );
    await app.dataSource.query(
      `UPDATE workups SET protocol_version = 1 WHERE id = $1`,
      [opened.id],
    );
    return read(opened.id);
  }

  async function read(id: string): Promise<WorkupView> {
    return (await callAs(app, 'hematologist', 'GET', `/api/workups/${id}`))
      .body as WorkupView;
  }

  const upgrade = (
    id: string,
    body: unknown,
    role: 'hematologist' | 'coordinator' = 'hematologist',
  ) => callAs(app, role, 'POST', `/api/workups/${id}/upgrade`, body);

  it('keeps every item with its result, adds the lesion biopsy, recomputes and audits', async () => {
    let view = await aV1Workup();
    expect(view.protocol.version).toBe(1);
    view = await result(app, view, 'serum_ife', { heavyChain: 'none' });
    view = await result(app, view, 'bone_marrow_biopsy', {
      findings: [
        { criterion: 'monoclonal_plasma_cell_disorder', value: 'absent' },
      ],
    });
    view = await result(app, view, 'bone_imaging', {
      modality: 'pet_ct',
      lesions: 'sclerotic',
    });
    const before = itemOf(view, 'bone_marrow_biopsy');

    const response = await upgrade(view.id, {
      version: view.version,
      reason: 'Version 2 offers the lesion biopsy',
    });
    expect(response.status).toBe(200);
    const upgraded = response.body as WorkupView;
    expect(upgraded.protocol).toEqual({ key: 'poems-dispenzieri', version: 2 });
    expect(upgraded.version).toBe(view.version + 1);
    expect(upgraded.items).toHaveLength(18);
    expect(itemOf(upgraded, 'bone_marrow_biopsy')).toMatchObject({
      status: before.status,
      result: before.result,
      findings: before.findings,
      version: before.version,
    });
    expect(itemOf(upgraded, 'lesion_biopsy')).toMatchObject({
      status: 'planned',
      active: false,
    });
    expect(upgraded.evaluation.protocol).toEqual({
      key: 'poems-dispenzieri',
      version: 2,
    });
    expect(upgraded.evaluation.nextTests).toContainEqual(
      expect.objectContaining({ action: 'activate', items: ['lesion_biopsy'] }),
    );
    expect(await read(view.id)).toMatchObject({
      protocol: { version: 2 },
      version: upgraded.version,
    });

    const history = (
      await callAs(
        app,
        'hematologist',
        'GET',
        `/api/workups/${view.id}/evaluations`,
      )
    ).body as EvaluationSnapshotView[];
    expect(history.at(-1)).toMatchObject({
      cause: 'protocol upgraded',
      protocol: { key: 'poems-dispenzieri', version: 2 },
    });
    const audit = (await app.dataSource.query(
      `SELECT diff, details FROM audit_events WHERE action = 'workup.upgrade' AND entity_id = $1`,
      [view.id],
    )) as { diff: Record<string, unknown>; details: Record<string, unknown> }[];
    expect(audit).toHaveLength(1);
    expect(audit[0].diff).toMatchObject({
      protocol: { from: 'poems-dispenzieri v1', to: 'poems-dispenzieri v2' },
      items: { from: null, to: ['lesion_biopsy'] },
    });
    expect(audit[0].details).toMatchObject({
      reason: 'Version 2 offers the lesion biopsy',
    });
    const itemHistory = (
      await callAs(
        app,
        'hematologist',
        'GET',
        `/api/workups/${view.id}/items/bone_marrow_biopsy/history`,
      )
    ).body as { action: string }[];
    expect(itemHistory.map((h) => h.action)).toEqual(['create', 'result']);
  });

  it('answers 409 with the current workup on a stale version', async () => {
    const view = await aV1Workup();
    const response = await upgrade(view.id, {
      version: view.version + 5,
      reason: 'x',
    });
    expect(response.status).toBe(409);
    expect((await read(view.id)).protocol.version).toBe(1);
  });

  it('answers 422 for a workup already on the newest version, or a version not newer', async () => {
    const v2 = await aWorkup(app);
    expect(
      (await upgrade(v2.id, { version: v2.version, reason: 'again' })).status,
    ).toBe(422);
    const v1 = await aV1Workup();
    expect(
      (
        await upgrade(v1.id, {
          version: v1.version,
          reason: 'same',
          protocolVersion: 1,
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await upgrade(v1.id, {
          version: v1.version,
          reason: 'none',
          protocolVersion: 9,
        })
      ).status,
    ).toBe(422);
  });

  it('answers 422 for a closed workup', async () => {
    const view = await aV1Workup();
    const closed = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/workups/${view.id}/close`,
      {
        version: view.version,
        reason: 'Transferred',
      },
    );
    expect(closed.status).toBe(200);
    const response = await upgrade(view.id, {
      version: (closed.body as WorkupView).version,
      reason: 'late',
    });
    expect(response.status).toBe(422);
  });

  it.each([
    ['no body', {}],
    ['no reason', { version: 1 }],
    ['an empty reason', { version: 1, reason: '  ' }],
    ['a version that is not a number', { version: 'one', reason: 'x' }],
    ['a protocol version 0', { version: 1, reason: 'x', protocolVersion: 0 }],
  ])('answers 400 for %s', async (_case, body) => {
    const view = await aV1Workup();
    expect((await upgrade(view.id, body)).status).toBe(400);
  });

  it('lets only a hematologist upgrade', async () => {
    const view = await aV1Workup();
    const response = await upgrade(
      view.id,
      { version: view.version, reason: 'x' },
      'coordinator',
    );
    expect(response.status).toBe(403);
  });
});

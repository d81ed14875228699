import type { WorkupView } from '@poems/contract';
import {
  act,
  auditCount,
  aWorkup,
  CLASSIC,
  done,
  itemOf,
  result,
} from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('item actions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  /** Everything an action could have written for an item. */
  async function footprint(view: WorkupView, key: string) {
    const item = itemOf(view, key);
    const [row] = (await app.dataSource.query(
      `SELECT i.version, i.status,
              (SELECT count(*)::int FROM item_history h WHERE h.item_id = i.id) AS history,
              (SELECT count(*)::int FROM audit_events a WHERE a.patient_id = w.patient_id
                  AND a.action NOT LIKE '%.read') AS audit
         FROM workup_items i JOIN workups w ON w.id = i.workup_id
        WHERE i.workup_id = $1 AND i.key = $2`,
      [view.id, item.key],
    )) as unknown[];
    return row;
  }

  describe('the lifecycle', () => {
    it.each([
      ['review', 'planned', {}],
      ['perform', 'resulted', { performedAt: '2025-01-01T10:00:00Z' }],
      ['order', 'scheduled', {}],
      ['reopen', 'planned', { reason: 'why not' }],
      ['not-indicated', 'resulted', { reason: 'done already' }],
      ['cancel', 'reviewed', { reason: 'too late' }],
    ] as const)(
      'refuses %s on a %s item with 422 and writes nothing',
      async (action, status, body) => {
        let view = await aWorkup(app);
        if (status === 'scheduled') {
          view = await done(app, 'coordinator', view, 'cbc', 'schedule', {
            scheduledAt: '2030-02-01T08:00:00Z',
          });
        }
        if (status === 'resulted' || status === 'reviewed') {
          view = await result(app, view, 'cbc', {
            values: [
              {
                code: '777-3',
                name: 'Platelets',
                value: 300,
                unit: '10*9/L',
                high: 450,
              },
            ],
          });
        }
        if (status === 'reviewed') {
          view = await done(app, 'hematologist', view, 'cbc', 'review');
        }
        expect(itemOf(view, 'cbc').status).toBe(status);
        const before = await footprint(view, 'cbc');

        const response = await act(
          app,
          'hematologist',
          view,
          'cbc',
          action,
          body,
        );

        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({
          status: 422,
          title: 'Transition not allowed',
        });
        expect(await footprint(view, 'cbc')).toEqual(before);
      },
    );
  });

  describe('roles', () => {
    it.each([
      ['coordinator', 'result', { values: [] }],
      ['coordinator', 'review', {}],
      ['coordinator', 'not-indicated', { reason: 'x' }],
      ['coordinator', 'reopen', { reason: 'x' }],
      ['coordinator', 'activate', {}],
      ['auditor', 'order', {}],
      ['auditor', 'cancel', { reason: 'x' }],
      ['admin', 'schedule', { scheduledAt: '2030-01-01T08:00:00Z' }],
    ] as const)(
      '%s may not %s (403) and nothing is written',
      async (role, action, body) => {
        const view = await aWorkup(app);
        const before = await footprint(view, 'lymph_node_biopsy');

        const response = await act(
          app,
          role,
          view,
          'lymph_node_biopsy',
          action,
          body,
        );

        expect(response.status).toBe(403);
        expect(await footprint(view, 'lymph_node_biopsy')).toEqual(before);
      },
    );

    it('coordinators order, schedule, perform and cancel', async () => {
      let view = await aWorkup(app);
      view = await done(app, 'coordinator', view, 'cbc', 'order');
      view = await done(app, 'coordinator', view, 'cbc', 'schedule', {
        scheduledAt: '2030-01-01T08:00:00Z',
      });
      view = await done(app, 'coordinator', view, 'cbc', 'perform', {
        performedAt: '2025-01-01T08:00:00Z',
      });
      view = await done(app, 'coordinator', view, 'spep', 'cancel', {
        reason: 'Duplicate order',
      });
      expect(itemOf(view, 'cbc').status).toBe('performed');
      expect(itemOf(view, 'spep').status).toBe('cancelled');
    });
  });

  describe('invalid bodies answer 400 with field errors and change nothing', () => {
    const cases: [string, string, string, Record<string, unknown>, string][] = [
      ['no version', 'cbc', 'order', { version: undefined }, 'version'],
      ['a string version', 'cbc', 'order', { version: '1' }, 'version'],
      ['an unknown field', 'cbc', 'order', { priority: 'high' }, 'priority'],
      [
        'an impossible due date',
        'cbc',
        'order',
        { dueDate: '2030-02-30' },
        'dueDate',
      ],
      [
        'a due date in year 20300',
        'cbc',
        'order',
        { dueDate: '20300-01-01' },
        'dueDate',
      ],
      [
        'a time without offset',
        'cbc',
        'schedule',
        { scheduledAt: '2030-01-01T08:00:00' },
        'scheduledAt',
      ],
      [
        'an offset beyond +14:00',
        'cbc',
        'schedule',
        { scheduledAt: '2030-01-01T08:00:00+14:01' },
        'scheduledAt',
      ],
      [
        'an offset of -23:59',
        'cbc',
        'schedule',
        { scheduledAt: '2030-01-01T08:00:00-23:59' },
        'scheduledAt',
      ],
      [
        'an oversize location',
        'cbc',
        'schedule',
        { scheduledAt: '2030-01-01T08:00:00Z', location: 'x'.repeat(201) },
        'location',
      ],
      [
        'a future performedAt',
        'cbc',
        'perform',
        { performedAt: '2099-01-01T08:00:00Z' },
        'performedAt',
      ],
      ['an empty reason', 'cbc', 'cancel', { reason: '   ' }, 'reason'],
      [
        'a value without unit',
        'cbc',
        'result',
        { values: [{ name: 'Platelets', value: 300 }] },
        'values[0].unit',
      ],
      [
        'a string value',
        'cbc',
        'result',
        { values: [{ name: 'Platelets', value: '300', unit: '10*9/L' }] },
        'values[0].value',
      ],
      [
        'low above high',
        'cbc',
        'result',
        {
          values: [
            {
              name: 'Platelets',
              value: 300,
              unit: '10*9/L',
              low: 500,
              high: 450,
            },
          ],
        },
        'values[0].low',
      ],
      [
        'an unknown specimen',
        'vegf',
        'result',
        { specimen: 'urine' },
        'specimen',
      ],
      [
        'a specimen for a CBC',
        'cbc',
        'result',
        { specimen: 'plasma' },
        'specimen',
      ],
      [
        'an unknown axis state',
        'endocrine_panel',
        'result',
        { axes: { gonadal: 'low' } },
        'axes.gonadal',
      ],
      [
        'an unknown axis',
        'endocrine_panel',
        'result',
        { axes: { kidney: 'abnormal' } },
        'axes.kidney',
      ],
      [
        'a finding the item does not cover',
        'cbc',
        'result',
        { findings: [{ criterion: 'papilledema', value: 'present' }] },
        'findings[0].criterion',
      ],
      [
        'an unknown sign',
        'physical_exam',
        'result',
        { signs: ['glowing'] },
        'signs',
      ],
      [
        'an oversize report',
        'emg_ncs',
        'result',
        { report: 'x'.repeat(20_001) },
        'report',
      ],
      [
        'a heavy chain without light chain',
        'serum_ife',
        'result',
        { heavyChain: 'IgG' },
        'lightChain',
      ],
      // No empty results (issue 13 §1b): saving nothing once ruled polyneuropathy out.
      ['an empty result', 'emg_ncs', 'result', {}, 'result'],
      [
        'a result with an empty values list and a blank report',
        'cbc',
        'result',
        { values: [], report: '  ' },
        'result',
      ],
      [
        'an EMG with a report but no finding for polyneuropathy',
        'emg_ncs',
        'result',
        { report: 'Scanned report attached.' },
        'findings.polyneuropathy',
      ],
      [
        'body imaging with a modality but no finding and no signs list',
        'body_imaging',
        'result',
        { modality: 'ct_chest_abdomen_pelvis' },
        'findings.organomegaly',
      ],
    ];

    it.each(cases)('%s', async (_name, key, action, body, field) => {
      const view = await aWorkup(app);
      const before = await footprint(view, key);

      const response = await act(
        app,
        'hematologist',
        view,
        key,
        action as 'order',
        body,
      );

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain(
        'application/problem+json',
      );
      expect(response.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(await footprint(view, key)).toEqual(before);
    });

    it('a malformed JSON body, an unknown workup and an unknown item', async () => {
      const view = await aWorkup(app);
      const malformed = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/workups/${view.id}/items/cbc/order`,
        '{"version": ',
      );
      expect(malformed.status).toBe(400);

      const unknownWorkup = await callAs(
        app,
        'hematologist',
        'POST',
        '/api/workups/00000000-0000-4000-8000-000000000000/items/cbc/order',
        { version: 1 },
      );
      expect(unknownWorkup.status).toBe(404);
      const unknownItem = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/workups/${view.id}/items/x-ray/order`,
        { version: 1 },
      );
      expect(unknownItem.status).toBe(404);
      const badId = await callAs(
        app,
        'hematologist',
        'POST',
        '/api/workups/42/items/cbc/order',
        { version: 1 },
      );
      expect(badId.status).toBe(400);
    });
  });

  describe('optimistic versions', () => {
    it('a stale version gets 409 with the current item, and nothing changes', async () => {
      let view = await aWorkup(app);
      const stale = view;
      view = await done(app, 'coordinator', view, 'cbc', 'order');
      const before = await footprint(view, 'cbc');

      const response = await act(app, 'coordinator', stale, 'cbc', 'schedule', {
        scheduledAt: '2030-01-01T08:00:00Z',
      });

      expect(response.status).toBe(409);
      expect(response.body.current).toMatchObject({
        key: 'cbc',
        status: 'ordered',
        version: 2,
      });
      expect(await footprint(view, 'cbc')).toEqual(before);
    });

    it('checks the version before the lifecycle: a stale and illegal action is a 409', async () => {
      const view = await aWorkup(app);
      const response = await act(app, 'hematologist', view, 'cbc', 'review', {
        version: 7,
      });
      expect(response.status).toBe(409);
    });

    it('parallel conflicting requests: exactly one wins, the rest get 409, and history holds only the winner', async () => {
      const view = await aWorkup(app);
      const times = Array.from(
        { length: 12 },
        (_, i) => `2030-03-${String(i + 1).padStart(2, '0')}T09:00:00Z`,
      );

      const responses = await Promise.all(
        times.map((scheduledAt) =>
          act(app, 'coordinator', view, 'cbc', 'schedule', { scheduledAt }),
        ),
      );

      const winners = responses.filter((r) => r.status === 200);
      expect(winners).toHaveLength(1);
      expect(responses.filter((r) => r.status === 409)).toHaveLength(
        times.length - 1,
      );
      const final = await callAs(
        app,
        'coordinator',
        'GET',
        `/api/workups/${view.id}`,
      );
      const item = itemOf(final.body as WorkupView, 'cbc');
      expect(item.version).toBe(2);
      expect(item.scheduledAt).toBe(
        itemOf(winners[0]?.body as WorkupView, 'cbc').scheduledAt,
      );
      const history = await callAs(
        app,
        'coordinator',
        'GET',
        `/api/workups/${view.id}/items/cbc/history`,
      );
      expect(
        history.body.filter((h: { action: string }) => h.action === 'schedule'),
      ).toHaveLength(1);
      expect(
        await auditCount(app, {
          entityId: await itemId(view.id, 'cbc'),
          action: 'item.schedule',
        }),
      ).toBe(1);
    });

    it('parallel actions on different items of one workup all land and the evaluation sees every one', async () => {
      const view = await aWorkup(app);
      const responses = await Promise.all(
        Object.entries(CLASSIC).map(([key, body]) =>
          act(app, 'hematologist', view, key, 'result', body),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);

      const final = (
        await callAs(app, 'hematologist', 'GET', `/api/workups/${view.id}`)
      ).body as WorkupView;
      expect(final.evaluation.overall).toBe('criteria_met');
      const [stored] = (await app.dataSource.query(
        'SELECT overall, completion_done FROM workups WHERE id = $1',
        [view.id],
      )) as { overall: string; completion_done: number }[];
      expect(stored).toEqual({ overall: 'criteria_met', completion_done: 4 });
    });
  });

  async function itemId(workupId: string, key: string): Promise<string> {
    const [row] = (await app.dataSource.query(
      'SELECT id FROM workup_items WHERE workup_id = $1 AND key = $2',
      [workupId, key],
    )) as { id: string }[];
    return row?.id ?? '';
  }

  describe('audit', () => {
    it('each action leaves exactly one event with the diff of what changed, in the same transaction', async () => {
      let view = await aWorkup(app);
      const id = await itemId(view.id, 'cbc');
      view = await done(app, 'coordinator', view, 'cbc', 'schedule', {
        scheduledAt: '2030-01-01T08:00:00Z',
        location: 'Lab',
        dueDate: '2030-01-05',
      });

      const events = (await app.dataSource.query(
        `SELECT action, actor_role, patient_id, entity_type, diff, request_id, client_ip, outcome
           FROM audit_events WHERE entity_id = $1 ORDER BY id`,
        [id],
      )) as Record<string, unknown>[];
      expect(events).toEqual([
        {
          action: 'item.schedule',
          actor_role: 'coordinator',
          patient_id: view.patientId,
          entity_type: 'workup_item',
          outcome: 'success',
          request_id: expect.any(String),
          client_ip: '127.0.0.1',
          diff: {
            status: { from: 'planned', to: 'scheduled' },
            scheduledAt: { from: null, to: '2030-01-01T08:00:00.000Z' },
            location: { from: null, to: 'Lab' },
            dueDate: { from: null, to: '2030-01-05' },
          },
        },
      ]);
    });

    it('a change whose transaction fails leaves no audit event', async () => {
      const view = await aWorkup(app);
      const id = await itemId(view.id, 'cbc');
      // Make the item update fail inside the transaction, after the checks have passed.
      await app.dataSource.query(
        `ALTER TABLE workup_items ADD CONSTRAINT ck_test_no_location CHECK (location IS NULL OR location <> 'Room 13')`,
      );
      try {
        const response = await act(
          app,
          'coordinator',
          view,
          'cbc',
          'schedule',
          {
            scheduledAt: '2030-01-01T08:00:00Z',
            location: 'Room 13',
          },
        );
        expect(response.status).toBe(500);
        expect(JSON.stringify(response.body)).not.toContain('Room 13');
      } finally {
        await app.dataSource.query(
          'ALTER TABLE workup_items DROP CONSTRAINT ck_test_no_location',
        );
      }
      expect(await auditCount(app, { entityId: id })).toBe(0);
      expect(
        itemOf(
          (await callAs(app, 'coordinator', 'GET', `/api/workups/${view.id}`))
            .body,
          'cbc',
        ).version,
      ).toBe(1);
    });

    it('every read of a record is audited with the patient id', async () => {
      const view = await aWorkup(app);
      await callAs(app, 'auditor', 'GET', `/api/workups/${view.id}`);
      await callAs(app, 'auditor', 'GET', `/api/patients/${view.patientId}`);
      await callAs(
        app,
        'auditor',
        'GET',
        `/api/workups/${view.id}/items/cbc/history`,
      );

      expect(
        await auditCount(app, {
          patientId: view.patientId,
          action: 'workup.read',
        }),
      ).toBe(1);
      expect(
        await auditCount(app, {
          patientId: view.patientId,
          action: 'patient.read',
        }),
      ).toBe(1);
      expect(
        await auditCount(app, {
          patientId: view.patientId,
          action: 'item.history.read',
        }),
      ).toBe(1);
    });
  });
});

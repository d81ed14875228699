import type {
  InboxCount,
  InboxEntryView,
  Page,
  WorkupView,
} from '@poems/contract';
import { auditCount, aWorkup, itemOf, statusOf } from '../../testing/clinic';
import { hl7Fixture } from '../../testing/fixtures';
import { callAs } from '../../testing/http';
import {
  ackOf,
  createCitylab,
  RawMllpClient,
  sample,
  samplePatients,
} from '../../testing/mllp';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { MllpListener } from '../hl7/mllp-listener.service';
import { InboundRetention } from '../inbound-retention.service';
import { sendHl7 } from '../../cli/hl7-send';

/** Deciding inbox entries: who sees what, apply through the result action, dismiss; all audited. */
describe('the review inbox (lab-interface reference §5)', () => {
  let app: TestApp;
  let port: number;
  let doe: WorkupView;

  const entries = async (
    role: 'hematologist' | 'coordinator' | 'auditor',
    query = '',
  ): Promise<readonly InboxEntryView[]> =>
    (
      (await callAs(app, role, 'GET', `/api/inbox?pageSize=200${query}`))
        .body as Page<InboxEntryView>
    ).items;
  const send = async (...messages: string[]): Promise<string[]> => {
    const client = await RawMllpClient.connect(port);
    const acks = await client.exchange(...messages);
    client.close();
    return acks;
  };
  const entryOf = async (controlId: string): Promise<InboxEntryView> => {
    const found = (await entries('hematologist')).find(
      (e) => e.controlId === controlId,
    );
    if (found === undefined) {
      throw new Error(`no entry for ${controlId}`);
    }
    return found;
  };

  beforeAll(async () => {
    app = await startTestApp({
      env: { HL7_MLLP_ENABLED: 'true', HL7_MLLP_PORT: '0' },
    });
    port = app.app.get(MllpListener).port as number;
    await createCitylab(app);
    ({ doe } = await samplePatients(app));
    const acks = await send(
      hl7Fixture('08-unknown-mrn'),
      hl7Fixture('09-unknown-loinc'),
    );
    expect(acks.map((a) => ackOf(a).code)).toEqual(['AA', 'AA']);
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows hematologists and auditors every entry; coordinators the unknown patients only', async () => {
    expect((await entries('hematologist')).map((e) => e.reason).sort()).toEqual(
      ['unknown_code', 'unknown_patient'],
    );
    expect((await entries('auditor')).map((e) => e.reason).sort()).toEqual([
      'unknown_code',
      'unknown_patient',
    ]);
    expect((await entries('coordinator')).map((e) => e.reason)).toEqual([
      'unknown_patient',
    ]);
    const hidden = await entryOf('CL20250314000109');
    expect(
      (await callAs(app, 'coordinator', 'GET', `/api/inbox/${hidden.id}`))
        .status,
    ).toBe(404);
    expect(
      (
        await callAs(
          app,
          'coordinator',
          'GET',
          '/api/inbox?reason=unknown_code',
        )
      ).status,
    ).toBe(403);
  });

  it('counts the open entries each role sees: the badge', async () => {
    expect(
      (
        (await callAs(app, 'hematologist', 'GET', '/api/inbox/count'))
          .body as InboxCount
      ).open,
    ).toBe(2);
    expect(
      (
        (await callAs(app, 'coordinator', 'GET', '/api/inbox/count'))
          .body as InboxCount
      ).open,
    ).toBe(1);
  });

  it('lets hematologists and auditors read the raw message, and audits every read; coordinators may not', async () => {
    const entry = await entryOf('CL20250314000108');
    const before = await auditCount(app, { action: 'inbound.raw_read' });
    const raw = await callAs(
      app,
      'auditor',
      'GET',
      `/api/inbox/${entry.id}/raw`,
    );
    expect(raw.status).toBe(200);
    expect(raw.body.raw).toContain('MRN999999');
    expect(await auditCount(app, { action: 'inbound.raw_read' })).toBe(
      before + 1,
    );
    expect(
      (await callAs(app, 'coordinator', 'GET', `/api/inbox/${entry.id}/raw`))
        .status,
    ).toBe(403);
  });

  it("applies an unknown-LOINC entry through the normal result action, with the item's version", async () => {
    const entry = await entryOf('CL20250314000109');
    expect(entry.sentPatient).toMatchObject({
      mrn: 'MRN100234',
      familyName: 'DOE',
    });
    const view = (
      await callAs(app, 'hematologist', 'GET', `/api/workups/${doe.id}`)
    ).body as WorkupView;
    const body = {
      patientId: doe.patientId,
      itemKey: 'spep',
      result: {
        values: [
          { name: 'IgG', value: 980, unit: 'mg/dL', low: 700, high: 1600 },
        ],
        report: 'IgG by nephelometry',
      },
      version: itemOf(view, 'spep').version,
    };
    expect(
      (
        await callAs(
          app,
          'coordinator',
          'POST',
          `/api/inbox/${entry.id}/apply`,
          body,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await callAs(
          app,
          'auditor',
          'POST',
          `/api/inbox/${entry.id}/apply`,
          body,
        )
      ).status,
    ).toBe(403);
    const stale = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/apply`,
      { ...body, version: body.version + 5 },
    );
    expect(stale.status).toBe(409);
    const invalid = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/apply`,
      { ...body, itemKey: 'vegf' },
    );
    expect(invalid.status).toBe(400);
    const applied = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/apply`,
      body,
    );
    expect(applied.status).toBe(200);
    expect(applied.body.entry).toMatchObject({
      status: 'applied',
      appliedItemKey: 'spep',
      decidedBy: 'Test hematologist',
    });
    const spep = itemOf(applied.body.workup as WorkupView, 'spep');
    expect(spep.status).toBe('resulted');
    expect(spep.resultSource).toMatchObject({
      kind: 'inbox',
      entryId: entry.id,
      controlId: 'CL20250314000109',
    });
    expect(
      await auditCount(app, { action: 'inbox.apply', entityId: entry.id }),
    ).toBe(1);
    expect(
      await auditCount(app, {
        action: 'item.result',
        patientId: doe.patientId,
      }),
    ).toBeGreaterThan(0);
    const again = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/apply`,
      { ...body, version: spep.version },
    );
    expect(again.status).toBe(409);
    expect(
      statusOf(
        applied.body.workup as WorkupView,
        'monoclonal_plasma_cell_disorder',
      ),
    ).not.toBe('met');
  });

  it("dismisses an entry with a reason and the entry's version; audited", async () => {
    const entry = await entryOf('CL20250314000108');
    expect(
      (
        await callAs(
          app,
          'hematologist',
          'POST',
          `/api/inbox/${entry.id}/dismiss`,
          { reason: '', version: entry.version },
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await callAs(
          app,
          'hematologist',
          'POST',
          `/api/inbox/${entry.id}/dismiss`,
          { reason: 'x', version: entry.version + 1 },
        )
      ).status,
    ).toBe(409);
    const dismissed = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/dismiss`,
      { reason: 'Not our patient: sent by mistake.', version: entry.version },
    );
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      decisionReason: 'Not our patient: sent by mistake.',
    });
    expect(
      await auditCount(app, { action: 'inbox.dismiss', entityId: entry.id }),
    ).toBe(1);
    expect(
      (
        (await callAs(app, 'hematologist', 'GET', '/api/inbox/count'))
          .body as InboxCount
      ).open,
    ).toBe(0);
    expect(
      (await entries('hematologist', '&status=dismissed')).map((e) => e.id),
    ).toEqual([entry.id]);
  });

  it('lets a coordinator register the unknown patient, then a hematologist apply the held VEGF to them', async () => {
    const id = 'UNKNOWN-THEN-REGISTERED';
    await send(sample('08-unknown-mrn', { controlId: id, mrn: 'MRN424242' }));
    const entry = await entryOf(id);
    const registered = await aWorkup(
      app,
      {
        mrn: 'MRN424242',
        familyName: 'Roe',
        birthDate: '1970-01-01',
        sex: 'male',
      },
      'hematologist',
    );
    const applied = await callAs(
      app,
      'hematologist',
      'POST',
      `/api/inbox/${entry.id}/apply`,
      {
        patientId: registered.patientId,
        itemKey: entry.proposal.itemKey,
        result: entry.proposal.result,
        performedAt: entry.proposal.performedAt,
        version: itemOf(registered, 'vegf').version,
      },
    );
    expect(applied.status).toBe(200);
    expect(statusOf(applied.body.workup as WorkupView, 'vegf_elevation')).toBe(
      'met',
    );
  });

  it('purges raw messages past INBOUND_RAW_RETENTION_DAYS, keeps the row (duplicates are still recognised), and audits the purge', async () => {
    await app.dataSource.query(
      `UPDATE inbound_messages SET received_at = now() - interval '91 days' WHERE control_id = 'CL20250314000108'`,
    );
    const purged = await app.app.get(InboundRetention).purge();
    expect(purged).toBe(1);
    const [row] = (await app.dataSource.query(
      `SELECT raw, raw_purged_at, ack FROM inbound_messages WHERE control_id = 'CL20250314000108'`,
    )) as { raw: Buffer | null; raw_purged_at: Date | null; ack: string }[];
    expect(row).toMatchObject({ raw: null, raw_purged_at: expect.any(Date) });
    expect(await auditCount(app, { action: 'inbound.raw_purged' })).toBe(1);
    const [ack] = await send(hl7Fixture('08-unknown-mrn'));
    expect(ack).toBe(row?.ack);
  });

  it('purges the raw copy of an unmatched message 30 days after its entry was dismissed, not sooner; audited', async () => {
    const dismiss = async (controlId: string, daysAgo: number) => {
      await send(sample('09-unknown-loinc', { controlId }));
      const entry = await entryOf(controlId);
      const answer = await callAs(
        app,
        'hematologist',
        'POST',
        `/api/inbox/${entry.id}/dismiss`,
        { reason: 'Test not ordered here.', version: entry.version },
      );
      expect(answer.status).toBe(200);
      await app.dataSource.query(
        `UPDATE inbox_entries SET decided_at = now() - make_interval(days => $2) WHERE id = $1`,
        [entry.id, daysAgo],
      );
    };
    await dismiss('DISMISSED-31-DAYS', 31);
    await dismiss('DISMISSED-29-DAYS', 29);
    const before = await auditCount(app, { action: 'inbound.raw_purged' });

    expect(await app.app.get(InboundRetention).purge()).toBe(1);

    const rows = (await app.dataSource.query(
      `SELECT control_id, raw IS NULL AS purged, ack FROM inbound_messages
        WHERE control_id IN ('DISMISSED-31-DAYS', 'DISMISSED-29-DAYS') ORDER BY control_id`,
    )) as { control_id: string; purged: boolean; ack: string }[];
    expect(rows.map((r) => [r.control_id, r.purged])).toEqual([
      ['DISMISSED-29-DAYS', false],
      ['DISMISSED-31-DAYS', true],
    ]);
    expect(await auditCount(app, { action: 'inbound.raw_purged' })).toBe(
      before + 1,
    );
    const [resent] = await send(
      sample('09-unknown-loinc', { controlId: 'DISMISSED-31-DAYS' }),
    );
    expect(resent).toBe(rows[1]?.ack);
  });

  it('npm run hl7:send sends a sample file (LF line ends) and gets its ACK', async () => {
    const lf = sample('09-unknown-loinc', {
      controlId: 'HL7-SEND-TOOL',
    }).replace(/\r/g, '\n');
    const { ack } = await sendHl7(`${lf}\n`, { host: '127.0.0.1', port });
    expect(ackOf(ack)).toMatchObject({
      code: 'AA',
      controlId: 'HL7-SEND-TOOL',
    });
  });

  it('settles two connections racing with one message by the unique index: one processed, both answered the same', async () => {
    const text = sample('09-unknown-loinc', { controlId: 'RACE-1' });
    const [a, b] = await Promise.all([
      RawMllpClient.connect(port),
      RawMllpClient.connect(port),
    ]);
    const [[first], [second]] = await Promise.all([
      a.exchange(text),
      b.exchange(text),
    ]);
    a.close();
    b.close();
    expect(first).toBe(second);
    expect(ackOf(first ?? '')).toMatchObject({
      code: 'AA',
      controlId: 'RACE-1',
    });
    const raced = (await entries('hematologist')).filter(
      (e) => e.controlId === 'RACE-1',
    );
    expect(raced).toHaveLength(1);
    expect(
      await auditCount(app, { action: 'inbound.duplicate' }),
    ).toBeGreaterThanOrEqual(1);
  });
});

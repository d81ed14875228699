import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import type { InboxEntryView, Page, WorkupView } from '@poems/contract';
import { hl7Fixture, type Hl7FixtureName } from '../../testing/fixtures';
import {
  aWorkup,
  auditCount,
  done,
  itemOf,
  statusOf,
} from '../../testing/clinic';
import { callAs } from '../../testing/http';
import {
  ackOf,
  createCitylab,
  RawMllpClient,
  sample,
  samplePatients,
} from '../../testing/mllp';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { frame } from './mllp-framer';
import { MllpListener } from './mllp-listener.service';

/**
 * The real listener on a free port, the real pipeline and database: the reference's §6, message by
 * message, with @medplum's client for the samples and raw sockets for the framing cases.
 */
describe('HL7 v2 over MLLP (lab-interface reference §2, §6)', () => {
  let app: TestApp;
  let port: number;
  let client: Hl7Client;
  let doe: WorkupView;
  let smith: WorkupView;

  const workup = async (id: string): Promise<WorkupView> =>
    (await callAs(app, 'hematologist', 'GET', `/api/workups/${id}`))
      .body as WorkupView;
  const history = async (id: string, key: string) =>
    (
      await callAs(
        app,
        'hematologist',
        'GET',
        `/api/workups/${id}/items/${key}/history`,
      )
    ).body as { action: string; details: Record<string, unknown> | null }[];
  const inbox = async (query = ''): Promise<readonly InboxEntryView[]> =>
    (
      (
        await callAs(
          app,
          'hematologist',
          'GET',
          `/api/inbox?pageSize=200${query}`,
        )
      ).body as Page<InboxEntryView>
    ).items;
  const send = async (message: string): Promise<Hl7Message> =>
    client.sendAndWait(Hl7Message.parse(message), { timeoutMs: 10_000 });
  const sendFixture = (name: Hl7FixtureName): Promise<Hl7Message> =>
    send(hl7Fixture(name));
  const msa = (ack: Hl7Message): [string, string] => [
    ack.getSegment('MSA')?.getComponent(1, 1) ?? '',
    ack.getSegment('MSA')?.getComponent(2, 1) ?? '',
  ];

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        HL7_MLLP_ENABLED: 'true',
        HL7_MLLP_HOST: '127.0.0.1',
        HL7_MLLP_PORT: '0',
        HL7_MRN_AUTHORITY: 'CITYHOSP',
      },
    });
    port = app.app.get(MllpListener).port as number;
    await createCitylab(app);
    ({ doe, smith } = await samplePatients(app));
    client = new Hl7Client({ host: '127.0.0.1', port });
  });

  afterAll(async () => {
    await client.close();
    await app.close();
  });

  it('listens on the free port it picked', () => {
    expect(port).toBeGreaterThan(0);
  });

  it('01: applies plasma VEGF 480 to the vegf item through the result action; the criterion is met', async () => {
    const ack = await sendFixture('01-vegf-plasma');
    expect(msa(ack)).toEqual(['AA', 'CL20250314000101']);
    expect(ack.getSegment('ERR')).toBeUndefined();
    const view = await workup(doe.id);
    const vegf = itemOf(view, 'vegf');
    expect(vegf.status).toBe('resulted');
    expect(vegf.result).toEqual({
      values: [
        {
          code: '75628-8',
          name: 'VEGF',
          value: 480,
          unit: 'pg/mL',
          high: 96.2,
          interpretation: 'H',
        },
      ],
      specimen: 'plasma',
    });
    expect(vegf.performedAt).toBe('2025-03-12T13:15:00.000Z');
    expect(vegf.findings).toEqual([
      expect.objectContaining({
        criterion: 'vegf_elevation',
        value: 'present',
        source: 'inferred',
      }),
    ]);
    expect(statusOf(view, 'vegf_elevation')).toBe('met');
    expect(vegf.resultSource).toMatchObject({
      kind: 'interface',
      interfaceName: 'CITYLAB',
      controlId: 'CL20250314000101',
      fillerOrder: 'FIL-55120^CITYLAB',
    });
    const [step] = (await history(doe.id, 'vegf')).filter(
      (h) => h.action === 'result',
    );
    expect(step?.details).toMatchObject({
      source: { kind: 'interface', controlId: 'CL20250314000101' },
    });
    expect(await auditCount(app, { action: 'inbound.received' })).toBe(1);
    expect(
      await auditCount(app, {
        action: 'inbound.applied',
        patientId: doe.patientId,
      }),
    ).toBe(1);
  });

  it('01 again: the same ACK, byte for byte; nothing processed again; the duplicate audited', async () => {
    const [stored] = (await app.dataSource.query(
      `SELECT ack FROM inbound_messages WHERE control_id = 'CL20250314000101'`,
    )) as { ack: string }[];
    const historyBefore = (await history(doe.id, 'vegf')).length;
    const ack = await sendFixture('01-vegf-plasma');
    expect(ack.toString()).toBe(Hl7Message.parse(stored?.ack ?? '').toString());
    expect((await history(doe.id, 'vegf')).length).toBe(historyBefore);
    expect(await auditCount(app, { action: 'inbound.duplicate' })).toBe(1);
    // A resend may restamp MSH-7: still the same message.
    const restamped = hl7Fixture('01-vegf-plasma').replace(
      '20250314091600-0500',
      '20250314091700-0500',
    );
    expect(msa(await send(restamped))).toEqual(['AA', 'CL20250314000101']);
    expect((await history(doe.id, 'vegf')).length).toBe(historyBefore);
  });

  it('the same control id with other content: AE 205, nothing changes', async () => {
    const ack = await send(sample('01-vegf-plasma', { value: '999' }));
    expect(msa(ack)).toEqual(['AE', 'CL20250314000101']);
    expect(ack.getSegment('ERR')?.toString()).toContain('205^');
    expect(
      itemOf(await workup(doe.id), 'vegf').result?.values?.[0]?.value,
    ).toBe(480);
  });

  it("02: serum VEGF above the laboratory's limit is present for the second patient", async () => {
    expect(msa(await sendFixture('02-vegf-serum'))).toEqual([
      'AA',
      'CL20250314000102',
    ]);
    const vegf = itemOf(await workup(smith.id), 'vegf');
    expect(vegf.result).toMatchObject({
      specimen: 'serum',
      values: [{ value: 1650, high: 707, low: 62 }],
    });
    expect(vegf.findings).toEqual([
      expect.objectContaining({
        criterion: 'vegf_elevation',
        value: 'present',
      }),
    ]);
  });

  it('03: the coded IFE answer gives IgA λ; the narrative, unescaped, is the report', async () => {
    expect(msa(await sendFixture('03-serum-ife'))).toEqual([
      'AA',
      'CL20250314000103',
    ]);
    const view = await workup(doe.id);
    expect(itemOf(view, 'serum_ife').result).toEqual({
      heavyChain: 'IgA',
      lightChain: 'lambda',
      report:
        'Monoclonal IgA lambda band, beta region, est. 0.3 g/dL.\nAntisera: IgG|IgA|IgM|kappa|lambda\nReviewed: A. Lee & B. Kim',
    });
    expect(statusOf(view, 'monoclonal_plasma_cell_disorder')).toBe('met');
    expect(view.evaluation.flags).not.toContain('kappa_clone_review');
  });

  it('04 and 05: free light chains support; the blood count meets thrombocytosis/polycythemia', async () => {
    expect(msa(await sendFixture('04-serum-flc'))[0]).toBe('AA');
    expect(msa(await sendFixture('05-cbc'))[0]).toBe('AA');
    const view = await workup(doe.id);
    expect(
      itemOf(view, 'serum_flc').result?.values?.map((v) => [
        v.value,
        v.unit,
        v.interpretation,
      ]),
    ).toEqual([
      [12, 'mg/L', 'N'],
      [125, 'mg/L', 'H'],
      [0.1, '1', 'L'],
    ]);
    expect(statusOf(view, 'thrombocytosis_polycythemia')).toBe('met');
  });

  it("06: the endocrine panel's axes come from the values; endocrinopathy is met", async () => {
    expect(msa(await sendFixture('06-endocrine'))[0]).toBe('AA');
    const view = await workup(doe.id);
    expect(itemOf(view, 'endocrine_panel').result?.axes).toEqual({
      gonadal: 'abnormal',
      prolactin: 'abnormal',
      thyroid: 'abnormal',
      adrenal: 'normal',
      parathyroid: 'normal',
      glucose: 'abnormal',
    });
    expect(statusOf(view, 'endocrinopathy')).toBe('met');
  });

  it('07: the correction replaces 480 by 410, keeps 480 in history, and sends a reviewed item back to resulted', async () => {
    await done(app, 'hematologist', await workup(doe.id), 'vegf', 'review');
    expect(msa(await sendFixture('07-vegf-corrected'))).toEqual([
      'AA',
      'CL20250317000107',
    ]);
    const vegf = itemOf(await workup(doe.id), 'vegf');
    expect(vegf.status).toBe('resulted');
    expect(vegf.result?.values?.[0]?.value).toBe(410);
    expect(vegf.findings).toEqual([
      expect.objectContaining({ value: 'present' }),
    ]);
    const results = (await history(doe.id, 'vegf')).filter(
      (h) => h.action === 'result',
    );
    expect(results).toHaveLength(2);
    expect(results[1]?.details).toMatchObject({
      correction: true,
      previousStatus: 'reviewed',
      previousResult: { values: [{ value: 480 }] },
    });
  });

  it('08: an unknown MRN is AA with a 204 warning and one unknown_patient entry; no workup changes', async () => {
    const before = await workup(smith.id);
    const ack = await sendFixture('08-unknown-mrn');
    expect(msa(ack)).toEqual(['AA', 'CL20250314000108']);
    expect(ack.getSegment('ERR')?.toString()).toBe(
      'ERR||PID^1^3|204^Unknown key identifier^HL70357|W||||Unknown patient: held for review.',
    );
    const entries = (await inbox()).filter(
      (e) => e.controlId === 'CL20250314000108',
    );
    expect(entries).toEqual([
      expect.objectContaining({
        reason: 'unknown_patient',
        status: 'open',
        itemKey: 'vegf',
        sentPatient: expect.objectContaining({
          mrn: 'MRN999999',
          familyName: 'ROE',
        }),
        proposal: expect.objectContaining({
          itemKey: 'vegf',
          result: expect.objectContaining({ specimen: 'plasma' }),
        }),
      }),
    ]);
    expect(await workup(smith.id)).toEqual(before);
  });

  it('09: an unmapped LOINC is AA with a 103 warning at its OBX and one unknown_code entry', async () => {
    const ack = await sendFixture('09-unknown-loinc');
    expect(msa(ack)).toEqual(['AA', 'CL20250314000109']);
    expect(ack.getSegment('ERR')?.toString()).toContain('|OBX^1^3|103^');
    expect(
      (await inbox())
        .filter((e) => e.controlId === 'CL20250314000109')
        .map((e) => [e.reason, e.patientId]),
    ).toEqual([['unknown_code', doe.patientId]]);
  });

  describe('every other inbox reason', () => {
    let next = 0;
    const controlId = (): string =>
      `T${Date.now().toString(36)}${(next++).toString(36)}`;
    const fresh = async (): Promise<WorkupView & { mrn: string }> => {
      const mrn = `MRN-${controlId()}`;
      return {
        ...(await aWorkup(app, {
          mrn,
          familyName: 'Test',
          birthDate: '1970-01-01',
          sex: 'male',
        })),
        mrn,
      };
    };
    const reasonsOf = async (id: string): Promise<string[]> =>
      (await inbox('&status=open'))
        .filter((e) => e.controlId === id)
        .map((e) => e.reason);

    it.each([
      ['P', 'status_P'],
      ['X', 'lab_cancelled'],
      ['W', 'wrong_patient'],
      ['D', 'result_deleted'],
    ])('status %s → %s, never applied', async (status, reason) => {
      const w = await fresh();
      const id = controlId();
      const ack = await send(
        sample('01-vegf-plasma', {
          controlId: id,
          mrn: w.mrn,
          familyName: 'Test',
          birthDate: '19700101',
          status,
        }),
      );
      expect(msa(ack)[0]).toBe('AA');
      expect(await reasonsOf(id)).toEqual([reason]);
      expect(itemOf(await workup(w.id), 'vegf').status).toBe('planned');
    });

    it("a birth date that differs from the registered patient's: demographic_mismatch", async () => {
      const w = await fresh();
      const id = controlId();
      await send(
        sample('01-vegf-plasma', {
          controlId: id,
          mrn: w.mrn,
          familyName: 'Test',
          birthDate: '19700102',
        }),
      );
      expect(await reasonsOf(id)).toEqual(['demographic_mismatch']);
      expect(itemOf(await workup(w.id), 'vegf').status).toBe('planned');
    });

    it('no open workup: no_open_workup', async () => {
      const w = await fresh();
      await callAs(app, 'hematologist', 'POST', `/api/workups/${w.id}/close`, {
        version: w.version,
        reason: 'test',
      });
      const id = controlId();
      await send(
        sample('01-vegf-plasma', {
          controlId: id,
          mrn: w.mrn,
          familyName: 'Test',
          birthDate: '19700101',
        }),
      );
      expect(await reasonsOf(id)).toEqual(['no_open_workup']);
    });

    it('VEGF without a specimen, unit mismatch, unmapped IFE answer, already resulted, correction without original', async () => {
      const w = await fresh();
      const base = { mrn: w.mrn, familyName: 'Test', birthDate: '19700101' };
      const noSpecimen = controlId();
      await send(
        sample('01-vegf-plasma', { ...base, controlId: noSpecimen }).replace(
          /\rSPM[^\r]*/,
          '',
        ),
      );
      const badUnit = controlId();
      await send(
        sample('05-cbc', { ...base, controlId: badUnit }).replace(
          '612|10*3/uL^^UCUM',
          '612|g/dL^^UCUM',
        ),
      );
      const unmapped = controlId();
      await send(
        sample('03-serum-ife', { ...base, controlId: unmapped }).replace(
          'IFE-AL^',
          'L-0042^',
        ),
      );
      const correction = controlId();
      await send(
        sample('07-vegf-corrected', { ...base, controlId: correction }),
      );
      expect(await reasonsOf(noSpecimen)).toEqual(['specimen_missing']);
      expect(await reasonsOf(badUnit)).toEqual(['unit_mismatch']);
      expect(await reasonsOf(unmapped)).toEqual(['coded_value_unmapped']);
      expect(await reasonsOf(correction)).toEqual([
        'correction_without_original',
      ]);
      const first = controlId();
      await send(sample('05-cbc', { ...base, controlId: first }));
      const second = controlId();
      await send(
        sample('05-cbc', {
          ...base,
          controlId: second,
          fillerOrder: 'FIL-OTHER',
        }),
      );
      expect(await reasonsOf(second)).toEqual(['already_resulted']);
      const view = await workup(w.id);
      expect(itemOf(view, 'vegf').status).toBe('planned');
      expect(itemOf(view, 'serum_ife').status).toBe('planned');
      expect(
        itemOf(view, 'cbc').result?.values?.find((v) => v.code === '777-3')
          ?.value,
      ).toBe(612);
    });
  });

  describe('header checks', () => {
    it.each([
      [
        'another sender',
        { sendingApplication: 'OTHERLIS' },
        'AR',
        '204^',
        'MSH^1^4',
      ],
      ['an unsupported version', { version: '2.6' }, 'AR', '203^', 'MSH^1^12'],
      [
        'the test processing id on a production listener',
        { processingId: 'T' },
        'AR',
        '202^',
        'MSH^1^11',
      ],
      ['no control id', { controlId: '' }, 'AE', '101^', 'MSH^1^10'],
    ] as const)('%s → %s', async (_name, changes, code, error, location) => {
      const raw = await RawMllpClient.connect(port);
      const [ack] = await raw.exchange(
        sample('01-vegf-plasma', { controlId: `H${Date.now()}`, ...changes }),
      );
      raw.close();
      const parsed = ackOf(ack ?? '');
      expect(parsed.code).toBe(code);
      expect(parsed.errors[0]).toContain(`|${location}|${error}`);
    });

    it('another message type → AR 200', async () => {
      const raw = await RawMllpClient.connect(port);
      const [ack] = await raw.exchange(
        sample('01-vegf-plasma', { controlId: 'H-ADT' }).replace(
          'ORU^R01^ORU_R01',
          'ADT^A01^ADT_A01',
        ),
      );
      raw.close();
      expect(ackOf(ack ?? '')).toMatchObject({
        code: 'AR',
        errors: [expect.stringContaining('|MSH^1^9|200^')],
      });
    });
  });

  describe('framing over raw sockets', () => {
    it('two frames in one write: two ACKs, two patients kept apart', async () => {
      const a = await aWorkup(app, {
        mrn: 'MRN-PAIR-A',
        familyName: 'Alpha',
        birthDate: '1960-01-01',
        sex: 'male',
      });
      const b = await aWorkup(app, {
        mrn: 'MRN-PAIR-B',
        familyName: 'Beta',
        birthDate: '1961-02-02',
        sex: 'female',
      });
      const raw = await RawMllpClient.connect(port);
      raw.write(
        Buffer.concat([
          frame(
            sample('01-vegf-plasma', {
              controlId: 'PAIR-A',
              mrn: 'MRN-PAIR-A',
              familyName: 'ALPHA',
              birthDate: '19600101',
              value: '300',
            }),
          ),
          frame(
            sample('02-vegf-serum', {
              controlId: 'PAIR-B',
              mrn: 'MRN-PAIR-B',
              familyName: 'BETA',
              birthDate: '19610202',
              value: '900',
            }),
          ),
        ]),
      );
      const acks = await raw.answersAfter(2);
      raw.close();
      expect(
        acks.map((ack) => [ackOf(ack).code, ackOf(ack).controlId]),
      ).toEqual([
        ['AA', 'PAIR-A'],
        ['AA', 'PAIR-B'],
      ]);
      expect(itemOf(await workup(a.id), 'vegf').result).toMatchObject({
        specimen: 'plasma',
        values: [{ value: 300 }],
      });
      expect(itemOf(await workup(b.id), 'vegf').result).toMatchObject({
        specimen: 'serum',
        values: [{ value: 900 }],
      });
    });

    it('a frame split between FS and CR: one ACK', async () => {
      const raw = await RawMllpClient.connect(port);
      const bytes = frame(sample('09-unknown-loinc', { controlId: 'SPLIT-1' }));
      raw.write(bytes.subarray(0, bytes.length - 1));
      const first = await raw.answersAfter(1);
      raw.write(bytes.subarray(bytes.length - 1));
      const after = await raw.answersAfter(2, 500);
      raw.close();
      expect(first.map((ack) => ackOf(ack).controlId)).toEqual(['SPLIT-1']);
      expect(after).toHaveLength(1);
    });

    it('garbage then a valid frame: MSA|AR| then AA, on the same connection', async () => {
      const raw = await RawMllpClient.connect(port);
      raw.write(frame('this is not HL7'));
      raw.write(
        frame(sample('09-unknown-loinc', { controlId: 'AFTER-GARBAGE' })),
      );
      const acks = await raw.answersAfter(2);
      expect(raw.closed).toBe(false);
      raw.close();
      expect(acks[0]?.split('\r')[1]).toBe('MSA|AR|');
      expect(ackOf(acks[0] ?? '').errors[0]).toContain('100^');
      expect(ackOf(acks[1] ?? '')).toMatchObject({
        code: 'AA',
        controlId: 'AFTER-GARBAGE',
      });
    });

    it('bytes outside any frame, then a frame: AR 100, then the frame is answered', async () => {
      const raw = await RawMllpClient.connect(port);
      raw.write(
        Buffer.concat([
          Buffer.from('junk'),
          frame(sample('09-unknown-loinc', { controlId: 'AFTER-JUNK' })),
        ]),
      );
      const acks = await raw.answersAfter(2);
      raw.close();
      expect(acks.map((ack) => ackOf(ack).code)).toEqual(['AR', 'AA']);
    });

    it('a connection keeps to the interface it started with', async () => {
      const raw = await RawMllpClient.connect(port);
      const acks = await raw.exchange(
        sample('09-unknown-loinc', { controlId: 'BIND-1' }),
      );
      raw.close();
      expect(ackOf(acks[0] ?? '').code).toBe('AA');
    });
  });

  it('never logs nor stores the raw message in clear: it is encrypted at rest', async () => {
    const [row] = (await app.dataSource.query(
      `SELECT raw FROM inbound_messages WHERE control_id = 'CL20250314000101'`,
    )) as { raw: Buffer }[];
    expect(row?.raw.includes(Buffer.from('MRN100234'))).toBe(false);
    expect(row?.raw.includes(Buffer.from('DOE'))).toBe(false);
  });
});

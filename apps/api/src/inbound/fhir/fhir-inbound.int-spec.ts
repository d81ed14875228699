import type {
  Bundle,
  CapabilityStatement,
  OperationOutcome,
  Resource,
} from '@medplum/fhirtypes';
import type { InboxEntryView, Page, WorkupView } from '@poems/contract';
import { fhirFixture } from '../../testing/fixtures';
import { itemOf, statusOf } from '../../testing/clinic';
import { call, callAs, tokenFor } from '../../testing/http';
import { createCitylab, samplePatients } from '../../testing/mllp';
import { startTestApp, type TestApp } from '../../testing/test-app';
import { fhirValidationErrors } from './fhir-definitions';

const FHIR = 'application/fhir+json';

describe('the FHIR R4 inbound endpoint (lab-interface reference §3)', () => {
  let app: TestApp;
  let key: string;
  let interfaceId: string;
  let doe: WorkupView;

  const post = (
    path: string,
    body: unknown,
    options: { token?: string; headers?: Record<string, string> } = {},
  ) =>
    call(app, 'POST', path, {
      body: typeof body === 'string' ? body : JSON.stringify(body),
      token: options.token ?? key,
      headers: { 'content-type': FHIR, ...options.headers },
    });
  const workup = async (id: string): Promise<WorkupView> =>
    (await callAs(app, 'hematologist', 'GET', `/api/workups/${id}`))
      .body as WorkupView;
  const valid = (resource: Resource): void => {
    expect(fhirValidationErrors(resource)).toEqual([]);
  };

  beforeAll(async () => {
    app = await startTestApp({
      env: { HL7_MRN_AUTHORITY: '2.16.840.1.113883.19.5' },
    });
    interfaceId = (await createCitylab(app)).id;
    key = (
      await callAs(
        app,
        'admin',
        'POST',
        `/api/interfaces/${interfaceId}/keys`,
        {},
      )
    ).body.key as string;
    ({ doe } = await samplePatients(app));
  });

  afterAll(async () => {
    await app.close();
  });

  it('shows the key once and stores only its hash', async () => {
    expect(key).toMatch(/^poems_ik_[A-Za-z0-9_-]{43}$/);
    const listed = (
      await callAs(app, 'admin', 'GET', `/api/interfaces/${interfaceId}`)
    ).body;
    expect(JSON.stringify(listed)).not.toContain(key);
    const [row] = (await app.dataSource.query(
      `SELECT key_sha256 FROM interface_api_keys`,
    )) as { key_sha256: Buffer }[];
    expect(row?.key_sha256.length).toBe(32);
  });

  it('applies a transaction Bundle: 200 transaction-response, every entry 201 Created', async () => {
    const response = await post('/api/fhir', fhirFixture('cbc-transaction'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(FHIR);
    const bundle = response.body as Bundle;
    expect(bundle.type).toBe('transaction-response');
    expect(bundle.entry?.map((e) => e.response?.status)).toEqual([
      '201 Created',
      '201 Created',
      '201 Created',
      '201 Created',
    ]);
    expect(bundle.entry?.[1]?.response?.location).toMatch(/^Observation\//);
    valid(bundle);
    const view = await workup(doe.id);
    expect(
      itemOf(view, 'cbc').result?.values?.map((v) => [
        v.code,
        v.value,
        v.unit,
        v.high,
      ]),
    ).toEqual([
      ['777-3', 612, '10*9/L', 450],
      ['718-7', 18.4, 'g/dL', 17.5],
    ]);
    expect(itemOf(view, 'cbc').resultSource).toMatchObject({
      kind: 'interface',
      interfaceName: 'CITYLAB',
    });
    expect(statusOf(view, 'thrombocytosis_polycythemia')).toBe('met');
  });

  it('answers a resubmission (ifNoneExist matched) with 200 OK per entry and changes nothing', async () => {
    const before = await workup(doe.id);
    const response = await post('/api/fhir/r4', fhirFixture('cbc-transaction'));
    expect(response.status).toBe(200);
    expect(
      (response.body as Bundle).entry?.map((e) => e.response?.status),
    ).toEqual(['200 OK', '200 OK', '200 OK', '200 OK']);
    expect(await workup(doe.id)).toEqual(before);
  });

  it('creates one Observation: 201 with Location; again with If-None-Exist: 200', async () => {
    const observation = fhirFixture('vegf-observation');
    const headers = {
      'if-none-exist':
        'identifier=urn:oid:2.16.840.1.113883.19.5.2|FIL-55120-75628-8',
    };
    const first = await post('/api/fhir/r4/Observation', observation, {
      headers,
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toMatch(/^Observation\//);
    valid(first.body as OperationOutcome);
    expect(itemOf(await workup(doe.id), 'vegf').result).toMatchObject({
      specimen: 'plasma',
      values: [{ value: 480 }],
    });
    const again = await post('/api/fhir/Observation', observation, { headers });
    expect(again.status).toBe(200);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('holds an Observation of an unknown patient in the inbox, with a warning outcome', async () => {
    const observation =
      fhirFixture<Record<string, unknown>>('vegf-observation');
    const response = await post('/api/fhir/Observation', {
      ...observation,
      identifier: [
        { system: 'urn:oid:2.16.840.1.113883.19.5.2', value: 'FIL-99' },
      ],
      subject: {
        identifier: {
          system: 'urn:oid:2.16.840.1.113883.19.5',
          value: 'MRN-NOBODY',
        },
      },
    });
    expect(response.status).toBe(201);
    expect((response.body as OperationOutcome).issue[0]).toMatchObject({
      severity: 'warning',
    });
    const inbox = (
      await callAs(
        app,
        'hematologist',
        'GET',
        '/api/inbox?reason=unknown_patient',
      )
    ).body as Page<InboxEntryView>;
    expect(inbox.items.map((e) => [e.protocol, e.sentPatient.mrn])).toEqual([
      ['fhir', 'MRN-NOBODY'],
    ]);
  });

  describe('refuses, with an OperationOutcome', () => {
    it('a resource that does not validate (an Observation without status): 400, nothing stored', async () => {
      const bundle = fhirFixture<Bundle>('cbc-transaction');
      delete (bundle.entry?.[1]?.resource as { status?: string }).status;
      const response = await post('/api/fhir', {
        ...bundle,
        identifier: { value: 'no-status' },
      });
      expect(response.status).toBe(400);
      const outcome = response.body as OperationOutcome;
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue[0]).toMatchObject({
        severity: 'error',
        code: 'invalid',
      });
      valid(outcome);
      const [count] = (await app.dataSource.query(
        `SELECT count(*)::int AS n FROM inbound_messages WHERE control_id LIKE 'no-status%'`,
      )) as { n: number }[];
      expect(count?.n).toBe(0);
    });

    it('a Bundle type other than transaction, batch or collection: 422', async () => {
      const response = await post('/api/fhir', {
        resourceType: 'Bundle',
        type: 'searchset',
        entry: [],
      });
      expect(response.status).toBe(422);
      expect((response.body as OperationOutcome).issue[0]?.code).toBe(
        'business-rule',
      );
    });

    it('a subject without an identifier in the configured MRN system: 422', async () => {
      const observation =
        fhirFixture<Record<string, unknown>>('vegf-observation');
      const response = await post('/api/fhir/Observation', {
        ...observation,
        subject: {
          identifier: { system: 'urn:oid:9.9.9', value: 'MRN100234' },
        },
      });
      expect(response.status).toBe(422);
    });

    it('a body over 5 MiB: 413', async () => {
      const response = await post(
        '/api/fhir',
        JSON.stringify({
          resourceType: 'Bundle',
          type: 'transaction',
          padding: 'x'.repeat(5 * 1024 * 1024 + 10),
        }),
      );
      expect(response.status).toBe(413);
      expect((response.body as OperationOutcome).issue[0]?.code).toBe(
        'too-long',
      );
    });

    it('shapes the validator cannot walk: 400, never 500', async () => {
      for (const body of [
        { resourceType: 'Bundle', type: 'transaction', entry: 'x' },
        { resourceType: 'Bundle', type: 'transaction', entry: [null] },
        { resourceType: 'Observation', code: 5 },
      ]) {
        const path =
          body.resourceType === 'Observation'
            ? '/api/fhir/Observation'
            : '/api/fhir';
        expect((await post(path, body)).status).toBe(400);
      }
    });

    it('a body that is not fhir+json or JSON: 415', async () => {
      const response = await post('/api/fhir', 'MSH|^~\\&|', {
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
      expect((response.body as OperationOutcome).resourceType).toBe(
        'OperationOutcome',
      );
    });

    it("no key or a bad key: 401; a person's token: 403", async () => {
      const bundle = fhirFixture('cbc-transaction');
      const none = await call(app, 'POST', '/api/fhir', {
        body: JSON.stringify(bundle),
        headers: { 'content-type': FHIR },
      });
      expect(none.status).toBe(401);
      expect((none.body as OperationOutcome).issue[0]?.code).toBe('login');
      expect(
        (await post('/api/fhir', bundle, { token: 'poems_ik_not-a-key' }))
          .status,
      ).toBe(401);
      expect(
        (
          await post('/api/fhir', bundle, {
            token: await tokenFor(app, 'hematologist'),
          })
        ).status,
      ).toBe(403);
    });
  });

  it('rotates keys with overlap and revokes them', async () => {
    const rotated = (
      await callAs(
        app,
        'admin',
        'POST',
        `/api/interfaces/${interfaceId}/keys`,
        { overlapHours: 1 },
      )
    ).body as { key: string; id: string };
    const metadataCall = (token: string) =>
      post('/api/fhir/Observation', {}, { token });
    // The old key still authenticates during the overlap (the empty body is then a 400, not a 401).
    expect((await metadataCall(key)).status).toBe(400);
    expect((await metadataCall(rotated.key)).status).toBe(400);
    const revoked = await callAs(
      app,
      'admin',
      'POST',
      `/api/interfaces/${interfaceId}/keys/${rotated.id}/revoke`,
      {},
    );
    expect(revoked.status).toBe(200);
    expect((await metadataCall(rotated.key)).status).toBe(401);
    const replaced = (
      await callAs(
        app,
        'admin',
        'POST',
        `/api/interfaces/${interfaceId}/keys`,
        { overlapHours: 0 },
      )
    ).body as { key: string };
    expect((await metadataCall(key)).status).toBe(401);
    key = replaced.key;
    expect((await metadataCall(key)).status).toBe(400);
  });

  it('publishes a CapabilityStatement without authentication', async () => {
    const response = await call(app, 'GET', '/api/fhir/r4/metadata');
    expect(response.status).toBe(200);
    const statement = response.body as CapabilityStatement;
    expect(statement.resourceType).toBe('CapabilityStatement');
    valid(statement);
  });
});

describe('the FHIR endpoint throttles each interface on its own (INBOUND_RATE_LIMIT)', () => {
  let app: TestApp;

  const keyOf = async (extra: Record<string, unknown>): Promise<string> => {
    const { id } = await createCitylab(app, extra);
    return (
      await callAs(app, 'admin', 'POST', `/api/interfaces/${id}/keys`, {})
    ).body.key as string;
  };
  const submit = (token: string) =>
    call(app, 'POST', '/api/fhir/Observation', {
      body: '{}',
      token,
      headers: { 'content-type': FHIR },
    });

  beforeAll(async () => {
    app = await startTestApp({ env: { INBOUND_RATE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After as an OperationOutcome past the limit, and leaves other interfaces alone', async () => {
    const noisy = await keyOf({});
    const quiet = await keyOf({
      name: 'NORTHLAB',
      sendingApplication: 'NORTHLIS',
      sendingFacility: 'NORTHLAB',
    });
    // Within the limit the (empty) Observation is judged on its merits: 400.
    const within = await Promise.all([1, 2, 3].map(() => submit(noisy)));
    expect(within.map((r) => r.status)).toEqual([400, 400, 400]);

    const over = await submit(noisy);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    const outcome = over.body as OperationOutcome;
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(fhirValidationErrors(outcome)).toEqual([]);

    expect((await submit(quiet)).status).toBe(400);
  });
});

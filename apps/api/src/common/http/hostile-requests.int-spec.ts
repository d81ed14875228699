import { call, tokenFor } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';

const BODY_LIMIT = 2_048;

/**
 * Requests the fuzz check and the security probe found answered with 500 or with Fastify's own
 * JSON: each is now a 4xx in our format, with the security headers and the request id.
 */
describe('hostile requests', () => {
  let app: TestApp;
  let securityHeaders: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp({ env: { BODY_LIMIT_BYTES: String(BODY_LIMIT) } });
    const ok = await fetch(`${app.baseUrl}/api/health`);
    securityHeaders = Object.fromEntries(
      [
        'content-security-policy',
        'x-content-type-options',
        'x-frame-options',
        'referrer-policy',
      ].map((name) => [name, ok.headers.get(name) ?? '']),
    );
    expect(securityHeaders['x-content-type-options']).toBe('nosniff');
  });

  afterAll(async () => {
    await app.close();
  });

  async function expectRefusal(
    response: Response,
    status: number,
    code: string,
    contentType = 'application/problem+json; charset=utf-8',
  ): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(contentType);
    for (const [name, value] of Object.entries(securityHeaders)) {
      expect([name, response.headers.get(name)]).toEqual([name, value]);
    }
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as Record<string, unknown>;
    if (contentType.startsWith('application/problem+json')) {
      expect(body).toMatchObject({
        type: `https://poems-workup.dev/problems/${code}`,
        status,
      });
    } else {
      expect(body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [expect.objectContaining({ severity: 'error' })],
      });
    }
    return body;
  }

  function get(path: string, token?: string): Promise<Response> {
    return fetch(`${app.baseUrl}${path}`, {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
  }

  it('refuses a page number beyond any real page instead of failing in the database', async () => {
    const admin = await tokenFor(app, 'admin');

    const body = await expectRefusal(
      await get('/api/users?page=1e%2B308&pageSize=33', admin),
      400,
      'validation_failed',
    );
    expect(body['errors']).toEqual([
      { field: 'page', message: expect.any(String) },
    ]);
    expect(
      (await call(app, 'GET', '/api/users?page=2', { token: admin })).status,
    ).toBe(200);
  });

  it.each([
    ['NUL in a search', '/api/patients?q=a%00b', 'q'],
    ['NUL in a parameter name', '/api/patients?a%00b=1', 'query'],
    ['NUL in a path parameter', '/api/patients/a%00b', 'path'],
  ])('answers %s with 400 naming where it is', async (_case, path, field) => {
    const token = await tokenFor(app, 'hematologist');

    const body = await expectRefusal(
      await get(path, token),
      400,
      'validation_failed',
    );
    expect(body['errors']).toEqual([
      { field, message: 'must not contain a NUL character' },
    ]);
  });

  it('refuses NUL before authentication, and takes tab, line breaks and an encoded percent sign as text', async () => {
    await expectRefusal(
      await get('/api/patients?q=%00'),
      400,
      'validation_failed',
    );
    const token = await tokenFor(app, 'hematologist');
    expect((await get('/api/patients?q=%2500', token)).status).toBe(200);
    expect((await get('/api/patients?q=a%0Ab%09c%0D', token)).status).toBe(200);
  });

  it.each([
    ['ESC in a search', '/api/patients?q=a%1Bb', 'q'],
    ['unit separator in a search', '/api/patients?q=a%1fb', 'q'],
    ['DEL in a search', '/api/patients?q=a%7Fb', 'q'],
    ['a backspace in a path parameter', '/api/patients/a%08b', 'path'],
  ])(
    'answers %s with 400 naming where it is, before authentication',
    async (_case, path, field) => {
      const body = await expectRefusal(
        await get(path),
        400,
        'validation_failed',
      );
      expect(body['errors']).toEqual([
        { field, message: 'must not contain a control character' },
      ]);
    },
  );

  it('refuses a patient whose name holds a control character, and stores nothing', async () => {
    const token = await tokenFor(app, 'coordinator');
    const mrn = `CTRL-${Date.now()}`;
    const response = await fetch(`${app.baseUrl}/api/patients`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        mrn,
        familyName: 'Oka\u001bfor',
        givenName: 'Hana',
        birthDate: '1961-04-02',
        sex: 'female',
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(
      /application\/problem\+json/,
    );
    // The refusal names no patient data: not even the name it refused.
    expect(JSON.stringify(body)).not.toMatch(/Oka|Hana/);
    const found = await get(`/api/patients?q=${mrn}`, token);
    expect(((await found.json()) as { total: number }).total).toBe(0);
  });

  it('answers a badly percent-encoded path in our format', async () => {
    const body = await expectRefusal(
      await get('/api/patients/%zz'),
      400,
      'malformed_url',
    );
    expect(body['instance']).toBe('/api/patients/%zz');
  });

  it("answers Fastify's body refusals in our format", async () => {
    const post = (body: string, contentType: string): Promise<Response> =>
      fetch(`${app.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });

    await expectRefusal(
      await post(
        JSON.stringify({ username: 'x'.repeat(BODY_LIMIT), password: 'p' }),
        'application/json',
      ),
      413,
      'payload_too_large',
    );
    await expectRefusal(
      await post('username=x', 'text/plain'),
      415,
      'unsupported_media_type',
    );
    await expectRefusal(
      await post('{"username":', 'application/json'),
      400,
      'malformed_request',
    );
    await expectRefusal(
      await post('{"username":"a\\u0000b"}', 'application/json'),
      400,
      'malformed_request',
    );
  });

  it('answers the same refusals as OperationOutcome under the FHIR endpoint', async () => {
    const fhir = 'application/fhir+json; charset=utf-8';
    const outcome = await expectRefusal(
      await get('/api/fhir/%zz'),
      400,
      'malformed_url',
      fhir,
    );
    expect(outcome['issue']).toEqual([
      expect.objectContaining({ code: 'invalid' }),
    ]);
    await expectRefusal(
      await get('/api/fhir/metadata?x=%00'),
      400,
      'validation_failed',
      fhir,
    );
    const key = await tokenFor(app, 'interface');
    await expectRefusal(
      await fetch(`${app.baseUrl}/api/fhir/Bundle`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/fhir+json',
        },
        body: '{"resourceType":',
      }),
      400,
      'malformed_request',
      fhir,
    );
  });

  it('answers headers over 16 kB with a 431 problem document', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-padding': 'p'.repeat(20_000) },
    });

    await expectRefusal(response, 431, 'headers_too_large');
  });

  // The case of the fuzz failure counted as "network" (issue 21): an early refusal while the client
  // is still sending a large body, which the server used to answer by closing the connection.
  it('lets the client read every early refusal of a large body, many at once', async () => {
    const token = await tokenFor(app, 'hematologist');
    const body = `{"reason": "${'x'.repeat(1_200_000)}", "version": 1}`;
    const send = (i: number): Promise<Response> =>
      fetch(
        `${app.baseUrl}/api/worklist/calendar-feed?__proto__%5Badmin%5D=1`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'x-forwarded-for': "' OR '1'='1",
            // Every third one is refused by the HTTP parser itself, before there is a request.
            ...(i % 3 === 0 && { 'x-padding': 'p'.repeat(20_000) }),
          },
          body,
        },
      );

    const seen: string[] = [];
    for (let round = 0; round < 8; round += 1) {
      const answers = await Promise.all(
        Array.from({ length: 9 }, async (_, i) => {
          const response = await send(i);
          const problem = (await response.json()) as { status: number };
          return `${response.status}/${problem.status}`;
        }),
      );
      seen.push(...answers);
    }

    expect(seen.filter((s) => s === '431/431')).toHaveLength(24);
    expect(seen.filter((s) => s === '413/413')).toHaveLength(48);
  });
});

import { call, createUser } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function failedSignIn(app: TestApp, headers: Record<string, string>) {
  return call(app, 'POST', '/api/auth/login', {
    body: { username: 'nobody-here', password: 'wrong password!!' },
    headers,
  });
}

async function auditOf(
  app: TestApp,
  requestId: string,
): Promise<{ client_ip: string; details: Record<string, unknown> }[]> {
  return (await app.dataSource.query(
    `SELECT client_ip, details FROM audit_events WHERE request_id = $1`,
    [requestId],
  )) as { client_ip: string; details: Record<string, unknown> }[];
}

describe('without TRUST_PROXY', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT: '2' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('ignores X-Forwarded-For: the peer address is audited and throttled', async () => {
    const first = await failedSignIn(app, {
      'x-forwarded-for': '203.0.113.7',
    });
    const second = await failedSignIn(app, {
      'x-forwarded-for': '203.0.113.8',
    });
    const third = await failedSignIn(app, {
      'x-forwarded-for': '203.0.113.9',
    });

    expect([first.status, second.status, third.status]).toEqual([
      401, 401, 429,
    ]);
    const [event] = await auditOf(app, first.headers.get('x-request-id') ?? '');
    expect(event?.client_ip).toBe('127.0.0.1');
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      env: { LOGIN_RATE_LIMIT: '2', TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' },
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('throttles and audits the forwarded client address, each address with its own budget', async () => {
    const a = { 'x-forwarded-for': '198.51.100.1' };
    const b = { 'x-forwarded-for': '198.51.100.2' };

    const answers = [
      await failedSignIn(app, a),
      await failedSignIn(app, a),
      await failedSignIn(app, a),
      await failedSignIn(app, b),
    ];

    expect(answers.map((r) => r.status)).toEqual([401, 401, 429, 401]);
    const [event] = await auditOf(
      app,
      answers[3]?.headers.get('x-request-id') ?? '',
    );
    expect(event?.client_ip).toBe('198.51.100.2');
  });

  it('believes only trusted hops: an address added in front by the client is not the client', async () => {
    const response = await failedSignIn(app, {
      // The client wrote the first entry; the trusted proxy 10.1.2.3 appended the real one.
      'x-forwarded-for': '192.0.2.66, 198.51.100.9, 10.1.2.3',
    });

    const [event] = await auditOf(
      app,
      response.headers.get('x-request-id') ?? '',
    );
    expect(event?.client_ip).toBe('198.51.100.9');
  });

  it('keeps the caller’s request id apart from its own in the audit event', async () => {
    const user = await createUser(app, { role: 'auditor' });

    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: user.password },
      headers: {
        'x-request-id': 'lb-1234',
        'x-forwarded-for': '198.51.100.50',
      },
    });

    expect(login.status).toBe(200);
    const serverId = login.headers.get('x-request-id') ?? '';
    expect(serverId).toMatch(UUID);
    expect(await auditOf(app, 'lb-1234')).toEqual([]);
    expect(await auditOf(app, serverId)).toEqual([
      {
        client_ip: '198.51.100.50',
        details: { sessionId: expect.any(String), clientRequestId: 'lb-1234' },
      },
    ]);
  });
});

import { TcpProxy } from '../testing/tcp-proxy';
import { call, createUser, signIn } from '../testing/http';
import { testServerUrl } from '../testing/test-database';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('sign-in and tokens while the database is unreachable', () => {
  let proxy: TcpProxy;
  let app: TestApp;
  let user: { username: string; password: string };
  let token: string;

  beforeAll(async () => {
    proxy = await TcpProxy.start(TcpProxy.targetOf(testServerUrl()));
    app = await startTestApp({
      databaseUrl: (database) => proxy.urlThrough(database.url),
    });
    user = await createUser(app, { role: 'hematologist' });
    token = (await signIn(app, user.username, user.password)).accessToken;
  });

  afterAll(async () => {
    await proxy.restore();
    await app.close();
    await proxy.close();
  });

  afterEach(async () => {
    await proxy.restore();
  });

  // A 401 would tell the web app its session is over and sign the user out; the outage is ours.
  it('answers 503, not 401, to a valid token whose user cannot be looked up', async () => {
    await proxy.cut();

    const response = await call(app, 'GET', '/api/auth/me', { token });

    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ title: 'Database unavailable' });
  });

  it('answers 503, not "wrong password", to a sign-in it cannot check', async () => {
    await proxy.cut();

    const response = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: user.password },
    });

    expect(response.status).toBe(503);
  });

  it('still answers 401 to a forged token during the outage', async () => {
    await proxy.cut();

    const response = await call(app, 'GET', '/api/auth/me', {
      token: `${token.slice(0, -4)}AAAA`,
    });

    expect(response.status).toBe(401);
  });
});

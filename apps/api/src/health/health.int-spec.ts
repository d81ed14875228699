import { TcpProxy } from '../testing/tcp-proxy';
import { testServerUrl } from '../testing/test-database';
import { startTestApp, type TestApp } from '../testing/test-app';

const DOWN = { status: 'error', database: 'down' };

async function health(
  app: TestApp,
): Promise<{ status: number; body: unknown; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${app.baseUrl}/api/health`);
  return {
    status: response.status,
    body: await response.json(),
    ms: Date.now() - started,
  };
}

async function eventuallyHealthy(app: TestApp): Promise<number> {
  const deadline = Date.now() + 15_000;
  let last = 0;
  while (Date.now() < deadline) {
    last = (await health(app)).status;
    if (last === 200) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return last;
}

describe('GET /api/health', () => {
  let proxy: TcpProxy;
  let app: TestApp;

  beforeAll(async () => {
    // The app reaches its (real) database only through a proxy the tests can cut or stall.
    proxy = await TcpProxy.start(TcpProxy.targetOf(testServerUrl()));
    app = await startTestApp({
      // The production default: a stalled database must fail fast.
      env: { DB_CONNECT_TIMEOUT_MS: '3000' },
      databaseUrl: (database) => proxy.urlThrough(database.url),
    });
  });

  afterAll(async () => {
    await proxy.restore();
    await app.close();
    await proxy.close();
  });

  it('answers 200 when the database answers', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 at once when the database refuses connections, and recovers without a restart', async () => {
    await proxy.cut();

    const down = await health(app);
    expect(down).toMatchObject({ status: 503, body: DOWN });
    expect(down.ms).toBeLessThan(2_000);

    await proxy.restore();
    expect(await eventuallyHealthy(app)).toBe(200);
  });

  it('answers 503 within the probe timeout when the database hangs, and recovers without a restart', async () => {
    proxy.stall();

    const down = await health(app);
    expect(down).toMatchObject({ status: 503, body: DOWN });
    expect(down.ms).toBeLessThan(3_000);

    await proxy.restore();
    expect(await eventuallyHealthy(app)).toBe(200);
  });
});

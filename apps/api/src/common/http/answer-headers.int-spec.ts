import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer, get, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerPatient } from '../../testing/clinic';
import { call, createUser, tokenFor } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';

/**
 * Answers that carry patient data or tokens are never kept by a cache, and HSTS is promised only
 * over HTTPS (a browser ignores it over HTTP, and a plain-HTTP development server must not pin a
 * host name to HTTPS for a year).
 */
describe('cache and transport headers', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('sends Cache-Control: no-store on JSON, FHIR, CSV, PDF, ICS, token and refused answers', async () => {
    const hematologist = await tokenFor(app, 'hematologist');
    const admin = await tokenFor(app, 'admin');
    const patient = await registerPatient(app);
    const report = '/api/reports/completion?from=2026-01-01&to=2026-01-31';
    const answers: Array<[string, string, string]> = [
      ['GET', '/api/patients', hematologist],
      ['GET', `/api/patients/${patient.id}`, hematologist],
      ['GET', `/api/patients/${patient.id}/fhir`, hematologist],
      ['GET', `${report}&format=csv`, hematologist],
      ['GET', `${report}&format=pdf`, hematologist],
      ['GET', '/api/worklist/calendar.ics', hematologist],
      ['GET', '/api/audit-events?format=csv', admin],
      ['GET', '/api/auth/me', hematologist],
      ['POST', '/api/worklist/calendar-feed', hematologist],
      ['GET', '/api/patients', ''],
      ['GET', '/api/no-such-route', ''],
    ];
    const seen = [];
    for (const [method, path, token] of answers) {
      const response = await call(app, method, path, {
        token: token === '' ? undefined : token,
      });
      seen.push([
        path,
        response.status < 500,
        response.headers.get('cache-control'),
      ]);
    }
    const user = await createUser(app, { role: 'coordinator' });
    const login = await call(app, 'POST', '/api/auth/login', {
      body: { username: user.username, password: user.password },
    });
    seen.push([
      '/api/auth/login',
      login.status === 200,
      login.headers.get('cache-control'),
    ]);
    // Issued last: a new address revokes the one the POST above issued.
    const feed = await call<{ url: string }>(
      app,
      'POST',
      '/api/worklist/calendar-feed',
      { token: hematologist },
    );
    const fetched = await fetch(`${app.baseUrl}${feed.body.url}`);
    seen.push([
      'feed',
      fetched.status === 200,
      fetched.headers.get('cache-control'),
    ]);

    expect(seen).toEqual(seen.map(([path]) => [path, true, 'no-store']));
  });

  it('sends no Strict-Transport-Security over plain HTTP', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`);

    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  describe('over HTTPS', () => {
    let directory: string;
    let server: Server;
    let httpsUrl: string;

    beforeAll(async () => {
      // A test-only certificate; the app's own request handler answers on a TLS socket.
      directory = mkdtempSync(join(tmpdir(), 'poems-https-'));
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          join(directory, 'key.pem'),
          '-out',
          join(directory, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const fastify = app.app.getHttpAdapter().getInstance();
      server = createServer(
        {
          key: readFileSync(join(directory, 'key.pem')),
          cert: readFileSync(join(directory, 'cert.pem')),
        },
        (request, response) => fastify.routing(request, response),
      );
      await new Promise<void>((resolve) =>
        server.listen(0, '127.0.0.1', resolve),
      );
      httpsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(directory, { recursive: true, force: true });
    });

    /** Status and headers of a GET over TLS, trusting the test certificate only. */
    function getOverTls(
      path: string,
    ): Promise<{ status: number; headers: IncomingHttpHeaders }> {
      return new Promise((resolve, reject) => {
        get(
          `${httpsUrl}${path}`,
          {
            ca: readFileSync(join(directory, 'cert.pem')),
            servername: 'localhost',
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
              }),
            );
          },
        ).on('error', reject);
      });
    }

    it('sends Strict-Transport-Security on answers and refusals', async () => {
      const ok = await getOverTls('/api/health');
      const refused = await getOverTls('/api/patients');

      expect(ok.status).toBe(200);
      expect(ok.headers['strict-transport-security']).toMatch(
        /^max-age=\d+; includeSubDomains$/,
      );
      expect(refused.status).toBe(401);
      expect(refused.headers['strict-transport-security']).toBe(
        ok.headers['strict-transport-security'],
      );
      expect(refused.headers['cache-control']).toBe('no-store');
    });
  });

  it('ignores X-Forwarded-Proto from an untrusted peer', async () => {
    const response = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-forwarded-proto': 'https' },
    });

    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('HSTS behind a trusted proxy (TRUST_PROXY)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: '127.0.0.1/32' } });
  });

  afterAll(async () => {
    await app.close();
  });

  it('is sent when the proxy says the request came over HTTPS, and only then', async () => {
    const https = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    const http = await fetch(`${app.baseUrl}/api/health`, {
      headers: { 'x-forwarded-proto': 'http' },
    });

    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect(http.headers.get('strict-transport-security')).toBeNull();
  });
});

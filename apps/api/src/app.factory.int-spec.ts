import { createHash } from 'node:crypto';
import { startTestApp, type TestApp } from './testing/test-app';

describe('createApp', () => {
  describe('with the default configuration', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('sends security headers with a CSP that lets the Angular app run from the same origin', async () => {
      const response = await fetch(`${app.baseUrl}/api/health`);

      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      // Only the stylesheet onload handler of Angular's build, by hash.
      expect(csp).toContain(
        `script-src-attr 'unsafe-hashes' 'sha256-${createHash('sha256').update("this.media='all'").digest('base64')}'`,
      );
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      // Over HTTPS only (cache and transport headers are tested apart).
      expect(response.headers.get('strict-transport-security')).toBeNull();
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    });

    it('sends the same security headers on refusals and unknown routes', async () => {
      const ok = await fetch(`${app.baseUrl}/api/health`);
      for (const path of ['/api/patients', '/api/no-such-route']) {
        const refused = await fetch(`${app.baseUrl}${path}`);
        expect(refused.status).toBeGreaterThanOrEqual(400);
        for (const header of [
          'content-security-policy',
          'x-content-type-options',
          'x-frame-options',
        ]) {
          expect(refused.headers.get(header)).toBe(ok.headers.get(header));
        }
      }
    });

    it('grants no cross-origin access', async () => {
      const preflight = await fetch(`${app.baseUrl}/api/health`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'GET',
        },
      });
      const simple = await fetch(`${app.baseUrl}/api/health`, {
        headers: { origin: 'https://evil.example' },
      });

      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers with its own request id, whatever the caller sent', async () => {
      const given = await fetch(`${app.baseUrl}/api/health`, {
        headers: { 'x-request-id': 'lb-1234' },
      });
      const generated = await fetch(`${app.baseUrl}/api/no-such-thing`, {
        headers: { 'x-request-id': 'bad id <>' },
      });

      expect(given.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('serves the OpenAPI document generated from the code', async () => {
      const json = await fetch(`${app.baseUrl}/api/docs-json`);
      const ui = await fetch(`${app.baseUrl}/api/docs`);

      expect(json.status).toBe(200);
      const document = (await json.json()) as {
        paths: Record<string, unknown>;
        components: { schemas: Record<string, unknown> };
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/health', '/api/protocols/{key}']),
      );
      // Documented by the @nestjs/swagger compiler plugin, without decorators on the DTO.
      expect(document.components.schemas['HealthDto']).toMatchObject({
        properties: { status: expect.anything(), database: expect.anything() },
      });
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
    });
  });

  describe('with CORS_ORIGINS', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp({
        env: { CORS_ORIGINS: 'https://clinic.example.org' },
      });
    });

    afterAll(async () => {
      await app.close();
    });

    it('grants access to the listed origins only', async () => {
      const listed = await fetch(`${app.baseUrl}/api/health`, {
        headers: { origin: 'https://clinic.example.org' },
      });
      const other = await fetch(`${app.baseUrl}/api/health`, {
        headers: { origin: 'https://evil.example' },
      });

      expect(listed.headers.get('access-control-allow-origin')).toBe(
        'https://clinic.example.org',
      );
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../testing/test-app';

const INDEX = '<!doctype html><html><body><pw-root></pw-root></body></html>';

describe('serving the web app', () => {
  describe('when a build exists', () => {
    let webDist: string;
    let app: TestApp;

    beforeAll(async () => {
      webDist = await mkdtemp(join(tmpdir(), 'poems-web-'));
      await writeFile(join(webDist, 'index.html'), INDEX);
      await writeFile(join(webDist, 'main-ABCD1234.js'), 'console.log("app")');
      app = await startTestApp({ env: { WEB_DIST: webDist } });
    });

    afterAll(async () => {
      await app.close();
      await rm(webDist, { recursive: true, force: true });
    });

    it('serves its files', async () => {
      const response = await fetch(`${app.baseUrl}/main-ABCD1234.js`);

      expect(response.status).toBe(200);
      expect(await response.text()).toBe('console.log("app")');
    });

    it.each([
      '/',
      '/patients/4f0c2a7e-9d1b-4d8e-a9b5-3f2d1c0b7a66',
      '/worklist?bucket=overdue',
    ])('answers the deep link %s with index.html', async (path) => {
      const response = await fetch(`${app.baseUrl}${path}`);

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(INDEX);
    });

    it.each(['/api/no-such-thing', '/api', '/missing-chunk.js'])(
      'answers %s with a 404 problem, never index.html',
      async (path) => {
        const response = await fetch(`${app.baseUrl}${path}`);

        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(
          /^application\/problem\+json/,
        );
      },
    );
  });

  describe('when there is no build', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('serves the API only', async () => {
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(404);
      expect((await fetch(`${app.baseUrl}/api/health`)).status).toBe(200);
    });
  });
});

import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../testing/test-app';

/** A raw GET (fetch would decode the body and hide what went over the wire). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const BUNDLE = `console.log(${JSON.stringify('x'.repeat(4000))});`;

const INDEX = '<!doctype html><html><body><pw-root></pw-root></body></html>';

describe('serving the web app', () => {
  describe('when a build exists', () => {
    let webDist: string;
    let app: TestApp;

    beforeAll(async () => {
      webDist = await mkdtemp(join(tmpdir(), 'poems-web-'));
      await writeFile(join(webDist, 'index.html'), INDEX);
      await writeFile(join(webDist, 'main-ABCD1234.js'), 'console.log("app")');
      await writeFile(join(webDist, 'chunk-EFGH5678.js'), BUNDLE);
      await writeFile(
        join(webDist, 'chunk-EFGH5678.js.br'),
        brotliCompressSync(BUNDLE),
      );
      await writeFile(join(webDist, 'favicon.ico'), 'icon');
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

    it('caches hashed files for a year without revalidation, other files revalidated', async () => {
      expect(
        (await fetch(`${app.baseUrl}/main-ABCD1234.js`)).headers.get(
          'cache-control',
        ),
      ).toBe('public, max-age=31536000, immutable');
      expect(
        (await fetch(`${app.baseUrl}/favicon.ico`)).headers.get(
          'cache-control',
        ),
      ).toBe('no-cache');
    });

    it('sends the brotli copy written at build time to a browser that accepts it, the file to one that does not', async () => {
      const url = `${app.baseUrl}/chunk-EFGH5678.js`;
      const br = await rawGet(url, { 'accept-encoding': 'gzip, br' });
      expect(br.status).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(String(br.headers['vary'])).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE);

      const plain = await rawGet(url, { 'accept-encoding': 'identity' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toBe(BUNDLE);
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

import { getProtocol } from '@poems/domain';
import { tokenFor } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('GET /api/protocols/:key', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('returns the current catalog of the POEMS protocol', async () => {
    const response = await fetch(
      `${app.baseUrl}/api/protocols/poems-dispenzieri`,
      {
        headers: {
          authorization: `Bearer ${await tokenFor(app, 'coordinator')}`,
        },
      },
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(
      JSON.parse(JSON.stringify(getProtocol('poems-dispenzieri'))),
    );
  });

  it('returns the newest version, version 2, and an older one by ?version=', async () => {
    const get = async (query: string) =>
      fetch(`${app.baseUrl}/api/protocols/poems-dispenzieri${query}`, {
        headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
      });
    const newest = (await (await get('')).json()) as { version: number; items: { key: string }[] };
    expect(newest.version).toBe(2);
    expect(newest.items.map((i) => i.key)).toContain('lesion_biopsy');

    const older = await get('?version=1');
    expect(older.status).toBe(200);
    expect(await older.json()).toEqual(
      JSON.parse(JSON.stringify(getProtocol('poems-dispenzieri', 1))),
    );

    expect((await get('?version=7')).status).toBe(404);
    for (const bad of ['?version=two', '?version=0', '?version=1.5']) {
      const response = await get(bad);
      expect(response.status).toBe(400);
    }
  });

  it('needs a token', async () => {
    const response = await fetch(
      `${app.baseUrl}/api/protocols/poems-dispenzieri`,
    );

    expect(response.status).toBe(401);
  });

  it('answers an unknown protocol with a 404 problem document', async () => {
    const response = await fetch(`${app.baseUrl}/api/protocols/castleman`, {
      headers: { authorization: `Bearer ${await tokenFor(app, 'auditor')}` },
    });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(
      /^application\/problem\+json/,
    );
    expect(await response.json()).toMatchObject({
      type: 'https://poems-workup.dev/problems/not_found',
      title: 'Not found',
      status: 404,
      instance: '/api/protocols/castleman',
    });
  });
});

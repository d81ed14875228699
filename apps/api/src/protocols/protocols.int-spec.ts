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

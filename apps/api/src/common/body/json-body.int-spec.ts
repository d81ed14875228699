import { aWorkup } from '../../testing/clinic';
import { call, createUser, tokenFor } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';

describe('JSON bodies refused before they are parsed', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  // Found by the reliability fuzzer: the validation pipe walks a body recursively.
  it.each([
    ['an array', `${'['.repeat(5_000)}${']'.repeat(5_000)}`],
    ['an object', `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`],
  ])(
    'answers %s nested thousands of levels deep with 400 and changes nothing',
    async (_name, body) => {
      const workup = await aWorkup(app);

      const response = await call(
        app,
        'POST',
        `/api/workups/${workup.id}/items/cbc/order`,
        { token: await tokenFor(app, 'hematologist'), body },
      );

      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ title: 'Malformed request' });
      const [item] = (await app.dataSource.query(
        `SELECT version FROM workup_items WHERE workup_id = $1 AND key = 'cbc'`,
        [workup.id],
      )) as { version: number }[];
      expect(item?.version).toBe(1);
    },
  );

  // Found by the reliability fuzzer: PostgreSQL refuses NUL in text, as a server error.
  it('answers 400 to text holding NUL, also on the sign-in route', async () => {
    const user = await createUser(app, { role: 'coordinator' });

    const signIn = await call(app, 'POST', '/api/auth/login', {
      body: { username: `${user.username}\u0000`, password: user.password },
    });
    const register = await call(app, 'POST', '/api/patients', {
      token: await tokenFor(app, 'coordinator'),
      body: {
        mrn: 'NUL-1',
        givenName: 'A\u0000da',
        familyName: 'Lovelace',
        birthDate: '1961-04-12',
        sex: 'female',
      },
    });

    expect(signIn.status).toBe(400);
    expect(register.status).toBe(400);
  });
});

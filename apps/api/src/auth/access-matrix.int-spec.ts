import { JwtService } from '@nestjs/jwt';
import { may, ROLES, type Role } from '@poems/domain';
import { API_ROUTES } from '@poems/contract';
import { randomUUID } from 'node:crypto';
import { call, createUser, signIn, tokenFor } from '../testing/http';
import {
  startTestApp,
  TEST_JWT_SECRET,
  type TestApp,
} from '../testing/test-app';
import { ACCESS_MATRIX, type MatrixRow } from './access-matrix.table';

/**
 * Every endpoint × every role, plus the token failures: each answer must be exactly what the
 * domain permission table says. Routes come from the OpenAPI document generated from the code.
 */
describe('access matrix', () => {
  let app: TestApp;
  let routes: string[];

  beforeAll(async () => {
    app = await startTestApp();
    const document = (await call(app, 'GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path}`,
      ),
    );
  });

  afterAll(async () => {
    await app.close();
  });

  const entries = Object.entries(ACCESS_MATRIX);
  const protectedEntries = entries.filter(
    ([, row]) => row.permission !== 'public',
  );

  function request(
    key: string,
    row: MatrixRow,
  ): { method: string; path: string } {
    const [method, template] = key.split(' ') as [string, string];
    return {
      method,
      path: row.path ?? template.replace(/\{[^}]+\}/g, () => randomUUID()),
    };
  }

  async function freshToken(role: Role): Promise<string> {
    const user = await createUser(app, { role });
    return (await signIn(app, user.username, user.password)).accessToken;
  }

  /** A correctly signed token of a real, open session, with its payload changed. */
  async function sessionToken(
    change: (payload: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<string> {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const payload = jwt.decode<Record<string, unknown>>(
      await freshToken('hematologist'),
    );
    return jwt.sign(change(payload));
  }

  it('lists every route of the API, and only those', () => {
    expect([...routes].sort()).toEqual(Object.keys(ACCESS_MATRIX).sort());
  });

  it('serves exactly the routes of the contract the web app builds its URLs from', () => {
    expect([...routes].sort()).toEqual([...API_ROUTES].sort());
  });

  describe.each(ROLES)('as %s', (role: Role) => {
    it.each(protectedEntries)(
      '%s answers as the permission table says',
      async (key, row) => {
        const { method, path } = request(key, row);

        const response = await call(app, method, path, {
          token:
            row.endsSession === true && role !== 'interface'
              ? await freshToken(role)
              : await tokenFor(app, role),
          body: row.body,
        });

        if (
          may(
            role,
            row.permission as Exclude<MatrixRow['permission'], 'public'>,
          )
        ) {
          expect([401, 403]).not.toContain(response.status);
          expect(response.status).toBeLessThan(500);
        } else {
          expect(response.status).toBe(403);
        }
      },
    );
  });

  it.each(entries.filter(([, row]) => row.permission === 'public'))(
    '%s answers without a token',
    async (key, row) => {
      const { method, path } = request(key, row);

      const response = await call(app, method, path, { body: row.body });

      expect([401, 403]).not.toContain(response.status);
      expect(response.status).toBeLessThan(500);
    },
  );

  describe('refuses with 401', () => {
    const badTokens: [string, () => Promise<string | undefined>][] = [
      ['no token', () => Promise.resolve(undefined)],
      ['a malformed token', () => Promise.resolve('not.a.jwt')],
      [
        'an expired token',
        async () => {
          const user = await createUser(app, { role: 'hematologist' });
          return new JwtService({ secret: TEST_JWT_SECRET }).sign({
            sub: user.id,
            exp: Math.floor(Date.now() / 1000) - 60,
          });
        },
      ],
      [
        'a token signed with another secret',
        async () => {
          const user = await createUser(app, { role: 'hematologist' });
          return new JwtService({ secret: 'x'.repeat(40) }).sign({
            sub: user.id,
          });
        },
      ],
      [
        'an unsigned token (alg none)',
        async () => {
          const user = await createUser(app, { role: 'hematologist' });
          const part = (value: object): string =>
            Buffer.from(JSON.stringify(value)).toString('base64url');
          return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: user.id })}.`;
        },
      ],
      [
        'a token without exp, of an open session',
        () =>
          sessionToken((payload) => {
            // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
            const { exp, ...rest } = payload;
            return rest;
          }),
      ],
      [
        'a token naming an unknown session',
        () =>
          sessionToken((payload) => ({ ...payload, sid: randomUUID() })),
      ],
      [
        'a token of another user’s session',
        async () => {
          const other = await createUser(app, { role: 'admin' });
          return sessionToken((payload) => ({ ...payload, sub: other.id }));
        },
      ],
      [
        'a token of a signed-out session',
        async () => {
          const token = await freshToken('hematologist');
          await call(app, 'POST', '/api/auth/logout', { token });
          return token;
        },
      ],
      [
        'a token of a deactivated user',
        async () => {
          const user = await createUser(app, { role: 'hematologist' });
          const { accessToken } = await signIn(
            app,
            user.username,
            user.password,
          );
          await app.dataSource.query(
            'UPDATE users SET active = false WHERE id = $1',
            [user.id],
          );
          return accessToken;
        },
      ],
    ];

    describe.each(badTokens)('%s', (_name, makeToken) => {
      let token: string | undefined;

      beforeAll(async () => {
        token = await makeToken();
      });

      it.each(protectedEntries)('%s', async (key, row) => {
        const { method, path } = request(key, row);

        const response = await call(app, method, path, {
          token,
          body: row.body,
        });

        expect(response.status).toBe(401);
        // The inbound FHIR endpoint answers its errors as OperationOutcome.
        expect(response.body).toMatchObject(
          path.startsWith('/api/fhir')
            ? {
                resourceType: 'OperationOutcome',
                issue: [expect.objectContaining({ code: 'login' })],
              }
            : { status: 401, title: 'Authentication required' },
        );
      });
    });
  });
});

import { JwtService } from '@nestjs/jwt';
import { call } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('a correctly signed token naming no user', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  // Only a holder of the secret can mint these, but no input may ever be a server error.
  it.each([
    ['a subject that is not a user id', { sub: "1' OR '1'='1" }],
    ['an unknown user id', { sub: '00000000-0000-4000-8000-000000000000' }],
    ['a numeric subject', { sub: 42 }],
    ['no subject', {}],
    ['a subject with a NUL character', { sub: 'a\u0000b' }],
  ])('answers 401 to %s', async (_name, payload) => {
    const token = await app.app.get(JwtService).signAsync(payload);

    const response = await call(app, 'GET', '/api/auth/me', { token });

    expect(response.status).toBe(401);
  });
});

import { callAs, createUser } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';

describe('PATCH /api/users/:id with null fields', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  // Found by the reliability fuzzer: null passed @IsOptional() and reached the hasher or a NOT
  // NULL column as a server error.
  it.each(['displayName', 'role', 'active', 'password'])(
    'answers 400 to %s: null and changes nothing',
    async (field) => {
      const user = await createUser(app, { role: 'coordinator' });

      const response = await callAs(
        app,
        'admin',
        'PATCH',
        `/api/users/${user.id}`,
        { version: user.version, [field]: null },
      );

      expect(response.status).toBe(400);
      expect(
        (response.body as { errors: { field: string }[] }).errors.map(
          (e) => e.field,
        ),
      ).toEqual(expect.arrayContaining([field]));
      const [row] = (await app.dataSource.query(
        `SELECT version FROM users WHERE id = $1`,
        [user.id],
      )) as { version: number }[];
      expect(row?.version).toBe(user.version);
    },
  );
});

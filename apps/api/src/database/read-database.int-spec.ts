import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { aWorkup, done } from '../testing/clinic';
import { callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { withAdminClient } from '../testing/test-database';
import { ReadDatabase } from './read-database';

/** SQLSTATE of a write attempted in a read-only transaction. */
const READ_ONLY_SQL_TRANSACTION = '25006';

const READS = [
  ['hematologist', '/api/reports/completion?from=2020-01-01&to=2035-12-31'],
  [
    'hematologist',
    '/api/reports/completion?from=2020-01-01&to=2035-12-31&format=csv',
  ],
  [
    'hematologist',
    '/api/reports/completion?from=2020-01-01&to=2035-12-31&format=pdf',
  ],
  ['auditor', '/api/audit-events?pageSize=5'],
  ['auditor', '/api/audit-events?format=csv'],
  ['coordinator', '/api/worklist?bucket=unscheduled'],
] as const;

describe('DATABASE_READ_URL', () => {
  describe('set', () => {
    // A role whose sessions are read-only stands in for a hot standby: the server refuses writes.
    const role = `poems_reader_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    let app: TestApp;

    beforeAll(async () => {
      await withAdminClient(async (client) => {
        await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
        await client.query(
          `ALTER ROLE ${role} SET default_transaction_read_only = on`,
        );
      });
      app = await startTestApp({
        env: (database) => {
          const url = new URL(database.url);
          url.username = role;
          url.password = password;
          return { DATABASE_READ_URL: url.toString() };
        },
      });
      // Every privilege: a write must fail because the session is read-only, not for want of rights.
      await app.dataSource.query(
        `GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`,
      );
    });

    afterAll(async () => {
      await app.close();
      await withAdminClient((client) => client.query(`DROP ROLE ${role}`));
    });

    it('connects a second, named DataSource as the read-only role', async () => {
      const read = app.app.get(ReadDatabase);

      expect(read.replica).toBe(true);
      expect(read.dataSource).not.toBe(app.dataSource);
      expect(
        await read.dataSource.query(`SELECT current_user AS name`),
      ).toEqual([{ name: role }]);
    });

    it('refuses a write through it', async () => {
      const read = app.app.get(ReadDatabase);

      await expect(
        read.dataSource.query(
          `INSERT INTO rate_limits (key, window_started_at, hits) VALUES ('read-test', now(), 1)`,
        ),
      ).rejects.toMatchObject({
        driverError: expect.objectContaining({
          code: READ_ONLY_SQL_TRANSACTION,
        }),
      });
    });

    it('serves reports, the audit log and the worklist from it, and audits them on the primary', async () => {
      await done(app, 'coordinator', await aWorkup(app), 'cbc', 'order');

      for (const [role, path] of READS) {
        const response = await callAs(app, role, 'GET', path);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 200,
        });
      }

      const audited = (await app.dataSource.query(
        `SELECT action, count(*)::int AS n FROM audit_events
          WHERE action IN ('report.completion', 'audit.list', 'audit.export', 'worklist.read')
          GROUP BY action ORDER BY action`,
      )) as { action: string; n: number }[];
      expect(audited).toEqual([
        { action: 'audit.export', n: 1 },
        { action: 'audit.list', n: 1 },
        { action: 'report.completion', n: 3 },
        { action: 'worklist.read', n: 1 },
      ]);
      const readers = (await app.dataSource.query(
        `SELECT DISTINCT usename AS name FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'poems-api-read'`,
      )) as { name: string }[];
      expect(readers).toEqual([{ name: role }]);
    });
  });

  describe('unset', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('is the primary DataSource', () => {
      const read = app.app.get(ReadDatabase);

      expect(read.replica).toBe(false);
      expect(read.dataSource).toBe(app.app.get(DataSource));
    });
  });
});

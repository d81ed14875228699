import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AccessDenials } from '../audit/access-denials';
import { AuditPartitions } from '../audit/audit-partitions';
import { AuditSealer } from '../audit/audit-sealer';
import { registerPatient } from '../testing/clinic';
import { call, callAs } from '../testing/http';
import { startTestApp, type TestApp } from '../testing/test-app';
import { withAdminClient } from '../testing/test-database';
import { RUNTIME_ROLE } from './database-server';
import { RuntimePrivileges } from './runtime-privileges';

/**
 * The API connects as a member of `poems_runtime`, which owns nothing: it does all its work, and
 * no statement available to it alters, removes or hides an audit row.
 */
describe('the runtime role', () => {
  const login = `poems_rt_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let app: TestApp;
  let runtime: Client;

  const asRuntime = (url: string): string => {
    const parsed = new URL(url);
    parsed.username = login;
    parsed.password = password;
    return parsed.toString();
  };

  beforeAll(async () => {
    await withAdminClient(async (client) => {
      await client.query(
        `CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE ${RUNTIME_ROLE}`,
      );
    });
    // The whole application, connected as the runtime role.
    app = await startTestApp({
      databaseUrl: (database) => asRuntime(database.url),
    });
    runtime = new Client({ connectionString: asRuntime(app.database.url) });
    await runtime.connect();
  });

  afterAll(async () => {
    await runtime?.end();
    await app?.close();
    await withAdminClient(async (client) => {
      await client.query(`DROP ROLE IF EXISTS ${login}`);
    });
  });

  it('is no superuser, owns nothing, and the API works through it', async () => {
    const [who] = (
      await runtime.query(
        `SELECT current_user AS name, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
                (SELECT count(*)::int FROM pg_class c
                  WHERE c.relowner IN (r.oid, '${RUNTIME_ROLE}'::regrole)) AS owned
           FROM pg_roles r WHERE r.rolname = current_user`,
      )
    ).rows as Array<Record<string, unknown>>;
    expect(who).toEqual({
      name: login,
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      owned: 0,
    });

    expect(await app.dataSource.query(`SELECT current_user AS name`)).toEqual([
      { name: login },
    ]);
    expect(await app.app.get(RuntimePrivileges).warnings()).toEqual([]);
    // Clinical writes with their audit events, sealing, partitions, denial buckets, feeds.
    const patient = await registerPatient(app);
    expect(
      (await callAs(app, 'hematologist', 'GET', `/api/patients/${patient.id}`))
        .status,
    ).toBe(200);
    expect(
      (await callAs(app, 'coordinator', 'POST', '/api/worklist/calendar-feed'))
        .status,
    ).toBe(200);
    expect((await call(app, 'GET', '/api/patients')).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await app.app.get(AccessDenials).flush(new Date(), true)).toBe(1);
    await app.app.get(AuditPartitions).ensureAhead();
    expect(await app.app.get(AuditSealer).sealPending()).toBeGreaterThan(0);
    const verified = await callAs(
      app,
      'auditor',
      'GET',
      '/api/audit-events/verify',
    );
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('cannot alter, remove or hide an audit row by any statement available to it', async () => {
    await registerPatient(app);
    await app.app.get(AuditSealer).sealPending();
    const [sealed] = (
      await runtime.query(
        `SELECT id, tableoid::regclass::text AS partition FROM audit_events
          WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
      )
    ).rows as Array<{ id: string; partition: string }>;
    expect(sealed?.partition).toMatch(/^audit_events_/);
    const before = (
      await runtime.query(
        `SELECT count(*)::int AS n, max(chain_seq)::text AS head FROM audit_events`,
      )
    ).rows as unknown;
    const id = sealed?.id ?? '';
    const partition = sealed?.partition ?? '';

    const attempts = [
      `UPDATE audit_events SET details = '{}' WHERE id = ${id}`,
      `UPDATE audit_events SET action = 'x' WHERE id = ${id}`,
      // Allowed for sealing an unsealed row only; a sealed one is refused by the trigger.
      `UPDATE audit_events SET hash = 'forged' WHERE id = ${id}`,
      `UPDATE audit_events SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE id = ${id}`,
      `DELETE FROM audit_events WHERE id = ${id}`,
      `TRUNCATE audit_events`,
      `UPDATE ${partition} SET details = '{}' WHERE id = ${id}`,
      `DELETE FROM ${partition} WHERE id = ${id}`,
      `TRUNCATE ${partition}`,
      `DELETE FROM audit_events_default`,
      `SET session_replication_role = replica`,
      `ALTER TABLE audit_events DISABLE TRIGGER trg_audit_events_append_only`,
      `ALTER TABLE audit_events DISABLE TRIGGER ALL`,
      `ALTER TABLE ${partition} DISABLE TRIGGER ALL`,
      `DROP TRIGGER trg_audit_events_append_only ON audit_events`,
      `CREATE OR REPLACE FUNCTION audit_events_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `ALTER TABLE audit_events DETACH PARTITION ${partition}`,
      `DROP TABLE ${partition}`,
      `ALTER TABLE audit_events RENAME TO audit_events_old`,
      `CREATE TABLE audit_events_shadow (id bigint)`,
      `SELECT poems_grant_runtime()`,
      `DELETE FROM migrations`,
    ];
    const outcomes: Array<[string, string]> = [];
    for (const statement of attempts) {
      try {
        await runtime.query(statement);
        outcomes.push([statement, 'allowed']);
      } catch (error) {
        outcomes.push([statement, (error as { code?: string }).code ?? '?']);
      }
    }

    // 42501: insufficient privilege (the trigger raises the same code); 42P01 would mean the
    // statement did not even name a real table, so it is not accepted here.
    expect(outcomes).toEqual(attempts.map((statement) => [statement, '42501']));
    expect(
      (
        await runtime.query(
          `SELECT count(*)::int AS n, max(chain_seq)::text AS head FROM audit_events`,
        )
      ).rows,
    ).toEqual(before);
    const verified = await callAs(
      app,
      'auditor',
      'GET',
      '/api/audit-events/verify',
    );
    expect(verified.body).toMatchObject({ valid: true });
  });

  it('is what start-up warns about when the API connects as a superuser', async () => {
    const owner = await startTestApp();
    try {
      expect(await owner.app.get(RuntimePrivileges).warnings()).toEqual([
        expect.stringMatching(
          /^The API connects as the superuser .*poems_runtime/,
        ),
      ]);
    } finally {
      await owner.close();
    }
  });
});

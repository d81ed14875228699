import { MIGRATIONS } from '@poems/migrations';
import { Client } from 'pg';
import {
  createTestDatabase,
  type TestDatabase,
} from '../testing/test-database';
import {
  migrationStates,
  revertLastMigration,
  runPendingMigrations,
} from './migration-runner';

const TABLES = [
  'access_denials',
  'audit_events',
  'calendar_feeds',
  'diagnoses',
  'followup_assessed_time_points',
  'followup_history',
  'followup_instances',
  'followup_report_facts',
  'followup_results',
  'inbound_messages',
  'inbound_results',
  'inbox_entries',
  'interface_api_keys',
  'item_history',
  'lab_interfaces',
  'mfa_challenges',
  'mfa_recovery_codes',
  'migrations',
  'oidc_handoffs',
  'oidc_logins',
  'oidc_logout_tokens',
  'patients',
  'rate_limits',
  'risk_records',
  'sessions',
  'staging_records',
  'treatment_lines',
  'user_mfa',
  'users',
  'workup_evaluations',
  'workup_items',
  'workup_sign_offs',
  'workups',
];

/** Everything a migration can create in the public schema, in a comparable form. */
const SCHEMA_FINGERPRINT = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS item
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace
  UNION ALL
  SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
  UNION ALL
  SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
  ORDER BY 1`;

/** `YYYYMM` of the UTC months from `first` to `last` months after the current one. */
function monthsFromNow(first: number, last: number): string[] {
  const now = new Date();
  const months: string[] = [];
  for (let offset = first; offset <= last; offset += 1) {
    const month = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1),
    );
    months.push(
      `${month.getUTCFullYear()}${String(month.getUTCMonth() + 1).padStart(2, '0')}`,
    );
  }
  return months;
}

describe('migrations against PostgreSQL', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('empty');
  });

  afterAll(async () => {
    await database.drop();
  });

  async function query<T>(sql: string): Promise<T[]> {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  // Partitions are listed apart: which months exist depends on the day the test runs.
  const tables = async (): Promise<string[]> =>
    (
      await query<{ table_name: string }>(
        `SELECT relname AS table_name FROM pg_class
          WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition
          ORDER BY 1`,
      )
    ).map((row) => row.table_name);
  const auditPartitions = async (): Promise<string[]> =>
    (
      await query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'audit_events'::regclass ORDER BY 1`,
      )
    ).map((row) => row.name);
  const fingerprint = async (): Promise<string[]> =>
    (await query<{ item: string }>(SCHEMA_FINGERPRINT)).map((row) => row.item);

  it('apply to an empty database, revert completely, and apply again to the same schema', async () => {
    const names = MIGRATIONS.map((migration) => new migration().name);

    expect(await runPendingMigrations(database.url)).toEqual(names);
    expect(await tables()).toEqual(TABLES);
    expect(await auditPartitions()).toEqual([
      'audit_events_default',
      ...monthsFromNow(0, 3).map((month) => `audit_events_p${month}`),
    ]);
    const migrated = await fingerprint();

    for (const name of [...names].reverse()) {
      expect(await revertLastMigration(database.url)).toBe(name);
    }
    expect(await revertLastMigration(database.url)).toBeUndefined();
    expect(await tables()).toEqual(['migrations']);
    expect(
      (await fingerprint()).filter((item) => !item.includes('migrations')),
    ).toEqual([]);

    expect(await runPendingMigrations(database.url)).toEqual(names);
    expect(await fingerprint()).toEqual(migrated);
    expect(await migrationStates(database.url)).toEqual(
      names.map((name) => ({ name, applied: true })),
    );
  });

  it('stop at MRNs that differ only in case, listing the patients, and go on once they are resolved', async () => {
    const name = 'UniqueMrnRegardlessOfCase1796700000000';
    await runPendingMigrations(database.url);
    while ((await revertLastMigration(database.url)) !== name) {
      // Later migrations are reverted first; the loop ends at the MRN migration.
    }
    const insert = (mrn: string) =>
      query<{ id: string }>(
        `INSERT INTO patients (mrn, given_name, family_name, birth_date, sex, mrn_search, given_search, family_search)
         VALUES ('${mrn}', 'A', 'B', '1960-01-01', 'female', lower('${mrn}'), 'a', 'b') RETURNING id`,
      );
    const [first] = await insert('mrn-case-1');
    const [second] = await insert('MRN-CASE-1');
    await insert('mrn-case-2');

    const refusal = runPendingMigrations(database.url);

    await expect(refusal).rejects.toThrow(
      `1 group(s) of patients have MRNs that differ only in case`,
    );
    const message = await refusal.catch((error: Error) => error.message);
    expect(message).toContain(`patients ${first?.id}, ${second?.id}`);
    // Ids only: the MRN itself is patient data and stays out of logs.
    expect(message).not.toMatch(/mrn-case/i);
    expect(
      (await migrationStates(database.url)).find((m) => m.name === name),
    ).toEqual({ name, applied: false });

    await query(`DELETE FROM patients WHERE id = '${second?.id}'`);
    expect(await runPendingMigrations(database.url)).toContain(name);
    await expect(insert('Mrn-Case-2')).rejects.toThrow(/uq_patients_mrn_ci/);
  });

  it("copy each workup's latest sign-off onto the workup", async () => {
    const name = 'DenormaliseLatestSignOff1796920000000';
    await runPendingMigrations(database.url);
    while ((await revertLastMigration(database.url)) !== name) {
      // Later migrations are reverted first; the loop ends at the sign-off copy.
    }
    const [user] = await query<{ id: string }>(
      `INSERT INTO users (username, display_name, role, password_hash)
       VALUES ('signer-backfill', 'Dr Backfill', 'hematologist', 'x') RETURNING id`,
    );
    const workups = await query<{ id: string }>(
      `WITH p AS (
         INSERT INTO patients (mrn, given_name, family_name, birth_date, sex, mrn_search, given_search, family_search)
         SELECT 'signoff-' || g, 'A', 'B', '1960-01-01', 'female', 'signoff-' || g, 'a', 'b'
           FROM generate_series(1, 2) g RETURNING id
       )
       INSERT INTO workups (patient_id, protocol_key, protocol_version)
       SELECT id, 'poems-dispenzieri', 1 FROM p RETURNING id`,
    );
    const [signed, unsigned] = workups.map((w) => w.id);
    // An older sign-off outdated, then a newer one still current: the newer one is copied.
    await query(
      `INSERT INTO workup_sign_offs (workup_id, signed_by, signed_at, overall, protocol_key,
                                     protocol_version, rules_version, attested, outdated_at)
       VALUES ('${signed}', '${user?.id}', '2031-01-01T10:00Z', 'criteria_met', 'poems-dispenzieri', 1, 1, '{}', '2031-01-02T10:00Z'),
              ('${signed}', '${user?.id}', '2031-01-03T10:00Z', 'criteria_met', 'poems-dispenzieri', 1, 1, '{}', NULL)`,
    );

    await runPendingMigrations(database.url);

    const copies = await query<Record<string, unknown>>(
      `SELECT id, signed_off_at, signed_off_by, sign_off_outdated_at FROM workups
        WHERE id IN ('${signed}', '${unsigned}')`,
    );
    expect(copies).toEqual(
      expect.arrayContaining([
        {
          id: signed,
          signed_off_at: new Date('2031-01-03T10:00:00Z'),
          signed_off_by: user?.id,
          sign_off_outdated_at: null,
        },
        {
          id: unsigned,
          signed_off_at: null,
          signed_off_by: null,
          sign_off_outdated_at: null,
        },
      ]),
    );
  });

  it('name who closed each cancelled or not-indicated item, from its latest closing step', async () => {
    const name = 'RememberWhoClosedItems1796930000000';
    await runPendingMigrations(database.url);
    while ((await revertLastMigration(database.url)) !== name) {
      // Later migrations are reverted first; the loop ends at this one.
    }
    const users = await query<{ id: string }>(
      `INSERT INTO users (username, display_name, role, password_hash)
       VALUES ('closer-old', 'Dr Earlier', 'hematologist', 'x'),
              ('closer-new', 'Ms Later', 'coordinator', 'x') RETURNING id`,
    );
    const [earlier, later] = users.map((u) => u.id);
    const [workup] = await query<{ id: string }>(
      `WITH p AS (
         INSERT INTO patients (mrn, given_name, family_name, birth_date, sex, mrn_search, given_search, family_search)
         VALUES ('closer-1', 'A', 'B', '1960-01-01', 'female', 'closer-1', 'a', 'b') RETURNING id
       )
       INSERT INTO workups (patient_id, protocol_key, protocol_version)
       SELECT id, 'poems-dispenzieri', 1 FROM p RETURNING id`,
    );
    const items = await query<{ id: string; key: string }>(
      `INSERT INTO workup_items (workup_id, key, required, active, workup_open, status, reason)
       VALUES ('${workup?.id}', 'fundoscopy', true, true, true, 'cancelled', 'declined'),
              ('${workup?.id}', 'pft', true, true, true, 'planned', 'reopened'),
              ('${workup?.id}', 'cbc', true, true, true, 'not_indicated', 'done elsewhere')
       RETURNING id, key`,
    );
    const id = (key: string): string | undefined =>
      items.find((i) => i.key === key)?.id;
    // fundoscopy: cancelled twice (reopened between), the later cancel names the closer;
    // pft: cancelled then reopened, so nobody closed it; cbc: marked not indicated.
    await query(
      `INSERT INTO item_history (item_id, workup_id, action, from_status, to_status, actor_id, effective_at, recorded_at)
       VALUES ('${id('fundoscopy')}', '${workup?.id}', 'cancel', 'planned', 'cancelled', '${earlier}', now(), '2031-01-01T10:00Z'),
              ('${id('fundoscopy')}', '${workup?.id}', 'reopen', 'cancelled', 'planned', '${earlier}', now(), '2031-01-02T10:00Z'),
              ('${id('fundoscopy')}', '${workup?.id}', 'cancel', 'planned', 'cancelled', '${later}', now(), '2031-01-03T10:00Z'),
              ('${id('pft')}', '${workup?.id}', 'cancel', 'planned', 'cancelled', '${earlier}', now(), '2031-01-01T10:00Z'),
              ('${id('pft')}', '${workup?.id}', 'reopen', 'cancelled', 'planned', '${earlier}', now(), '2031-01-02T10:00Z'),
              ('${id('cbc')}', '${workup?.id}', 'not-indicated', 'planned', 'not_indicated', '${earlier}', now(), '2031-01-01T10:00Z')`,
    );

    await runPendingMigrations(database.url);

    const closers = await query<{ key: string; closed_by_name: string | null }>(
      `SELECT key, closed_by_name FROM workup_items WHERE workup_id = '${workup?.id}' ORDER BY key`,
    );
    expect(closers).toEqual([
      { key: 'cbc', closed_by_name: 'Dr Earlier' },
      { key: 'fundoscopy', closed_by_name: 'Ms Later' },
      { key: 'pft', closed_by_name: null },
    ]);
  });
});

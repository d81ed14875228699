import type { ItemActionCommand, Overall } from '@poems/domain';
import type { PatientListItem, WorkupView } from '@poems/contract';
import { Client } from 'pg';
import { Clock } from '../../common/clock/clock';
import type { RequestContext } from '../../common/request-context/request-context';
import { PatientsService } from '../../patients/patients.service';
import { TEST_AUDIT_HMAC_KEY } from '../../testing/audit-keys';
import { callAs } from '../../testing/http';
import { startTestApp, type TestApp } from '../../testing/test-app';
import {
  createTestDatabase,
  type TestDatabase,
} from '../../testing/test-database';
import { ItemActionsService } from '../../workups/item-actions.service';
import { WorkupsService } from '../../workups/workups.service';
import { SYNTHETIC_CLIENT_IP, SYNTHETIC_REQUEST_ID } from './synthetic-clinic';
import { planPatient, planStaff, type StaffMember } from './synthetic-plan';
import { TABLE_LOAD_ORDER } from './synthetic-rows';
import { seedSyntheticClinic } from './synthetic-seeder';

const SEED = 7;
const UNTIL = '2026-06-01';
const PATIENTS = 200;
const SEEDING_TIMEOUT = 180_000;

async function query<T>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('synthetic clinic seeder', () => {
  describe('a seeded clinic, read through the API', () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await startTestApp();
      await seedSyntheticClinic({
        databaseUrl: app.database.url,
        patients: PATIENTS,
        seed: SEED,
        until: UNTIL,
        auditHmacKey: Buffer.from(TEST_AUDIT_HMAC_KEY),
      });
    }, SEEDING_TIMEOUT);

    afterAll(async () => {
      await app.close();
    });

    it(
      'serves every seeded workup, and its evaluation on read matches the stored overall, completion and latest snapshot',
      async () => {
        const stored = await query<{
          id: string;
          overall: Overall;
          done: number;
          closed: number;
          total: number;
          snapshot: Overall;
        }>(
          app.database.url,
          `SELECT w.id, w.overall, w.completion_done AS done, w.completion_closed AS closed,
                  w.completion_total AS total,
                  (SELECT e.overall FROM workup_evaluations e WHERE e.workup_id = w.id
                    ORDER BY e.id DESC LIMIT 1) AS snapshot
             FROM workups w ORDER BY w.id`,
        );
        expect(stored.length).toBeGreaterThan(PATIENTS * 0.9);

        const mismatches: string[] = [];
        for (const workup of stored) {
          const response = await callAs<WorkupView>(
            app,
            'auditor',
            'GET',
            `/api/workups/${workup.id}`,
          );
          expect(response.status).toBe(200);
          const view = response.body;
          if (
            view.evaluation.overall !== workup.overall ||
            view.evaluation.overall !== workup.snapshot ||
            view.completion.done !== workup.done ||
            view.completion.closed !== workup.closed ||
            view.completion.total !== workup.total
          ) {
            mismatches.push(workup.id);
          }
        }
        expect(mismatches).toEqual([]);
      },
      SEEDING_TIMEOUT,
    );

    it('spreads the population over every outcome, flag, status and two years of dates', async () => {
      const [summary] = await query<Record<string, unknown>>(
        app.database.url,
        `SELECT
           (SELECT array_agg(DISTINCT overall ORDER BY overall) FROM workups) AS overall,
           (SELECT array_agg(DISTINCT f ORDER BY f) FROM workups w
              CROSS JOIN LATERAL (SELECT flags FROM workup_evaluations e WHERE e.workup_id = w.id
                                   ORDER BY e.id DESC LIMIT 1) e
              CROSS JOIN LATERAL jsonb_array_elements_text(e.flags) f) AS flags,
           (SELECT array_agg(DISTINCT status ORDER BY status) FROM workups) AS workup_statuses,
           (SELECT array_agg(DISTINCT status ORDER BY status) FROM workup_items) AS item_statuses,
           (SELECT count(*)::int FROM workup_items i JOIN workups w ON w.id = i.workup_id
             WHERE w.status = 'open' AND i.active
               AND i.status IN ('planned', 'ordered', 'scheduled', 'performed')
               AND i.due_date < $1::date) AS overdue,
           (SELECT (max(opened_at) - min(opened_at) > interval '600 days') FROM workups) AS spread`,
        [UNTIL],
      );
      expect(summary).toEqual({
        overall: [
          'criteria_met',
          'criteria_not_met',
          'incomplete',
          'indeterminate',
        ],
        flags: [
          'igm_clone_review',
          'kappa_clone_review',
          'possible_castleman_variant',
        ],
        workup_statuses: ['closed', 'open'],
        item_statuses: [
          'cancelled',
          'not_indicated',
          'ordered',
          'performed',
          'planned',
          'resulted',
          'reviewed',
          'scheduled',
        ],
        overdue: expect.any(Number),
        spread: true,
      });
      expect(summary?.['overdue']).toBeGreaterThan(0);
    });

    it('fills the search columns as registration does: accents and case fold', async () => {
      const [patient] = await query<{ family_name: string }>(
        app.database.url,
        `SELECT family_name FROM patients WHERE family_name ~ '[áéíóúüñö]' ORDER BY mrn LIMIT 1`,
      );
      expect(patient).toBeDefined();
      const folded = (patient?.family_name ?? '')
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .toUpperCase();
      const response = await callAs<{ items: PatientListItem[] }>(
        app,
        'coordinator',
        'GET',
        `/api/patients?q=${encodeURIComponent(folded)}&pageSize=200`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items.map((p) => p.familyName)).toContain(
        patient?.family_name,
      );
    });

    it('seals the audit log into a chain that verifies', async () => {
      const response = await callAs(
        app,
        'auditor',
        'GET',
        '/api/audit-events/verify',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ valid: true });
      const [{ n }] = await query<{ n: number }>(
        app.database.url,
        `SELECT count(*)::int AS n FROM audit_events WHERE request_id = 'synthetic-seed'`,
      );
      expect(response.body.checked).toBeGreaterThanOrEqual(n);
    });

    it('rebuilds every index it dropped, valid and on every audit partition', async () => {
      const invalid = await query<{ name: string }>(
        app.database.url,
        `SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid`,
      );
      expect(invalid).toEqual([]);
      // Each partition carries one index per index of the partitioned parent.
      const partitions = await query<{ partition: string; indexes: number }>(
        app.database.url,
        `SELECT c.relname AS partition, count(x.indexrelid)::int AS indexes
           FROM pg_inherits h
           JOIN pg_class c ON c.oid = h.inhrelid
           LEFT JOIN pg_index x ON x.indrelid = c.oid
          WHERE h.inhparent = 'audit_events'::regclass
          GROUP BY c.relname`,
      );
      const [parent] = await query<{ indexes: number }>(
        app.database.url,
        `SELECT count(*)::int AS indexes FROM pg_index WHERE indrelid = 'audit_events'::regclass`,
      );
      expect(partitions.length).toBeGreaterThan(24);
      expect(parent?.indexes).toBeGreaterThan(5);
      for (const partition of partitions) {
        expect(partition).toEqual({
          partition: partition.partition,
          indexes: parent?.indexes,
        });
      }
    });

    it('leaves items the API can go on acting on', async () => {
      const [open] = await query<{ workup_id: string; key: string }>(
        app.database.url,
        `SELECT i.workup_id, i.key FROM workup_items i JOIN workups w ON w.id = i.workup_id
          WHERE w.status = 'open' AND i.active AND i.status IN ('planned', 'ordered')
          ORDER BY i.id LIMIT 1`,
      );
      const read = await callAs<WorkupView>(
        app,
        'coordinator',
        'GET',
        `/api/workups/${open?.workup_id}`,
      );
      const item = read.body.items.find((i) => i.key === open?.key);
      const response = await callAs<WorkupView>(
        app,
        'coordinator',
        'POST',
        `/api/workups/${open?.workup_id}/items/${open?.key}/schedule`,
        { version: item?.version, scheduledAt: `${UNTIL}T09:00:00Z` },
      );
      expect(response.status).toBe(200);
      expect(response.body.items.find((i) => i.key === open?.key)?.status).toBe(
        'scheduled',
      );
    });
  });

  it(
    'gives identical rows for the same seed and end date, on a database it migrates itself',
    async () => {
      const databases: TestDatabase[] = [];
      try {
        for (let run = 0; run < 2; run++) {
          const database = await createTestDatabase('empty');
          databases.push(database);
          await seedSyntheticClinic({
            databaseUrl: database.url,
            patients: PATIENTS,
            seed: SEED,
            until: UNTIL,
            auditHmacKey: Buffer.from(TEST_AUDIT_HMAC_KEY),
          });
        }
        const fingerprints = await Promise.all(
          databases.map((database) =>
            Promise.all(
              TABLE_LOAD_ORDER.map(async (table) => {
                const [row] = await query<{ rows: number; md5: string }>(
                  database.url,
                  `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5
                     FROM ${table} t`,
                );
                return { table, ...row };
              }),
            ),
          ),
        );
        expect(fingerprints[0]?.every((t) => t.rows > 0)).toBe(true);
        expect(fingerprints[1]).toEqual(fingerprints[0]);
      } finally {
        await Promise.all(databases.map((database) => database.drop()));
      }
    },
    SEEDING_TIMEOUT,
  );

  it(
    "writes exactly the rows the API's own services write for the same steps",
    async () => {
      const patients = 12;
      const seeded = await createTestDatabase();
      const app = await startTestApp();
      try {
        await seedSyntheticClinic({
          databaseUrl: seeded.url,
          patients,
          seed: SEED,
          until: UNTIL,
          auditHmacKey: Buffer.from(TEST_AUDIT_HMAC_KEY),
        });
        await replayThroughServices(app, patients);
        const [fromSeeder, fromServices] = await Promise.all([
          normalisedClinic(seeded.url),
          normalisedClinic(app.database.url),
        ]);
        expect(fromSeeder.patients).toHaveLength(patients);
        expect(fromServices).toEqual(fromSeeder);
      } finally {
        await app.close();
        await seeded.drop();
      }
    },
    SEEDING_TIMEOUT,
  );
});

/** Replays the same synthetic plans step by step through the services, with the clock at each step's time. */
async function replayThroughServices(
  app: TestApp,
  patients: number,
): Promise<void> {
  const staff = planStaff(SEED, patients, UNTIL);
  for (const member of [
    ...staff.hematologists,
    ...staff.coordinators,
    ...staff.others,
  ]) {
    await app.dataSource.query(
      `INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, 'x')`,
      [member.id, member.username, member.displayName, member.role],
    );
  }
  const clock = app.app.get(Clock);
  const at = (time: number): void => {
    clock.now = () => new Date(time);
  };
  const as = (member: StaffMember): RequestContext => ({
    actor: {
      id: member.id,
      username: member.username,
      displayName: member.displayName,
      role: member.role,
    },
    requestId: SYNTHETIC_REQUEST_ID,
    clientIp: SYNTHETIC_CLIENT_IP,
  });
  const patientsService = app.app.get(PatientsService);
  const workups = app.app.get(WorkupsService);
  const actions = app.app.get(ItemActionsService);

  for (let index = 0; index < patients; index++) {
    const plan = planPatient({ seed: SEED, until: UNTIL, staff }, index);
    at(plan.registeredAt);
    const patient = await patientsService.register(as(plan.registeredBy), {
      mrn: plan.mrn,
      givenName: plan.givenName,
      familyName: plan.familyName,
      birthDate: plan.birthDate,
      sex: plan.sex,
    });
    for (const workupPlan of plan.workups) {
      at(workupPlan.openedAt);
      let view = await workups.open(as(workupPlan.openedBy), patient.id, {});
      for (const step of workupPlan.steps) {
        at(step.at);
        switch (step.kind) {
          case 'read':
            view = await workups.read(as(step.by), view.id);
            break;
          case 'close':
            view = await workups.close(as(step.by), view.id, {
              version: view.version,
              reason: step.reason,
            });
            break;
          case 'item': {
            const version = view.items.find((i) => i.key === step.key)?.version;
            view = await actions.act(as(step.by), view.id, {
              key: step.key,
              action: step.action,
              body: { version, ...step.body },
            } as ItemActionCommand);
            break;
          }
        }
      }
    }
  }
}

/**
 * Every patient-related row of a database, with generated ids replaced by stable names
 * (`patient:P0000001`, `workup:P0000001#1`, `item:P0000001#1/cbc`) and without the columns the
 * database clock fills (`created_at`, `updated_at`, `recorded_at`, `occurred_at`) or the seal.
 */
async function normalisedClinic(
  url: string,
): Promise<Record<string, unknown[]>> {
  const names = new Map<string, string>();
  const ids = await query<{
    mrn: string;
    patient: string;
    workup: string | null;
    n: string | null;
    item: string | null;
    key: string | null;
  }>(
    url,
    `SELECT p.mrn, p.id AS patient, w.id AS workup,
            row_number() OVER (PARTITION BY p.id, i.key ORDER BY w.opened_at)::text AS n,
            i.id AS item, i.key
       FROM patients p
       LEFT JOIN workups w ON w.patient_id = p.id
       LEFT JOIN workup_items i ON i.workup_id = w.id`,
  );
  for (const row of ids) {
    names.set(row.patient, `patient:${row.mrn}`);
    if (row.workup !== null) {
      names.set(row.workup, `workup:${row.mrn}#${row.n}`);
    }
    if (row.item !== null) {
      names.set(row.item, `item:${row.mrn}#${row.n}/${row.key}`);
    }
  }
  const rename = (value: unknown): unknown =>
    typeof value === 'string'
      ? (names.get(value) ?? value)
      : Array.isArray(value)
        ? value.map(rename)
        : value !== null &&
            typeof value === 'object' &&
            !(value instanceof Date)
          ? Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, rename(v)]),
            )
          : value;
  const rows = async (sql: string): Promise<unknown[]> =>
    (await query<Record<string, unknown>>(url, sql)).map((row) =>
      rename(row),
    ) as unknown[];

  const audit = (await rows(
    `SELECT actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id, diff,
            request_id, client_ip, details
       FROM audit_events WHERE patient_id IS NOT NULL ORDER BY id`,
  )) as { action: string; diff: { items?: { to: string[] } } | null }[];
  // The services list a new workup's items in whatever order the database returns them.
  for (const event of audit) {
    if (event.action === 'workup.open') {
      event.diff?.items?.to.sort();
    }
  }
  return {
    patients: await rows(
      `SELECT id, mrn, given_name, family_name, birth_date::text, sex, version, created_by,
              mrn_search, given_search, family_search
         FROM patients ORDER BY mrn`,
    ),
    workups: await rows(
      `SELECT w.id, w.patient_id, w.status, w.protocol_key, w.protocol_version, w.opened_at,
              w.opened_by, w.closed_at, w.close_reason, w.attending_id, w.overall,
              w.completion_done, w.completion_closed, w.completion_total, w.criteria_first_met_at,
              w.version
         FROM workups w JOIN patients p ON p.id = w.patient_id ORDER BY p.mrn, w.opened_at`,
    ),
    items: await rows(
      `SELECT i.id, i.workup_id, i.key, i.required, i.active, i.workup_open, i.status, i.due_date::text,
              i.scheduled_at, i.location, i.performed_at, i.resulted_at, i.reviewed_at,
              i.reviewed_by, i.result, i.findings, i.reason, i.version, i.updated_by
         FROM workup_items i JOIN workups w ON w.id = i.workup_id JOIN patients p ON p.id = w.patient_id
        ORDER BY p.mrn, w.opened_at, i.key`,
    ),
    history: await rows(
      `SELECT h.item_id, h.workup_id, h.action, h.from_status, h.to_status, h.actor_id,
              h.actor_role, h.effective_at, h.reason, h.details
         FROM item_history h JOIN workup_items i ON i.id = h.item_id
         JOIN workups w ON w.id = h.workup_id JOIN patients p ON p.id = w.patient_id
        ORDER BY p.mrn, w.opened_at, i.key, h.id`,
    ),
    evaluations: await rows(
      `SELECT e.workup_id, e.evaluated_at, e.overall, e.criteria, e.flags, e.protocol_key,
              e.protocol_version
         FROM workup_evaluations e JOIN workups w ON w.id = e.workup_id
         JOIN patients p ON p.id = w.patient_id
        ORDER BY p.mrn, w.opened_at, e.id`,
    ),
    audit,
  };
}

/**
 * The SQL the API issues for the benchmarked routes, as PostgreSQL's statement log shows it (the
 * same columns; the API names them after its entities' properties). The baseline server runs exactly these,
 * and the benchmark times them raw and prints their plans. When an API query changes, change it
 * here too: the response check at the start of every run fails when the two disagree.
 */
import {
  BUCKET_STATUSES,
  WORKLIST_BUCKETS,
  type WorklistBucket,
} from '@poems/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's one SQL form of the overdue rule
import {
  dueSoonSql,
  overdueSql,
} from '../../../apps/api/src/common/sql/due-date.sql';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's one SQL form of a patient search
import {
  patientMatchSql,
  searchTerms,
} from '../../../apps/api/src/patients/patient-search';

export { searchTerms };

const WORKUP_COLUMNS = `"id", "patient_id", "status", "protocol_key", "protocol_version", "opened_at",
  "opened_by", "closed_at", "close_reason", "attending_id", "overall", "completion_done",
  "completion_closed", "completion_total", "criteria_first_met_at", "version", "updated_at"`;

const ITEM_COLUMNS = `"id", "workup_id", "key", "required", "active", "workup_open", "status", "due_date", "scheduled_at",
  "location", "performed_at", "resulted_at", "reviewed_at", "reviewed_by", "result", "result_source",
  "findings", "reason", "closed_by_name", "version", "updated_at", "updated_by"`;

export const SQL = {
  user: `SELECT id, username, display_name AS "displayName", role
         FROM users WHERE id = $1 AND active`,
  /** SessionsService.check: the session and its user, one statement per request. */
  session: `WITH found AS (
         SELECT s.id, s.last_seen_at, u.id AS user_id, u.username,
                u.display_name AS "displayName", u.role, s.auth_method AS "authMethod",
                EXISTS (SELECT 1 FROM user_mfa m
                         WHERE m.user_id = u.id AND m.confirmed_at IS NOT NULL) AS "mfaEnrolled",
                CASE WHEN s.ended_at IS NOT NULL OR NOT u.active THEN 'ended'
                     WHEN s.expires_at <= now() THEN 'max_lifetime'
                     WHEN s.last_seen_at <= now() - make_interval(mins => $3) THEN 'idle'
                END AS refused
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.id = $1 AND s.user_id = $2),
       touched AS (
         UPDATE sessions t SET last_seen_at = now()
           FROM found f
          WHERE t.id = f.id AND f.refused IS NULL AND $4
            AND f.last_seen_at < now() - interval '5 seconds'
          RETURNING t.id)
       SELECT user_id AS id, username, "displayName", role, "authMethod", "mfaEnrolled", refused
         FROM found`,
  /** The workup read and its audit event in one statement (AuditWriter.readAudited). */
  auditedWorkup: `WITH audited_read AS (SELECT ${WORKUP_COLUMNS} FROM workups WHERE id = $1),
       audit AS (
         INSERT INTO audit_events
           (actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id,
            diff, details, request_id, client_ip)
         SELECT $2::uuid, $3::text, $4::text, $5::text,
                coalesce($6::uuid, r."patient_id"), $7::text, $8::text,
                $9::jsonb, $10::jsonb, $11::text, $12::text
           FROM audited_read r LIMIT 1)
       SELECT * FROM audited_read`,
  workup: `SELECT ${WORKUP_COLUMNS} FROM workups WHERE id = $1`,
  lockWorkup: `SELECT ${WORKUP_COLUMNS} FROM workups WHERE id = $1 FOR UPDATE`,
  items: `SELECT ${ITEM_COLUMNS} FROM workup_items WHERE workup_id = $1`,
  audit: `INSERT INTO audit_events
         (actor_id, actor_role, action, outcome, patient_id, entity_type, entity_id,
          diff, details, request_id, client_ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
  chainHead: `SELECT chain_seq::text AS seq, hash FROM audit_events
        WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1`,
  updateItem: `UPDATE "workup_items" SET "scheduled_at" = $1, "location" = $2, "due_date" = $3,
                 "status" = $4, "active" = $5, "updated_by" = $6, "version" = "version" + 1,
                 "updated_at" = CURRENT_TIMESTAMP
               WHERE "id" = $7 RETURNING "version"`,
  history: `INSERT INTO "item_history"("id", "item_id", "workup_id", "action", "from_status",
              "to_status", "actor_id", "actor_role", "effective_at", "recorded_at", "reason", "details")
            VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, DEFAULT, $9, $10)
            RETURNING "id", "recorded_at"`,
  latestEvaluation: `SELECT "id", "workup_id", "evaluated_at", "overall", "criteria", "flags",
                       "protocol_key", "protocol_version", "rules_version", "cause", "item_key"
                       FROM workup_evaluations WHERE workup_id = $1 ORDER BY id DESC LIMIT 1`,
  /** WorkupsRepository.latestSignOff. */
  latestSignOff: `SELECT "id", "workup_id", "signed_by", "signed_at", "note", "overall", "protocol_key",
                    "protocol_version", "rules_version", "attested", "outdated_at",
                    (SELECT u.display_name FROM users u WHERE u.id = s.signed_by) AS "signed_by_name"
                    FROM workup_sign_offs s
                   WHERE workup_id = $1 ORDER BY signed_at DESC, id DESC LIMIT 1`,
  /** WorkupsRepository.setSignOffOutdated. */
  setSignOffOutdated: `WITH s AS (
                         UPDATE workup_sign_offs SET outdated_at = $2 WHERE id = $1 RETURNING workup_id
                       )
                       UPDATE workups SET sign_off_outdated_at = $2 FROM s WHERE workups.id = s.workup_id`,
  addEvaluation: `INSERT INTO "workup_evaluations"("id", "workup_id", "evaluated_at", "overall",
                    "criteria", "flags", "protocol_key", "protocol_version", "rules_version",
                    "cause", "item_key")
                  VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING "id"`,
  updateWorkup: `UPDATE "workups" SET "overall" = $1, "completion_done" = $2, "completion_closed" = $3,
                   "completion_total" = $4, "criteria_first_met_at" = $5, "version" = "version",
                   "updated_at" = CURRENT_TIMESTAMP
                 WHERE "id" = $6 RETURNING "version"`,
} as const;

/** The two statements of `GET /api/patients?q=`: the count, and the page with each open workup. */
export function patientSearchSql(terms: readonly string[]): {
  readonly count: string;
  readonly page: string;
  readonly params: string[];
} {
  const params: string[] = [];
  const where = patientMatchSql(terms, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const n = params.length;
  return {
    params,
    count: `SELECT count(*)::int AS total FROM patients p ${filter}`,
    page: `SELECT p.id, p.mrn, p.given_name, p.family_name, p.birth_date::text AS birth_date, p.sex,
              p.created_at, w.id AS workup_id, w.status AS workup_status, w.overall,
              w.completion_done, w.completion_closed, w.completion_total, od.overdue
         FROM patients p
         LEFT JOIN workups w ON w.patient_id = p.id AND w.status = 'open'
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS overdue FROM workup_items i
            WHERE i.workup_id = w.id AND i.active
              AND ${overdueSql('i', `$${n + 1}::date`)}
         ) od ON w.id IS NOT NULL
         ${filter}
        ORDER BY p.family_search COLLATE "C", p.given_search COLLATE "C", p.id
        LIMIT $${n + 2} OFFSET $${n + 3}`,
  };
}

/** The page parameters of {@link patientSearchSql}'s page query after its term parameters. */
export function patientPageParams(
  today: string,
  page: number,
  pageSize: number,
): unknown[] {
  return [today, pageSize, (page - 1) * pageSize];
}

const quoted = (values: readonly string[]): string =>
  values.map((v) => `'${v}'`).join(', ');

const BUCKET_SQL: Readonly<Record<WorklistBucket, string>> = {
  overdue: overdueSql('i', 'win.today'),
  due_soon: dueSoonSql('i', 'win.today', 'win.until'),
  unscheduled: `i.status IN (${quoted(BUCKET_STATUSES.unscheduled)})`,
  awaiting_result: `i.status IN (${quoted(BUCKET_STATUSES.awaiting_result)})`,
  awaiting_review: `i.status IN (${quoted(BUCKET_STATUSES.awaiting_review)})`,
};

const WORKLIST_FROM = `
  FROM workup_items i
  JOIN workups w ON w.id = i.workup_id AND w.status = 'open'
  JOIN patients p ON p.id = w.patient_id
  LEFT JOIN users u ON u.id = w.attending_id
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active AND i.workup_open`;

/** Bucket counts stop at this number (the API's WORKLIST_COUNT_CAP). */
export const WORKLIST_COUNT_CAP = 1_000;

const WORKLIST_COUNT_FROM = `
  FROM workup_items i
 CROSS JOIN (SELECT $1::date AS today, $2::date AS until) win
 WHERE i.active AND i.workup_open`;

/**
 * The two statements of `GET /api/worklist` (default order, by due date): the page ($1 today,
 * $2 last due-soon day, $3 limit, $4 offset) and every bucket's count ($1, $2).
 */
export function worklistSql(bucket: WorklistBucket): {
  readonly page: string;
  readonly counts: string;
} {
  return {
    page: `SELECT i.id AS item_id, i.workup_id, w.patient_id, p.mrn, p.given_name, p.family_name,
              w.protocol_key, w.protocol_version, i.key, i.status, i.due_date::text AS due_date,
              i.scheduled_at, i.location, i.performed_at, i.resulted_at,
              w.attending_id, u.display_name AS attending_name, i.version
       ${WORKLIST_FROM} AND ${BUCKET_SQL[bucket]}
        ORDER BY i.due_date ASC NULLS LAST, i.due_date ASC NULLS LAST, p.family_search COLLATE "C", i.id
        LIMIT $3 OFFSET $4`,
    counts: `SELECT ${WORKLIST_BUCKETS.map(
      (
        b,
      ) => `(SELECT count(*)::int FROM (SELECT 1 ${WORKLIST_COUNT_FROM} AND ${BUCKET_SQL[b]}
            LIMIT ${WORKLIST_COUNT_CAP}) capped) AS ${b}`,
    ).join(',\n')}`,
  };
}

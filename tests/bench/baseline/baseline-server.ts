/**
 * The bare baseline of the benchmark: `node:http` and `pg`, no framework, answering the benchmarked
 * routes with the same SQL statements, in the same transactions with the same locks, the same
 * audit rows and the same response bodies as the API — so a ratio of the two measures what the
 * framework and the API's own code cost, and nothing else. The evaluation is the domain library's,
 * as in the API.
 *
 * It authenticates like the API (HS256 bearer token, then the active user by id) and writes the
 * same audit events. It does nothing else: no validation beyond what the SQL needs, no logging,
 * no security headers, no problem documents.
 *
 * Environment: DATABASE_URL, JWT_SECRET, PORT, DB_POOL_SIZE (10), CLINIC_TIME_ZONE (UTC),
 * DUE_SOON_DAYS (7), AUDIT_CHAIN (`sealed-later`, or `in-transaction` for the rejected design in
 * which every writer extends the hash chain before it commits).
 */
import {
  createHash,
  createHmac,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { Pool, types, type PoolClient } from 'pg';
import {
  attestationOf,
  completionFromCounts,
  completionOf,
  decideItemAction,
  isSignOffOutdated,
  RULES_VERSION,
  signOffChanges,
  type AttestedEvaluation,
  DomainError,
  todayIn,
  dueState,
  dueWindow,
  evaluate,
  getCatalogItem,
  getProtocol,
  WORKLIST_BUCKETS,
  type ActionableItem,
  type DueWindow,
  type Evaluation,
  type Finding,
  type ItemActionDecision,
  type ItemStatus,
  type ProtocolDefinition,
  type ResultInput,
  type ResultSource,
  type WorklistBucket,
} from '@poems/domain';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's own view of a sign-off
import { signOffView } from '../../../apps/api/src/workups/workup-view';
import {
  patientPageParams,
  patientSearchSql,
  searchTerms,
  SQL,
  WORKLIST_COUNT_CAP,
  worklistSql,
} from './sql';
import {
  completionReportRow,
  completionReportSummary,
  completionRowsQuery,
  completionSummaryQuery,
  completionTurnaroundQuery,
  NO_JIT,
  type CompletionReportRecord,
  type CompletionSummaryRecord,
  type ReportScope,
  type TurnaroundRecord,
} from './completion-report-sql';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the API's own row shaping, as for the report
import { worklistRow } from '../../../apps/api/src/worklist/worklist-row';

const env = process.env;
// `date` columns as the 'YYYY-MM-DD' text they are, as TypeORM reads them; pg would make a Date.
types.setTypeParser(types.builtins.DATE, (value) => value);
const pool = new Pool({
  connectionString: env['DATABASE_URL'],
  max: Number(env['DB_POOL_SIZE'] ?? 10),
  application_name: 'poems-bench-baseline',
});
const secret = env['JWT_SECRET'] ?? '';
const timeZone = env['CLINIC_TIME_ZONE'] ?? 'UTC';
const dueSoonDays = Number(env['DUE_SOON_DAYS'] ?? 7);
const inTransactionChain = env['AUDIT_CHAIN'] === 'in-transaction';
const sessionIdleMinutes = Number(env['SESSION_IDLE_MINUTES'] ?? 15);

interface Actor {
  readonly id: string;
  readonly role: string;
}

class HttpError extends Error {
  constructor(readonly status: number) {
    super(String(status));
  }
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) {
      process.stderr.write(`baseline: ${String(error)}\n`);
    }
    send(response, status, { status });
  });
});
server.keepAliveTimeout = 72_000;
server.listen(Number(env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(
    `baseline listening on ${typeof address === 'object' && address !== null ? address.port : ''}\n`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void pool.end().finally(() => process.exit(0));
  });
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://baseline');
  const path = url.pathname;
  if (path === '/api/health') {
    send(response, 200, { status: 'ok' });
    return;
  }
  const actor = await authenticate(request);
  const context = {
    actor,
    requestId: randomUUID(),
    clientIp: request.socket.remoteAddress ?? '',
  };
  let match: RegExpExecArray | null;
  if (
    request.method === 'GET' &&
    (match = /^\/api\/workups\/([0-9a-f-]{36})$/.exec(path))
  ) {
    send(response, 200, await readWorkup(context, match[1] ?? ''));
  } else if (request.method === 'GET' && path === '/api/patients') {
    send(response, 200, await searchPatients(context, url.searchParams));
  } else if (request.method === 'GET' && path === '/api/worklist') {
    send(response, 200, await worklist(context, url.searchParams));
  } else if (request.method === 'GET' && path === '/api/reports/completion') {
    send(response, 200, await completionReport(context, url.searchParams));
  } else if (
    request.method === 'POST' &&
    (match =
      /^\/api\/workups\/([0-9a-f-]{36})\/items\/([a-z_]+)\/schedule$/.exec(
        path,
      ))
  ) {
    const body = JSON.parse(await readBody(request)) as ScheduleBody;
    send(
      response,
      200,
      await schedule(context, match[1] ?? '', match[2] ?? '', body),
    );
  } else {
    throw new HttpError(404);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** HS256 bearer token, then the user must exist and be active — the API's guard, by hand. */
async function authenticate(request: IncomingMessage): Promise<Actor> {
  const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  const [header, payload, signature] = token?.split('.') ?? [];
  if (
    header === undefined ||
    payload === undefined ||
    signature === undefined
  ) {
    throw new HttpError(401);
  }
  const expected = createHmac('sha256', secret)
    .update(`${header}.${payload}`)
    .digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401);
  }
  const claims = JSON.parse(
    Buffer.from(payload, 'base64url').toString('utf8'),
  ) as {
    sub?: string;
    sid?: string;
    exp?: number;
  };
  if (claims.exp === undefined || claims.exp * 1_000 < Date.now()) {
    throw new HttpError(401);
  }
  const { rows } = await pool.query<Actor & { refused: string | null }>(
    SQL.session,
    [claims.sid, claims.sub, sessionIdleMinutes, true],
  );
  const user = rows[0];
  if (user === undefined || user.refused !== null) {
    throw new HttpError(401);
  }
  return { id: user.id, role: user.role };
}

interface Context {
  readonly actor: Actor;
  readonly requestId: string;
  readonly clientIp: string;
}

async function inTransaction<T>(
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function audit(
  client: PoolClient,
  context: Context,
  event: {
    action: string;
    patientId?: string | null;
    entityType: string;
    entityId?: string | null;
    diff?: Record<string, unknown> | null;
    details?: Record<string, unknown> | null;
  },
): Promise<void> {
  const params = [
    context.actor.id,
    context.actor.role,
    event.action,
    'success',
    event.patientId ?? null,
    event.entityType,
    event.entityId ?? null,
    event.diff ? JSON.stringify(event.diff) : null,
    event.details ? JSON.stringify(event.details) : null,
    context.requestId,
    context.clientIp,
  ];
  if (!inTransactionChain) {
    await client.query(SQL.audit, params);
    return;
  }
  // The rejected design: the writer extends the chain itself, under one lock held until commit.
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtext('poems-audit-sealer'))`,
  );
  const { rows: head } = await client.query<{ seq: string; hash: string }>(
    SQL.chainHead,
  );
  const { rows } = await client.query<{ id: string; occurred_at_utc: string }>(
    `${SQL.audit} RETURNING id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at_utc`,
    params,
  );
  const prev = head[0]?.hash ?? '0'.repeat(64);
  const hash = createHash('sha256')
    .update(prev)
    .update('\n')
    .update(
      canonicalJson({ ...event, ...rows[0], request_id: context.requestId }),
    )
    .digest('hex');
  await client.query(
    'UPDATE audit_events SET chain_seq = $2, prev_hash = $3, hash = $4 WHERE id = $1',
    [rows[0]?.id, BigInt(head[0]?.seq ?? 0) + BigInt(1), prev, hash],
  );
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map(
        (k) =>
          `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`,
      )
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

// ---------------------------------------------------------------------------------------------
// GET /api/workups/:id

interface WorkupRow {
  id: string;
  patient_id: string;
  status: 'open' | 'closed';
  protocol_key: string;
  protocol_version: number;
  opened_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  attending_id: string | null;
  overall: Evaluation['overall'];
  criteria_first_met_at: Date | null;
  version: number;
}

interface ItemRow {
  id: string;
  key: string;
  required: boolean;
  active: boolean;
  status: ItemStatus;
  due_date: string | null;
  scheduled_at: Date | null;
  location: string | null;
  performed_at: Date | null;
  resulted_at: Date | null;
  reviewed_at: Date | null;
  reviewed_by: string | null;
  result: ResultInput | null;
  result_source: ResultSource | null;
  findings: Finding[];
  reason: string | null;
  closed_by_name: string | null;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

async function readWorkup(context: Context, id: string): Promise<unknown> {
  return inTransaction(async (client) => {
    const workup = (
      await client.query<WorkupRow>(SQL.auditedWorkup, [
        id,
        context.actor.id,
        context.actor.role,
        'workup.read',
        'success',
        null,
        'workup',
        id,
        null,
        null,
        context.requestId,
        context.clientIp,
      ])
    ).rows[0];
    if (workup === undefined) {
      throw new HttpError(404);
    }
    const items = (await client.query<ItemRow>(SQL.items, [id])).rows;
    const view = workupView(
      workup,
      items,
      undefined,
      await latestSignOff(client, id),
    );
    if (workup.status !== 'closed') {
      return view;
    }
    // As the API: a closed workup keeps the verdict it was closed with, and the rules behind it.
    const stored = (
      await client.query<EvaluationRow>(SQL.latestEvaluation, [id])
    ).rows[0];
    return stored === undefined
      ? view
      : {
          ...view,
          evaluation: {
            ...view.evaluation,
            overall: workup.overall,
            flags: stored.flags,
            rulesVersion: stored.rules_version,
          },
        };
  });
}

interface EvaluationRow {
  overall: string;
  criteria: { key: string; status: string }[];
  flags: string[];
  protocol_version: number;
  rules_version: number;
}

interface SignOffRow {
  id: string;
  signed_by: string | null;
  signed_at: Date;
  note: string | null;
  attested: AttestedEvaluation;
  outdated_at: Date | null;
  signed_by_name: string | null;
}

/** WorkupsRepository.latestSignOff, as the record the API's sign-off view reads. */
async function latestSignOff(
  client: PoolClient,
  workupId: string,
): Promise<SignOffRecord | null> {
  const row = (await client.query<SignOffRow>(SQL.latestSignOff, [workupId]))
    .rows[0];
  return row === undefined
    ? null
    : {
        signOff: {
          id: row.id,
          signedAt: row.signed_at,
          signedById: row.signed_by,
          note: row.note,
          attested: row.attested,
          outdatedAt: row.outdated_at,
        },
        signedByName: row.signed_by_name,
      };
}

type SignOffRecord = Parameters<typeof signOffView>[1];

/** What a sign-off given now would attest (the API's attestationNow). */
function attestationNow(
  evaluation: Evaluation & { rulesVersion: number },
  items: readonly ItemRow[],
): AttestedEvaluation {
  return attestationOf(
    evaluation,
    items.map((item) => ({
      key: item.key,
      findings: item.findings,
      resultedAt: item.resulted_at?.toISOString() ?? null,
    })),
  );
}

function workupView(
  workup: WorkupRow,
  items: readonly ItemRow[],
  evaluation?: Evaluation,
  signOff: SignOffRecord | null = null,
) {
  const protocol = getProtocol(workup.protocol_key, workup.protocol_version);
  const window = dueWindow(new Date(), timeZone, dueSoonDays);
  const order = new Map(protocol.items.map((c, i) => [c.key, i]));
  const sorted = [...items].sort(
    (a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0),
  );
  const evaluated = {
    ...(evaluation ?? evaluateRows(protocol, sorted)),
    rulesVersion: RULES_VERSION,
  };
  return {
    id: workup.id,
    patientId: workup.patient_id,
    status: workup.status,
    openedAt: workup.opened_at.toISOString(),
    closedAt: workup.closed_at?.toISOString() ?? null,
    closeReason: workup.close_reason,
    attendingId: workup.attending_id,
    protocol: { key: workup.protocol_key, version: workup.protocol_version },
    items: sorted.map((item) => itemView(protocol, item, window)),
    evaluation: evaluated,
    completion: completionOf(sorted),
    criteriaFirstMetAt: workup.criteria_first_met_at?.toISOString() ?? null,
    signOff:
      signOff === null
        ? null
        : signOffView(protocol, signOff, attestationNow(evaluated, sorted)),
    version: workup.version,
  };
}

function evaluateRows(
  protocol: ProtocolDefinition,
  items: readonly ItemRow[],
): Evaluation {
  return evaluate({
    protocol,
    items: items.map((item) => ({
      key: item.key,
      status: item.status,
      active: item.active,
      findings: item.findings,
      lightChain: item.result?.lightChain,
      heavyChain: item.result?.heavyChain,
      clones: item.result?.clones,
      specimen: item.result?.specimen,
      signs: item.result?.signs,
      ...((item.reason !== null || item.closed_by_name !== null) && {
        closure: {
          ...(item.reason !== null && { reason: item.reason }),
          ...(item.closed_by_name !== null && { by: item.closed_by_name }),
        },
      }),
    })),
  });
}

function itemView(
  protocol: ProtocolDefinition,
  item: ItemRow,
  window: DueWindow,
): unknown {
  const catalog = getCatalogItem(protocol, item.key);
  return {
    key: item.key,
    name: catalog.name,
    kind: catalog.kind,
    required: item.required,
    active: item.active,
    status: item.status,
    dueDate: item.due_date,
    scheduledAt: item.scheduled_at?.toISOString() ?? null,
    location: item.location,
    performedAt: item.performed_at?.toISOString() ?? null,
    resultedAt: item.resulted_at?.toISOString() ?? null,
    reviewedAt: item.reviewed_at?.toISOString() ?? null,
    result: item.result,
    resultSource:
      item.result_source ?? (item.result === null ? null : { kind: 'typed' }),
    findings: item.findings.map((f) => ({
      criterion: f.criterion,
      value: f.value,
      source: f.source,
      ...(f.basis !== undefined && { basis: f.basis }),
      ...(f.rule !== undefined && { rule: f.rule }),
      ...(f.assertedBy !== undefined && { assertedBy: f.assertedBy }),
      ...(f.assertedAt !== undefined && { assertedAt: f.assertedAt }),
    })),
    covers: { establishes: catalog.establishes, supports: catalog.supports },
    reason: item.reason,
    overdue:
      item.active &&
      dueState({ status: item.status, dueDate: item.due_date }, window) ===
        'overdue',
    version: item.version,
    updatedAt: item.updated_at.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// POST /api/workups/:id/items/:key/schedule

interface ScheduleBody {
  readonly version: number;
  readonly scheduledAt: string;
  readonly location?: string;
  readonly dueDate?: string;
}

async function schedule(
  context: Context,
  workupId: string,
  key: string,
  body: ScheduleBody,
): Promise<unknown> {
  return inTransaction(async (client) => {
    const workup = (await client.query<WorkupRow>(SQL.lockWorkup, [workupId]))
      .rows[0];
    if (workup === undefined) {
      throw new HttpError(404);
    }
    const protocol = getProtocol(workup.protocol_key, workup.protocol_version);
    const items = (await client.query<ItemRow>(SQL.items, [workupId])).rows;
    const now = new Date();
    const decision = decided(
      { protocol, workupStatus: workup.status, items: items.map(actionable) },
      { key, action: 'schedule', body },
      {
        now,
        actor: context.actor,
        source: { kind: 'typed' },
        patientSex: 'unknown',
      },
    );
    const [change] = decision.changes;
    const item = items.find((i) => i.key === key);
    if (change === undefined || item === undefined) {
      throw new HttpError(404);
    }
    const { patch } = change;
    const { rows: stored } = await client.query<{ version: number }>(
      SQL.updateItem,
      [
        patch.scheduledAt,
        patch.location,
        patch.dueDate,
        patch.status,
        patch.active,
        context.actor.id,
        item.id,
      ],
    );
    Object.assign(item, {
      scheduled_at: patch.scheduledAt,
      location: patch.location,
      due_date: patch.dueDate,
      status: patch.status,
      active: patch.active,
      updated_by: context.actor.id,
      version: stored[0]?.version ?? item.version + 1,
      // As the API: the stored timestamp is not read back, the response shows the local clock.
      updated_at: new Date(),
    });
    await client.query(SQL.history, [
      item.id,
      workupId,
      change.action,
      change.history.from,
      change.history.to,
      context.actor.id,
      context.actor.role,
      change.history.effectiveAt,
      change.history.reason,
      change.history.details === null
        ? null
        : JSON.stringify(change.history.details),
    ]);
    await audit(client, context, {
      action: change.audit.action,
      patientId: workup.patient_id,
      entityType: 'workup_item',
      entityId: item.id,
      diff: change.audit.diff,
      details: { workupId, ...change.audit.details },
    });
    // The evaluation recorder: schedule never changes criteria, but the check is the API's too.
    const evaluation = evaluateRows(protocol, items);
    const completion = completionOf(items);
    const previous = (
      await client.query<EvaluationRow>(SQL.latestEvaluation, [workupId])
    ).rows[0];
    const statuses = (c: readonly { key: string; status: string }[]): string =>
      JSON.stringify(c.map((x) => [x.key, x.status]));
    if (
      previous === undefined ||
      previous.overall !== evaluation.overall ||
      statuses(previous.criteria) !== statuses(evaluation.criteria) ||
      JSON.stringify(previous.flags) !== JSON.stringify(evaluation.flags) ||
      previous.protocol_version !== evaluation.protocol.version
    ) {
      await client.query(SQL.addEvaluation, [
        workupId,
        now,
        evaluation.overall,
        JSON.stringify(evaluation.criteria),
        JSON.stringify(evaluation.flags),
        evaluation.protocol.key,
        evaluation.protocol.version,
        RULES_VERSION,
        decision.evaluation.cause,
        decision.evaluation.itemKey,
      ]);
    }
    const firstMet =
      workup.criteria_first_met_at ??
      (evaluation.overall === 'criteria_met' ? now : null);
    await client.query(SQL.updateWorkup, [
      evaluation.overall,
      completion.done,
      completion.closed,
      completion.total,
      firstMet,
      workupId,
    ]);
    workup.overall = evaluation.overall;
    workup.criteria_first_met_at = firstMet;
    // The evaluation recorder's sign-off check: a change that makes the workup differ from what was
    // attested dates the sign-off outdated (scheduling never does, but the API reads and compares).
    const signOff = await latestSignOff(client, workupId);
    if (signOff !== null) {
      const outdated = isSignOffOutdated(
        signOffChanges(
          signOff.signOff.attested,
          attestationNow({ ...evaluation, rulesVersion: RULES_VERSION }, items),
        ),
      );
      if (outdated !== (signOff.signOff.outdatedAt !== null)) {
        const at = outdated ? now : null;
        await client.query(SQL.setSignOffOutdated, [signOff.signOff.id, at]);
        Object.assign(signOff.signOff, { outdatedAt: at });
      }
    }
    return workupView(workup, items, evaluation, signOff);
  });
}

/** The domain's decision on an item action; its refusals answered with the API's statuses. */
function decided(
  ...args: Parameters<typeof decideItemAction>
): ItemActionDecision {
  try {
    return decideItemAction(...args);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new HttpError(STATUS_OF[error.code] ?? 400);
    }
    throw error;
  }
}

const STATUS_OF: Partial<Record<DomainError['code'], number>> = {
  not_found: 404,
  stale_version: 409,
  illegal_transition: 422,
};

/** An item row as the domain reads it. */
function actionable(item: ItemRow): ActionableItem {
  return {
    key: item.key,
    required: item.required,
    active: item.active,
    status: item.status,
    dueDate: item.due_date,
    scheduledAt: item.scheduled_at,
    location: item.location,
    performedAt: item.performed_at,
    resultedAt: item.resulted_at,
    reviewedAt: item.reviewed_at,
    reviewedBy: item.reviewed_by,
    result: item.result,
    findings: item.findings,
    resultSource: item.result_source,
    reason: item.reason,
    closedByName: item.closed_by_name,
    version: item.version,
  };
}

// ---------------------------------------------------------------------------------------------
// GET /api/patients?q=

interface PatientRow {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: string;
  created_at: Date;
  workup_id: string | null;
  workup_status: string | null;
  overall: string | null;
  completion_done: number | null;
  completion_closed: number | null;
  completion_total: number | null;
  overdue: number | null;
}

async function searchPatients(
  context: Context,
  query: URLSearchParams,
): Promise<unknown> {
  const q = query.get('q') ?? undefined;
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 25);
  const sql = patientSearchSql(searchTerms(q));
  const today = dueWindow(new Date(), timeZone, 0).today;
  return inTransaction(async (client) => {
    const total =
      (await client.query<{ total: number }>(sql.count, sql.params)).rows[0]
        ?.total ?? 0;
    const rows =
      total === 0
        ? []
        : (
            await client.query<PatientRow>(sql.page, [
              ...sql.params,
              ...patientPageParams(today, page, pageSize),
            ])
          ).rows;
    const items = rows.map((row) => ({
      id: row.id,
      mrn: row.mrn,
      givenName: row.given_name,
      familyName: row.family_name,
      birthDate: row.birth_date,
      sex: row.sex,
      createdAt: row.created_at.toISOString(),
      workup:
        row.workup_id === null
          ? null
          : {
              id: row.workup_id,
              status: row.workup_status ?? 'open',
              overall: row.overall ?? 'incomplete',
              completion: completionFromCounts(
                row.completion_done ?? 0,
                row.completion_closed ?? 0,
                row.completion_total ?? 0,
              ),
              overdue: row.overdue ?? 0,
            },
    }));
    await audit(client, context, {
      action: 'patient.search',
      entityType: 'patient',
      details: {
        q: q ?? null,
        page,
        pageSize,
        total,
        shown: items.map((r) => r.id),
      },
    });
    return { items, total, page, pageSize };
  });
}

// ---------------------------------------------------------------------------------------------
// GET /api/worklist

interface WorklistRecord {
  item_id: string;
  workup_id: string;
  patient_id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  protocol_key: string;
  protocol_version: number;
  key: string;
  status: ItemStatus;
  due_date: string | null;
  scheduled_at: Date | null;
  location: string | null;
  performed_at: Date | null;
  resulted_at: Date | null;
  attending_id: string | null;
  attending_name: string | null;
  version: number;
}

async function worklist(
  context: Context,
  query: URLSearchParams,
): Promise<unknown> {
  const bucket = (query.get('bucket') ?? 'overdue') as WorklistBucket;
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 25);
  const window = dueWindow(new Date(), timeZone, dueSoonDays);
  const sql = worklistSql(bucket);
  // As the API: the reads in one transaction (a replica's, when there is one), the audit event in
  // another on the primary.
  const { records, counts } = await inTransaction(async (client) => {
    const rows = (
      await client.query<WorklistRecord>(sql.page, [
        window.today,
        window.dueSoonUntil,
        pageSize,
        (page - 1) * pageSize,
      ])
    ).rows;
    const countRow = (
      await client.query<Record<WorklistBucket, number>>(sql.counts, [
        window.today,
        window.dueSoonUntil,
      ])
    ).rows[0];
    return {
      records: rows,
      counts: Object.fromEntries(
        WORKLIST_BUCKETS.map((b) => [b, countRow?.[b] ?? 0]),
      ) as Record<WorklistBucket, number>,
    };
  });
  await inTransaction((client) =>
    audit(client, context, {
      action: 'worklist.read',
      entityType: 'workup_item',
      details: {
        bucket,
        page,
        shownPatients: [...new Set(records.map((r) => r.patient_id))],
      },
    }),
  );
  return {
    bucket,
    counts,
    countCap: WORKLIST_COUNT_CAP,
    total: counts[bucket],
    page,
    pageSize,
    items: records.map((r) => worklistRow(r, bucket, window, timeZone)),
  };
}

// ---------------------------------------------------------------------------------------------
// GET /api/reports/completion (JSON)

async function completionReport(
  context: Context,
  query: URLSearchParams,
): Promise<unknown> {
  const now = new Date();
  const page = Number(query.get('page') ?? 1);
  const pageSize = Number(query.get('pageSize') ?? 50);
  const scope: ReportScope = {
    filters: { from: query.get('from') ?? '', to: query.get('to') ?? '' },
    timeZone,
    today: todayIn(timeZone, now),
  };
  // As the API: the audit event commits on its own first, then the reads share one snapshot.
  await inTransaction((client) =>
    audit(client, context, {
      action: 'report.completion',
      entityType: 'report',
      details: {
        format: 'json',
        filters: scope.filters,
        today: scope.today,
        page,
        pageSize,
      },
    }),
  );
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await client.query(NO_JIT);
    const rows = completionRowsQuery(scope, { page, pageSize });
    const summary = completionSummaryQuery(scope);
    const turnaround = completionTurnaroundQuery(scope);
    const records = (
      await client.query<CompletionReportRecord>(rows.sql, [...rows.params])
    ).rows;
    const totals = (
      await client.query<CompletionSummaryRecord>(summary.sql, [
        ...summary.params,
      ])
    ).rows[0];
    const kinds = (
      await client.query<TurnaroundRecord>(turnaround.sql, [
        ...turnaround.params,
      ])
    ).rows;
    await client.query('COMMIT');
    const report = completionReportSummary(totals ?? {}, kinds);
    return {
      filters: scope.filters,
      timeZone: scope.timeZone,
      today: scope.today,
      generatedAt: now.toISOString(),
      summary: report,
      items: records.map(completionReportRow),
      total: report.workups,
      page,
      pageSize,
    };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

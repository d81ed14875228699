import {
  completionOf,
  decideItemAction,
  DomainError,
  evaluate,
  evaluationAuditDetails,
  RULES_VERSION,
  type ActionableItem,
  type Evaluation,
  type Finding,
  type ItemAction,
  type ItemActionCommand,
  type ItemChange,
  type ItemStatus,
  type Overall,
  type ResultInput,
  type Role,
} from '@poems/domain';
import { type EvaluationCause } from '@poems/contract';
import {
  auditEventHash,
  GENESIS_HASH,
  type JsonValue,
} from '../../audit/audit-hash';
import { diffOf } from '../../audit/audit-writer';
import { searchForm } from '../../patients/patient-search';
import { auditedUserFields } from '../../users/user-view';
import type { UserEntity } from '../../users/user.entity';
import {
  SYNTHETIC_PROTOCOL,
  type PatientPlan,
  type PlanStep,
  type Staff,
  type StaffMember,
  type WorkupPlan,
} from './synthetic-plan';
import { asStoredJson, json, Json, type RowSink } from './synthetic-rows';

/** What every synthetic audit event says about where the request came from. */
export const SYNTHETIC_REQUEST_ID = 'synthetic-seed';
export const SYNTHETIC_CLIENT_IP = 'local';

/** How many rows of each kind the clinic produced. */
export interface ClinicCounts {
  patients: number;
  workups: number;
  items: number;
  history: number;
  evaluations: number;
  auditEvents: number;
}

/** An item as the API would load it from the database. */
interface ItemState {
  readonly id: string;
  readonly key: string;
  readonly required: boolean;
  active: boolean;
  status: ItemStatus;
  dueDate: string | null;
  scheduledAt: number | null;
  location: string | null;
  performedAt: number | null;
  resultedAt: number | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  result: ResultInput | null;
  findings: Finding[];
  reason: string | null;
  closedByName: string | null;
  version: number;
  updatedAt: number;
  updatedBy: string | null;
}

interface WorkupState {
  readonly plan: WorkupPlan;
  readonly patientId: string;
  status: 'open' | 'closed';
  closedAt: number | null;
  closeReason: string | null;
  overall: Overall;
  completion: { done: number; closed: number; total: number };
  criteriaFirstMetAt: number | null;
  version: number;
  updatedAt: number;
  readonly items: ItemState[];
  /** What the newest stored snapshot compares on. */
  snapshot: string;
}

interface AuditInput {
  readonly at: number;
  readonly actor: StaffMember | null;
  readonly action: string;
  readonly patientId?: string | null;
  readonly entityType?: string | null;
  readonly entityId?: string | null;
  readonly diff?: Record<string, unknown> | null;
  readonly details?: Record<string, unknown> | null;
}

/** Actions that move an item between open statuses, or between done ones: the evaluation cannot change. */
const EVALUATION_NEUTRAL: ReadonlySet<ItemAction> = new Set([
  'order',
  'schedule',
  'perform',
  'review',
]);

const iso = (time: number | null): string | null =>
  time === null ? null : new Date(time).toISOString();

/**
 * Replays synthetic plans the way the API's services would carry them out, and writes the rows
 * they would leave: patients, workups with their denormalised evaluation, items, item history,
 * evaluation snapshots and audit events — each action mirroring `ItemActionsService.act`,
 * `WorkupsService.open/read/close`, `PatientsService.register` and `UsersService.create`, with the
 * domain library deciding transitions, findings and evaluations. Times the API takes from the
 * database clock (`now()`) are the plan's times, as if the clock had been right.
 *
 * Audit events are sealed as they are written, the way the API's sealer would seal them in id
 * order, so a seeded database needs no catching up.
 */
export class SyntheticClinic {
  readonly counts: ClinicCounts = {
    patients: 0,
    workups: 0,
    items: 0,
    history: 0,
    evaluations: 0,
    auditEvents: 0,
  };
  private historyId = 0;
  private evaluationId = 0;
  private auditId = 0;
  private prevHash = GENESIS_HASH;

  constructor(
    private readonly sink: RowSink,
    /** The API's AUDIT_HMAC_KEY: the seeded chain must verify in the API that serves it. */
    private readonly auditHmacKey: Buffer,
  ) {}

  /** The staff accounts, created before any patient. */
  addStaff(staff: Staff, passwordHash: string): void {
    for (const member of [
      ...staff.hematologists,
      ...staff.coordinators,
      ...staff.others,
    ]) {
      const at = new Date(staff.createdAt);
      this.sink.write('users', [
        member.id,
        member.username,
        member.displayName,
        member.role,
        passwordHash,
        true,
        0,
        null,
        at,
        at,
        1,
      ]);
      this.audit({
        at: staff.createdAt,
        actor: null,
        action: 'user.create',
        entityType: 'user',
        entityId: member.id,
        diff: diffOf(
          null,
          auditedUserFields({
            ...member,
            active: true,
          } as unknown as UserEntity),
        ),
      });
    }
  }

  /** One patient: registration, then every workup step by step. */
  addPatient(plan: PatientPlan): void {
    const at = new Date(plan.registeredAt);
    this.sink.write('patients', [
      plan.id,
      plan.mrn,
      plan.givenName,
      plan.familyName,
      plan.birthDate,
      plan.sex,
      at,
      at,
      1,
      plan.registeredBy.id,
      searchForm(plan.mrn),
      searchForm(plan.givenName),
      searchForm(plan.familyName),
    ]);
    this.counts.patients += 1;
    this.audit({
      at: plan.registeredAt,
      actor: plan.registeredBy,
      action: 'patient.register',
      patientId: plan.id,
      entityType: 'patient',
      entityId: plan.id,
      diff: diffOf(null, {
        mrn: plan.mrn,
        givenName: plan.givenName,
        familyName: plan.familyName,
        birthDate: plan.birthDate,
        sex: plan.sex,
      }),
    });
    for (const workupPlan of plan.workups) {
      const workup = this.open(plan, workupPlan);
      for (const step of workupPlan.steps) {
        this.step(plan, workup, step);
      }
      this.writeWorkup(workup);
    }
  }

  private open(patient: PatientPlan, plan: WorkupPlan): WorkupState {
    const now = plan.openedAt;
    const actor = plan.openedBy;
    const items: ItemState[] = SYNTHETIC_PROTOCOL.items.map((catalog) => ({
      id: plan.itemIds[catalog.key] ?? '',
      key: catalog.key,
      required: catalog.required,
      active: catalog.required,
      status: 'planned',
      dueDate: null,
      scheduledAt: null,
      location: null,
      performedAt: null,
      resultedAt: null,
      reviewedAt: null,
      reviewedBy: null,
      result: null,
      findings: [],
      reason: null,
      closedByName: null,
      version: 1,
      updatedAt: now,
      updatedBy: actor.id,
    }));
    const workup: WorkupState = {
      plan,
      patientId: patient.id,
      status: 'open',
      closedAt: null,
      closeReason: null,
      overall: 'incomplete',
      completion: { done: 0, closed: 0, total: 0 },
      criteriaFirstMetAt: null,
      version: 1,
      updatedAt: now,
      items,
      snapshot: '',
    };
    this.counts.workups += 1;
    this.counts.items += items.length;
    for (const item of items) {
      this.history(workup, item, 'create', null, 'planned', actor, now, null, {
        active: item.active,
      });
    }
    const evaluation = this.record(workup, now, { cause: 'workup opened' });
    this.audit({
      at: now,
      actor,
      action: 'workup.open',
      patientId: patient.id,
      entityType: 'workup',
      entityId: plan.id,
      diff: {
        status: { from: null, to: 'open' },
        protocol: {
          from: null,
          to: `${SYNTHETIC_PROTOCOL.key} v${SYNTHETIC_PROTOCOL.version}`,
        },
        attendingId: { from: null, to: actor.id },
        items: { from: null, to: items.map((i) => i.key) },
      },
      details: { overall: evaluation.overall },
    });
    return workup;
  }

  private step(
    patient: PatientPlan,
    workup: WorkupState,
    step: PlanStep,
  ): void {
    switch (step.kind) {
      case 'read':
        this.audit({
          at: step.at,
          actor: step.by,
          action: 'workup.read',
          patientId: workup.patientId,
          entityType: 'workup',
          entityId: workup.plan.id,
        });
        return;
      case 'close': {
        const before = {
          status: workup.status,
          closedAt: iso(workup.closedAt),
          closeReason: workup.closeReason,
        };
        workup.status = 'closed';
        workup.closedAt = step.at;
        workup.closeReason = step.reason;
        workup.version += 1;
        workup.updatedAt = step.at;
        this.audit({
          at: step.at,
          actor: step.by,
          action: 'workup.close',
          patientId: workup.patientId,
          entityType: 'workup',
          entityId: workup.plan.id,
          diff: diffOf(before, {
            status: workup.status,
            closedAt: iso(workup.closedAt),
            closeReason: workup.closeReason,
          }),
          details: { reason: step.reason },
        });
        return;
      }
      case 'item':
        try {
          this.act(patient, workup, step);
        } catch (error) {
          // A plan the API would refuse is a bug of the generator: name the step, never the patient.
          const reason =
            error instanceof DomainError
              ? `${error.code}: ${error.message}`
              : String(error);
          throw new Error(
            `Synthetic step ${step.action} ${step.key} of patient #${patient.index} is invalid: ${reason}`,
          );
        }
        return;
    }
  }

  /** `ItemActionsService.act`: the domain decides, the clinic writes what the API would store. */
  private act(
    patient: PatientPlan,
    workup: WorkupState,
    step: Extract<PlanStep, { kind: 'item' }>,
  ): void {
    const { at: now, by: actor, key, action } = step;
    const version = workup.items.find((i) => i.key === key)?.version;
    // The plan's body is what a client would post: as untyped as a request body.
    const command = {
      key,
      action,
      body: { version, ...step.body },
    } as ItemActionCommand;
    const decision = decideItemAction(
      {
        protocol: SYNTHETIC_PROTOCOL,
        workupStatus: workup.status,
        items: workup.items.map(actionable),
      },
      command,
      {
        now: new Date(now),
        actor,
        source: { kind: 'typed' },
        patientSex: patient.sex,
      },
    );
    for (const change of decision.changes) {
      this.apply(workup, change, actor, now);
    }
    if (EVALUATION_NEUTRAL.has(action)) {
      // The API re-evaluates here too; the outcome cannot differ, only the row's timestamp moves.
      workup.updatedAt = now;
      return;
    }
    const from = workup.overall;
    const evaluation = this.record(workup, now, decision.evaluation);
    if (from !== evaluation.overall) {
      this.audit({
        at: now,
        actor,
        action: 'workup.evaluation',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: workup.plan.id,
        diff: { overall: { from, to: evaluation.overall } },
        details: evaluationAuditDetails(decision, evaluation.flags, false),
      });
    }
  }

  /** `ItemActionsService.persist`: the item update, its history step and its audit event. */
  private apply(
    workup: WorkupState,
    change: ItemChange,
    actor: StaffMember,
    now: number,
  ): void {
    const item = workup.items.find((i) => i.key === change.key);
    if (item === undefined) {
      throw new DomainError('not_found', 'The workup has no such item.');
    }
    const { patch } = change;
    // From here on the item is what the next action would read back from the database.
    Object.assign(item, {
      ...(patch.dueDate !== undefined && { dueDate: patch.dueDate }),
      ...(patch.scheduledAt !== undefined && {
        scheduledAt: time(patch.scheduledAt),
      }),
      ...(patch.location !== undefined && { location: patch.location }),
      ...(patch.performedAt !== undefined && {
        performedAt: time(patch.performedAt),
      }),
      ...(patch.resultedAt !== undefined && {
        resultedAt: time(patch.resultedAt),
      }),
      ...(patch.reviewedAt !== undefined && {
        reviewedAt: time(patch.reviewedAt),
      }),
      ...(patch.reviewedBy !== undefined && { reviewedBy: patch.reviewedBy }),
      ...(patch.result !== undefined && {
        result: asStoredJson(patch.result),
        findings: asStoredJson(patch.findings ?? []),
      }),
      ...(patch.reason !== undefined && { reason: patch.reason }),
      ...(patch.closedByName !== undefined && {
        closedByName: patch.closedByName,
      }),
      status: patch.status,
      active: patch.active,
      updatedBy: actor.id,
      version: item.version + 1,
      updatedAt: now,
    });
    this.history(
      workup,
      item,
      change.action,
      change.history.from,
      change.history.to,
      actor,
      change.history.effectiveAt.getTime(),
      change.history.reason,
      change.history.details,
      now,
    );
    this.audit({
      at: now,
      actor,
      action: change.audit.action,
      patientId: workup.patientId,
      entityType: 'workup_item',
      entityId: item.id,
      diff: change.audit.diff,
      details: { workupId: workup.plan.id, ...change.audit.details },
    });
  }

  /** `EvaluationRecorder.record`: the denormalised evaluation and, when it changed, a snapshot. */
  private record(
    workup: WorkupState,
    now: number,
    cause: { readonly cause: EvaluationCause; readonly itemKey?: string },
  ): Evaluation {
    const evaluation = evaluate({
      protocol: SYNTHETIC_PROTOCOL,
      items: workup.items.map((item) => ({
        key: item.key,
        status: item.status,
        active: item.active,
        findings: item.findings,
        lightChain: item.result?.lightChain,
        heavyChain: item.result?.heavyChain,
        specimen: item.result?.specimen,
        signs: item.result?.signs,
        ...((item.reason !== null || item.closedByName !== null) && {
          closure: {
            ...(item.reason !== null && { reason: item.reason }),
            ...(item.closedByName !== null && { by: item.closedByName }),
          },
        }),
      })),
    });
    const snapshot = JSON.stringify([
      evaluation.overall,
      evaluation.criteria.map((c) => [c.key, c.status]),
      evaluation.flags,
      evaluation.protocol.version,
    ]);
    if (snapshot !== workup.snapshot) {
      workup.snapshot = snapshot;
      this.evaluationId += 1;
      this.counts.evaluations += 1;
      this.sink.write('workup_evaluations', [
        this.evaluationId,
        workup.plan.id,
        new Date(now),
        evaluation.overall,
        json(evaluation.criteria),
        json(evaluation.flags),
        evaluation.protocol.key,
        evaluation.protocol.version,
        RULES_VERSION,
        cause.cause,
        cause.itemKey ?? null,
      ]);
    }
    const completion = completionOf(workup.items);
    workup.overall = evaluation.overall;
    workup.completion = completion;
    workup.criteriaFirstMetAt =
      evaluation.overall === 'criteria_met'
        ? (workup.criteriaFirstMetAt ?? now)
        : null;
    workup.updatedAt = now;
    return evaluation;
  }

  private history(
    workup: WorkupState,
    item: ItemState,
    action: ItemAction | 'create',
    from: ItemStatus | null,
    to: ItemStatus,
    actor: StaffMember,
    effectiveAt: number,
    reason: string | null,
    details: Record<string, unknown> | null,
    recordedAt = effectiveAt,
  ): void {
    this.historyId += 1;
    this.counts.history += 1;
    this.sink.write('item_history', [
      this.historyId,
      item.id,
      workup.plan.id,
      action,
      from,
      to,
      actor.id,
      actor.role,
      new Date(effectiveAt),
      new Date(recordedAt),
      reason,
      details === null ? null : json(details),
    ]);
  }

  private writeWorkup(workup: WorkupState): void {
    const { plan } = workup;
    this.sink.write('workups', [
      plan.id,
      workup.patientId,
      workup.status,
      SYNTHETIC_PROTOCOL.key,
      SYNTHETIC_PROTOCOL.version,
      new Date(plan.openedAt),
      plan.openedBy.id,
      date(workup.closedAt),
      workup.closeReason,
      plan.openedBy.id,
      workup.overall,
      workup.completion.done,
      workup.completion.closed,
      workup.completion.total,
      date(workup.criteriaFirstMetAt),
      workup.version,
      new Date(workup.updatedAt),
    ]);
    for (const item of workup.items) {
      this.sink.write('workup_items', [
        item.id,
        plan.id,
        item.key,
        item.required,
        item.active,
        workup.status === 'open',
        item.status,
        item.dueDate,
        date(item.scheduledAt),
        item.location,
        date(item.performedAt),
        date(item.resultedAt),
        date(item.reviewedAt),
        item.reviewedBy,
        item.result === null ? null : json(item.result),
        json(item.findings),
        item.reason,
        item.closedByName,
        item.version,
        new Date(item.updatedAt),
        item.updatedBy,
      ]);
    }
  }

  /** `AuditWriter.record` followed by the sealer: the next link of the hash chain. */
  private audit(event: AuditInput): void {
    this.auditId += 1;
    this.counts.auditEvents += 1;
    const id = String(this.auditId);
    const diff = event.diff ? JSON.stringify(event.diff) : null;
    const details = event.details ? JSON.stringify(event.details) : null;
    const occurredAt = new Date(event.at).toISOString();
    const actor = event.actor;
    // The objects hash as their jsonb round trip would: plain JSON, no undefined members.
    const hash = auditEventHash(this.auditHmacKey, this.prevHash, {
      id,
      // PostgreSQL keeps microseconds; the sealer formats them, so the seeder must too.
      occurredAt: `${occurredAt.slice(0, -1)}000Z`,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: event.action,
      outcome: 'success',
      patientId: event.patientId ?? null,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      diff: diff === null ? null : (event.diff as JsonValue),
      requestId: SYNTHETIC_REQUEST_ID,
      clientIp: SYNTHETIC_CLIENT_IP,
      details: details === null ? null : (event.details as JsonValue),
    });
    this.sink.write('audit_events', [
      this.auditId,
      occurredAt,
      actor?.id ?? null,
      (actor?.role as Role | undefined) ?? null,
      event.action,
      'success',
      event.patientId ?? null,
      event.entityType ?? null,
      event.entityId ?? null,
      diff === null ? null : new Json(diff),
      SYNTHETIC_REQUEST_ID,
      SYNTHETIC_CLIENT_IP,
      details === null ? null : new Json(details),
      this.auditId,
      this.prevHash,
      hash,
    ]);
    this.prevHash = hash;
  }
}

/** An item as the domain reads it from the database. */
function actionable(item: ItemState): ActionableItem {
  return {
    ...item,
    scheduledAt: date(item.scheduledAt),
    performedAt: date(item.performedAt),
    resultedAt: date(item.resultedAt),
    reviewedAt: date(item.reviewedAt),
    // Synthetic results are typed by people.
    resultSource: null,
  };
}

function time(at: Date | null): number | null {
  return at === null ? null : at.getTime();
}

function date(time: number | null): Date | null {
  return time === null ? null : new Date(time);
}

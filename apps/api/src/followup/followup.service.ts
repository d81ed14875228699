import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  evaluateFollowup,
  getFollowupProtocol,
  nextLineNumber,
  normaliseResult,
  planTransition,
  todayIn,
  TRACKER_DEFAULT_NOTICE,
  validateFollowupResult,
  validateTreatmentLines,
  type FieldError,
  type FollowupEvaluation,
  type FollowupResult,
  type InstanceState,
  type ItemAction,
  type ItemStatus,
  type ResultInput,
  type RiskObservation,
  type StagingInputs,
  type TreatmentLine,
} from '@poems/domain';
import {
  type FollowupHistory,
  type FollowupHistoryEntry,
  type FollowupInstanceView,
  type FollowupResultView,
  type FollowupView,
  type TreatmentLineView,
} from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter, diffOf } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import { isUniqueViolation } from '../common/database/postgres-errors';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { followupReportFacts, laterAnchor } from './followup-report-facts';
import type {
  ActivateInstanceDto,
  CreateTreatmentLineDto,
  EndTreatmentLineDto,
  FollowupResultDto,
  PerformInstanceDto,
  ReasonInstanceDto,
  RecordRiskDto,
  RecordStagingDto,
  ScheduleInstanceDto,
  SignOffDiagnosisDto,
  UpdateTreatmentLineDto,
} from './followup.dto';
import {
  FollowupRepository,
  type FollowupHistoryStep,
  type InstanceRow,
  type StoredRisk,
} from './followup.repository';

/** Clock skew tolerated between a client saying "now" and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Everything stored about a patient's follow-up, read in one transaction. */
interface FollowupState {
  readonly patientId: string;
  readonly birthDate: string | null;
  readonly today: string;
  readonly diagnosis: FollowupView['diagnosis'];
  readonly staging: FollowupView['staging'];
  readonly stagingHistory: number;
  readonly risk: FollowupView['risk'];
  readonly riskHistory: number;
  readonly lines: TreatmentLineView[];
  readonly instances: InstanceRow[];
  readonly results: FollowupResultView[];
}

/** Instance actions beside the result (which has its own route and body). */
export type InstanceAction = Extract<
  ItemAction,
  'schedule' | 'perform' | 'cancel' | 'activate'
>;

/** The body of each instance action. */
export interface InstanceActionDtos {
  readonly schedule: ScheduleInstanceDto;
  readonly perform: PerformInstanceDto;
  readonly cancel: ReasonInstanceDto;
  readonly activate: ActivateInstanceDto;
}

/**
 * The follow-up after the diagnosis (poems-followup.md): the sign-off, staging and risk records,
 * treatment lines, the schedule's instances and the result series. Every change runs in one
 * transaction with its history rows, its audit event and the re-planned schedule; changes for one
 * patient are serialised by a lock on the patient row. The evaluation is the domain's, as of the
 * clinic's today.
 */
@Injectable()
export class FollowupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: FollowupRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The clinic's today, the day every evaluation is as of. */
  today(): string {
    return todayIn(this.config.clinicTimeZone, this.clock.now());
  }

  async read(
    context: RequestContext,
    patientId: string,
  ): Promise<FollowupView> {
    return this.dataSource.transaction(async (manager) => {
      const state = await this.load(manager, patientId, false, context);
      return this.view(state, this.evaluate(state));
    });
  }

  /** What changed in the patient's follow-up, who changed it and when; the read is audited. */
  async history(
    context: RequestContext,
    patientId: string,
  ): Promise<FollowupHistory> {
    return this.dataSource.transaction(async (manager) => {
      if ((await this.repository.patient(manager, patientId)) === null) {
        throw new DomainError('not_found', 'No patient has this id.');
      }
      const rows = await this.repository.history(manager, patientId);
      await this.audit.record(manager, context, {
        action: 'followup.history.read',
        patientId,
        entityType: 'patient',
        entityId: patientId,
      });
      return {
        patientId,
        entries: rows.map(
          (r): FollowupHistoryEntry => ({
            id: r.id,
            entityType: r.entityType,
            entityId: r.entityId,
            action: r.action,
            from: r.from,
            to: r.to,
            actor:
              r.actorId === null
                ? null
                : { id: r.actorId, username: r.username, role: r.actorRole },
            recordedAt: r.recordedAt.toISOString(),
            reason: r.reason,
            details: r.details,
          }),
        ),
      };
    });
  }

  /** The follow-up as of today, read in the caller's transaction (exports audit their own read). */
  async viewIn(
    manager: EntityManager,
    patientId: string,
  ): Promise<FollowupView> {
    const state = await this.load(manager, patientId, false);
    return this.view(state, this.evaluate(state));
  }

  /** The hematologist signs off `criteria_met`: the diagnosis date staging and risk are as of. */
  signOff(
    context: RequestContext,
    patientId: string,
    body: SignOffDiagnosisDto,
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      const diagnosisDate = body.diagnosisDate ?? state.today;
      if (diagnosisDate > state.today) {
        throw DomainError.invalid([
          {
            field: 'diagnosisDate',
            message: 'diagnosisDate must not be in the future',
          },
        ]);
      }
      const workup = await this.repository.workupForSignOff(
        manager,
        body.workupId,
      );
      if (workup === null || workup.patientId !== patientId) {
        throw new DomainError('not_found', 'The patient has no such workup.');
      }
      if (workup.overall !== 'criteria_met') {
        throw new DomainError(
          'unprocessable',
          'A diagnosis is signed off from a workup whose criteria are met.',
          { overall: workup.overall },
        );
      }
      if (state.diagnosis !== null) {
        throw new DomainError(
          'conflict',
          'The diagnosis is already signed off.',
        );
      }
      const protocol = getFollowupProtocol(getFollowupProtocolVersion());
      let id: string;
      try {
        id = await this.repository.insertDiagnosis(manager, {
          patientId,
          workupId: body.workupId,
          diagnosisDate,
          signedOffBy: context.actor?.id ?? null,
          signedOffAt: now,
          protocolKey: protocol.key,
          protocolVersion: protocol.version,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError(
            'conflict',
            'The diagnosis is already signed off.',
          );
        }
        throw error;
      }
      return {
        history: [
          this.step(context, patientId, 'diagnosis', id, 'sign_off', {
            to: 'signed_off',
            details: { workupId: body.workupId, diagnosisDate },
          }),
        ],
        audit: {
          action: 'followup.diagnosis.sign_off',
          entityType: 'diagnosis',
          entityId: id,
          diff: {
            diagnosisDate: { from: null, to: diagnosisDate },
            workupId: { from: null, to: body.workupId },
            protocol: {
              from: null,
              to: `${protocol.key} v${protocol.version}`,
            },
          },
        },
      };
    });
  }

  /** A new staging record (the earlier ones are kept); the class is stored with it. */
  recordStaging(
    context: RequestContext,
    patientId: string,
    body: RecordStagingDto,
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      this.needDiagnosis(state);
      const inputs = plain(body) as StagingInputs;
      const count = inputs.boneLesionCount;
      if (
        count !== undefined &&
        count !== null &&
        count !== 'diffuse' &&
        !(Number.isInteger(count) && count >= 0 && count <= 1000)
      ) {
        throw DomainError.invalid([
          {
            field: 'boneLesionCount',
            message: 'boneLesionCount must be a whole number ≥ 0 or "diffuse"',
          },
        ]);
      }
      const { id, evaluation } = await this.insertEvaluatedRecord(
        manager,
        context,
        state,
        now,
        { kind: 'staging', inputs },
      );
      return {
        history: [
          this.step(context, patientId, 'staging', id, 'record', {
            from: state.staging?.id ?? null,
            to: evaluation?.staging.class ?? null,
            details: { inputs },
          }),
        ],
        audit: {
          action: 'followup.staging.record',
          entityType: 'staging',
          entityId: id,
          diff: diffOf({ ...(state.staging?.inputs ?? {}) }, { ...inputs }),
          details: {
            class: evaluation?.staging.class,
            previousRecordId: state.staging?.id ?? null,
          },
        },
      };
    });
  }

  /** A new risk record: the dated inputs recorded directly, beside those read from results. */
  recordRisk(
    context: RequestContext,
    patientId: string,
    body: RecordRiskDto,
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      this.needDiagnosis(state);
      const observations = body.observations.map(observationOf);
      const errors = observations.flatMap((o, i) =>
        o instanceof Error
          ? [{ field: `observations[${i}]`, message: o.message }]
          : [],
      );
      if (errors.length > 0) {
        throw DomainError.invalid(errors);
      }
      const inputs: StoredRisk = {
        observations: observations as RiskObservation[],
      };
      const { id, evaluation } = await this.insertEvaluatedRecord(
        manager,
        context,
        state,
        now,
        { kind: 'risk', inputs },
      );
      return {
        history: [
          this.step(context, patientId, 'risk', id, 'record', {
            from: state.risk?.id ?? null,
            to: evaluation?.risk.group ?? null,
            details: { observations: inputs.observations.length },
          }),
        ],
        audit: {
          action: 'followup.risk.record',
          entityType: 'risk',
          entityId: id,
          details: {
            group: evaluation?.risk.group,
            score: evaluation?.risk.score,
            observations: inputs.observations.length,
            previousRecordId: state.risk?.id ?? null,
          },
        },
      };
    });
  }

  /**
   * Stores a new staging or risk record (the earlier ones are kept) with its result, evaluated
   * with the record as the latest, under the diagnosis's protocol version.
   */
  private async insertEvaluatedRecord(
    manager: EntityManager,
    context: RequestContext,
    state: FollowupState,
    now: Date,
    record:
      | { readonly kind: 'staging'; readonly inputs: StagingInputs }
      | { readonly kind: 'risk'; readonly inputs: StoredRisk },
  ): Promise<{ id: string; evaluation: FollowupEvaluation | null }> {
    const protocolVersion = this.needDiagnosis(state).protocol.version;
    const stored = {
      id: 'new',
      recordedBy: null,
      recordedAt: now.toISOString(),
      protocolVersion,
    };
    const evaluation = this.evaluate(
      record.kind === 'staging'
        ? { ...state, staging: { ...stored, inputs: record.inputs } }
        : { ...state, risk: { ...stored, inputs: record.inputs } },
    );
    const id = await this.repository.insertRecord(
      manager,
      record.kind === 'staging' ? 'staging_records' : 'risk_records',
      {
        patientId: state.patientId,
        inputs: record.inputs,
        result: evaluation?.[record.kind] ?? null,
        protocolVersion,
        recordedBy: context.actor?.id ?? null,
        recordedAt: now,
      },
    );
    return { id, evaluation };
  }

  /** Records line n+1; line n's open instances are then cancelled (`superseded_by_line`). */
  createLine(
    context: RequestContext,
    patientId: string,
    body: CreateTreatmentLineDto,
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      this.needDiagnosis(state);
      const fields = plain(body) as Partial<TreatmentLine>;
      const line = {
        ...fields,
        id: 'new',
        lineNumber: nextLineNumber(state.lines),
      } as TreatmentLine;
      this.checkLines([...state.lines, line], line.id, state.today);
      const { id: _id, ...values } = line;
      let id: string;
      try {
        id = await this.repository.insertLine(
          manager,
          patientId,
          values,
          context.actor?.id ?? null,
          now,
        );
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError(
            'conflict',
            'Another line was recorded at the same time; reload and retry.',
          );
        }
        throw error;
      }
      return {
        history: [
          this.step(context, patientId, 'treatment_line', id, 'create', {
            to: line.endDate ? 'ended' : 'ongoing',
            details: { ...values },
          }),
        ],
        audit: {
          action: 'followup.line.create',
          entityType: 'treatment_line',
          entityId: id,
          diff: diffOf(null, { ...values }),
        },
      };
    });
  }

  /** Changes a line's fields (optimistic `version`: a stale one is 409). */
  updateLine(
    context: RequestContext,
    patientId: string,
    lineId: string,
    body: UpdateTreatmentLineDto | EndTreatmentLineDto,
    action: 'update' | 'end' = 'update',
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      const current = state.lines.find((l) => l.id === lineId);
      if (current === undefined) {
        throw new DomainError('not_found', 'The patient has no such line.');
      }
      if (current.version !== body.version) {
        throw new DomainError(
          'stale_version',
          'The line was changed by someone else; reload the latest and retry.',
          { current },
        );
      }
      if (action === 'end' && current.endDate) {
        throw new DomainError(
          'illegal_transition',
          'The line has already ended; correct its end date instead.',
        );
      }
      const { version: _version, ...fields } = plain(body) as unknown as Record<
        string,
        unknown
      >;
      const updated = { ...current, ...fields } as TreatmentLineView;
      this.checkLines(
        state.lines.map((l) => (l.id === lineId ? updated : l)),
        lineId,
        state.today,
      );
      await this.repository.updateLine(
        manager,
        updated,
        context.actor?.id ?? null,
        now,
      );
      const before = lineFields(current);
      const after = lineFields(updated);
      return {
        history: [
          this.step(context, patientId, 'treatment_line', lineId, action, {
            from: current.endDate ? 'ended' : 'ongoing',
            to: updated.endDate ? 'ended' : 'ongoing',
            details: { changed: diffOf(before, after) },
          }),
        ],
        audit: {
          action: `followup.line.${action}`,
          entityType: 'treatment_line',
          entityId: lineId,
          diff: diffOf(before, after),
        },
      };
    });
  }

  /** Schedule, perform, cancel or activate an instance of the follow-up schedule. */
  actOnInstance<A extends InstanceAction>(
    context: RequestContext,
    patientId: string,
    instanceId: string,
    action: A,
    body: InstanceActionDtos[A],
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      const row = this.instanceOf(state, instanceId, body.version);
      if (action === 'perform') {
        this.notInFuture(
          'performedAt',
          (body as PerformInstanceDto).performedAt,
          now,
        );
      }
      const plan = planTransition(action, {
        status: row.status,
        active: row.active,
        conditional: row.conditional,
      });
      const patch: Parameters<FollowupRepository['actOnInstance']>[2] = {
        actionStatus: action === 'activate' ? row.actionStatus : plan.to,
        status: plan.to,
      };
      let reason: string | null = null;
      switch (action) {
        case 'schedule': {
          const b = body as ScheduleInstanceDto;
          Object.assign(patch, {
            scheduledAt: new Date(b.scheduledAt),
            location: b.location ?? row.location,
          });
          break;
        }
        case 'perform':
          patch.performedAt = new Date(
            (body as PerformInstanceDto).performedAt,
          );
          break;
        case 'cancel':
          reason = (body as ReasonInstanceDto).reason;
          patch.reason = reason;
          break;
        case 'activate':
          reason = (body as ActivateInstanceDto).reason ?? null;
          Object.assign(patch, { activated: true, active: true });
          break;
      }
      await this.repository.actOnInstance(
        manager,
        row.id,
        patch,
        context.actor?.id ?? null,
        now,
      );
      return {
        history: [
          this.step(context, patientId, 'followup_instance', row.id, action, {
            from: plan.from,
            to: plan.to,
            reason,
            details: {
              lineId: row.lineId,
              itemKey: row.itemKey,
              timePoint: row.timePoint,
              ...(patch.scheduledAt && {
                scheduledAt: patch.scheduledAt.toISOString(),
              }),
              ...(patch.performedAt && {
                performedAt: patch.performedAt.toISOString(),
              }),
            },
          }),
        ],
        audit: {
          action: `followup.instance.${action}`,
          entityType: 'followup_instance',
          entityId: row.id,
          diff: diffOf(
            { status: row.status, active: row.active },
            { status: plan.to, active: plan.active },
          ),
          details: {
            lineId: row.lineId,
            itemKey: row.itemKey,
            timePoint: row.timePoint,
          },
        },
      };
    });
  }

  /**
   * Records a result on an instance: a new result in the item's series (a repeat never replaces
   * an earlier one), or the correction of one (`corrects`; both are kept, the correction counts).
   */
  recordResult(
    context: RequestContext,
    patientId: string,
    instanceId: string,
    body: FollowupResultDto,
  ): Promise<FollowupView> {
    return this.change(context, patientId, async (manager, state, now) => {
      const diagnosis = this.needDiagnosis(state);
      const protocol = getFollowupProtocol(diagnosis.protocol.version);
      const {
        version: _version,
        performedOn,
        corrects,
        ...rest
      } = plain(body) as unknown as FollowupResultDto;
      const result = normaliseResult(rest as ResultInput);
      const errors: FieldError[] = [];
      if (performedOn > state.today) {
        errors.push({
          field: 'performedOn',
          message: 'performedOn must not be in the future',
        });
      }
      const row = state.instances.find((i) => i.id === instanceId);
      if (row !== undefined) {
        errors.push(...validateFollowupResult(protocol, row.itemKey, result));
      }
      if (errors.length > 0) {
        throw DomainError.invalid(errors);
      }
      const instance = this.instanceOf(state, instanceId, body.version);
      if (!instance.active) {
        throw new DomainError(
          'illegal_transition',
          'The instance is not active; activate it first.',
        );
      }
      let correctsId: string | null = null;
      if (corrects !== undefined) {
        const corrected = await this.repository.result(
          manager,
          patientId,
          corrects,
        );
        if (corrected === null || corrected.itemKey !== instance.itemKey) {
          throw new DomainError(
            'not_found',
            'The patient has no such result of this item.',
          );
        }
        if (corrected.correctedBy !== null) {
          throw new DomainError(
            'conflict',
            'The result was already corrected; correct the correction.',
            { correctedBy: corrected.correctedBy },
          );
        }
        correctsId = corrected.id;
      }
      let id: string;
      try {
        id = await this.repository.insertResult(manager, {
          patientId,
          itemKey: instance.itemKey,
          instanceId: instance.id,
          performedOn,
          result,
          correctsId,
          recordedBy: context.actor?.id ?? null,
          recordedAt: now,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new DomainError(
            'conflict',
            'The result was already corrected.',
          );
        }
        throw error;
      }
      await this.repository.touchInstance(
        manager,
        instance.id,
        context.actor?.id ?? null,
        now,
      );
      return {
        history: [
          this.step(
            context,
            patientId,
            'followup_result',
            id,
            correctsId ? 'correct' : 'record',
            {
              to: 'resulted',
              details: {
                itemKey: instance.itemKey,
                instanceId: instance.id,
                performedOn,
                ...(correctsId && { corrects: correctsId }),
              },
            },
          ),
        ],
        audit: {
          action: 'followup.result',
          entityType: 'followup_result',
          entityId: id,
          diff: diffOf(null, { performedOn, result }),
          details: {
            itemKey: instance.itemKey,
            instanceId: instance.id,
            lineId: instance.lineId,
            timePoint: instance.timePoint,
            ...(correctsId && { correction: true, corrects: correctsId }),
          },
        },
      };
    });
  }

  /**
   * One change in one transaction: lock the patient, apply, write history and audit, re-plan the
   * schedule from the new state (history rows for every instance whose status the plan moved),
   * and answer the follow-up as it now stands.
   */
  private async change(
    context: RequestContext,
    patientId: string,
    apply: (
      manager: EntityManager,
      state: FollowupState,
      now: Date,
    ) => Promise<{
      history: FollowupHistoryStep[];
      audit: {
        action: string;
        entityType: string;
        entityId: string;
        diff?: Record<string, unknown>;
        details?: Record<string, unknown>;
      };
    }>,
  ): Promise<FollowupView> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.load(manager, patientId, true);
      const now = this.clock.now();
      const change = await apply(manager, before, now);
      await this.repository.addHistory(manager, change.history, now);
      await this.audit.record(manager, context, {
        ...change.audit,
        patientId,
      });
      const after = await this.load(manager, patientId, false);
      const evaluation = this.evaluate(after);
      const synced = await this.sync(manager, context, after, evaluation, now);
      await this.keepReportFacts(manager, synced, evaluation);
      return this.view(synced, evaluation);
    });
  }

  /**
   * Writes the report facts of a patient signed off before the report kept them, in the caller's
   * transaction, under the patient's lock as any change.
   */
  async refreshReportFacts(
    manager: EntityManager,
    patientId: string,
  ): Promise<void> {
    await this.keepReportFacts(
      manager,
      await this.load(manager, patientId, true),
    );
  }

  /**
   * Refreshes what the follow-up report reads of this patient, in the caller's transaction: with
   * every change, so the report never disagrees with the patient page.
   */
  private async keepReportFacts(
    manager: EntityManager,
    state: FollowupState,
    evaluation: FollowupEvaluation | null = this.evaluate(state),
  ): Promise<void> {
    if (evaluation === null) {
      return;
    }
    const later = laterAnchor(evaluation);
    await this.repository.writeReportFacts(
      manager,
      state.patientId,
      followupReportFacts(
        evaluation,
        later === null ? null : this.evaluate({ ...state, today: later }),
      ),
    );
  }

  /** Writes the evaluated schedule to the instance rows; returns the state with them re-read. */
  private async sync(
    manager: EntityManager,
    context: RequestContext,
    state: FollowupState,
    evaluation: FollowupEvaluation | null,
    now: Date,
  ): Promise<FollowupState> {
    if (evaluation === null) {
      return state;
    }
    const planned = evaluation.lines.flatMap((l) => [
      ...l.schedule.instances.map((i) => ({
        lineId: i.lineId,
        itemKey: i.itemKey,
        timePoint: i.timePoint,
        targetDate: i.targetDate,
        dueDate: i.dueDate,
        windowStart: i.windowStart,
        rangeEnd: i.rangeEnd,
        conditional: i.conditional,
        active: true,
        status: i.status,
        closedByResultId: i.closedByResultId,
      })),
      ...l.schedule.activatable.map((i) => ({
        lineId: i.lineId,
        itemKey: i.itemKey,
        timePoint: i.timePoint,
        targetDate: i.targetDate,
        dueDate: i.dueDate,
        windowStart: i.windowStart,
        rangeEnd: i.rangeEnd,
        conditional: i.conditional,
        active: false,
        status: 'planned' as ItemStatus,
        closedByResultId: null,
      })),
    ]);
    await this.repository.upsertInstances(manager, state.patientId, planned);
    const instances = await this.repository.instances(manager, state.patientId);
    const previous = new Map(state.instances.map((i) => [instanceKeyOf(i), i]));
    const moved = instances.filter((i) => {
      const p = previous.get(instanceKeyOf(i));
      return p !== undefined && p.status !== i.status;
    });
    await this.repository.addHistory(
      manager,
      moved.map((i) =>
        this.step(context, state.patientId, 'followup_instance', i.id, 'plan', {
          from: previous.get(instanceKeyOf(i))?.status ?? null,
          to: i.status,
          details: {
            automatic: true,
            closedByResultId: i.closedByResultId,
          },
        }),
      ),
      now,
    );
    return { ...state, instances };
  }

  /** The patient's follow-up as stored; given a reader's context, the read is audited with it. */
  private async load(
    manager: EntityManager,
    patientId: string,
    lock: boolean,
    reader?: RequestContext,
  ): Promise<FollowupState> {
    const patient = lock
      ? await this.repository.lockPatient(manager, patientId)
      : reader === undefined
        ? await this.repository.patient(manager, patientId)
        : await this.repository.patientAudited(
            manager,
            patientId,
            this.audit,
            reader,
            {
              action: 'followup.read',
              entityType: 'patient',
              entityId: patientId,
            },
          );
    if (patient === null) {
      throw new DomainError('not_found', 'No patient has this id.');
    }
    // One after another: the queries share the transaction's connection.
    const diagnosis = await this.repository.diagnosis(manager, patientId);
    const staging = await this.repository.latestRecord<StagingInputs>(
      manager,
      'staging_records',
      patientId,
    );
    const risk = await this.repository.latestRecord<StoredRisk>(
      manager,
      'risk_records',
      patientId,
    );
    const lines = await this.repository.lines(manager, patientId);
    const instances = await this.repository.instances(manager, patientId);
    const results = await this.repository.results(manager, patientId);
    const workupResults = await this.repository.workupResults(
      manager,
      patientId,
    );
    const correctedBy = new Map(
      results
        .filter((r) => r.correctsId !== null)
        .map((r) => [r.correctsId as string, r.id]),
    );
    const series: FollowupResultView[] = [
      ...workupResults.map(
        (r): FollowupResultView => ({
          id: r.id,
          itemKey: r.itemKey,
          date: todayIn(this.config.clinicTimeZone, r.performedAt),
          source: 'workup',
          instanceId: null,
          result: r.result,
          corrects: null,
          correctedBy: null,
          recordedAt: null,
        }),
      ),
      ...results.map(
        (r): FollowupResultView => ({
          id: r.id,
          itemKey: r.itemKey,
          date: r.performedOn,
          source: 'followup',
          instanceId: r.instanceId,
          result: r.result,
          corrects: r.correctsId,
          correctedBy: correctedBy.get(r.id) ?? null,
          recordedAt: r.recordedAt.toISOString(),
        }),
      ),
    ].sort((a, b) =>
      a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1,
    );
    return {
      patientId,
      birthDate: patient.birthDate,
      today: this.today(),
      diagnosis,
      staging: staging.record,
      stagingHistory: staging.count,
      risk: risk.record,
      riskHistory: risk.count,
      lines,
      instances,
      results: series,
    };
  }

  /** The domain's evaluation as of today; null before the sign-off. */
  private evaluate(state: FollowupState): FollowupEvaluation | null {
    if (state.diagnosis === null) {
      return null;
    }
    const results: FollowupResult[] = state.results
      .filter((r) => r.correctedBy === null)
      .map((r) => ({
        id: r.id,
        itemKey: r.itemKey,
        date: r.date,
        result: r.result,
      }));
    const instances: InstanceState[] = state.instances.map((i) => ({
      lineId: i.lineId,
      itemKey: i.itemKey,
      timePoint: i.timePoint as InstanceState['timePoint'],
      status: i.actionStatus,
      reason: i.reason,
      activated: i.activated,
    }));
    return evaluateFollowup(
      state.diagnosis.protocol.version,
      {
        diagnosisDate: state.diagnosis.diagnosisDate,
        birthDate: state.birthDate,
        ...(state.staging && { staging: state.staging.inputs }),
        ...(state.risk && {
          riskObservations: state.risk.inputs.observations,
        }),
      },
      state.lines.map(lineOf),
      results,
      state.today,
      { instances, dueSoonDays: this.config.dueSoonDays },
    );
  }

  private view(
    state: FollowupState,
    evaluation: FollowupEvaluation | null,
  ): FollowupView {
    const protocol = getFollowupProtocol(
      state.diagnosis?.protocol.version ?? getFollowupProtocolVersion(),
    );
    const evaluated = new Map(
      (evaluation?.lines ?? []).flatMap((l) =>
        l.schedule.instances.map((i) => [
          `${i.lineId}/${i.itemKey}/${i.timePoint}`,
          i,
        ]),
      ),
    );
    const instances = state.instances.map((row): FollowupInstanceView => {
      const e = evaluated.get(instanceKeyOf(row));
      return {
        id: row.id,
        lineId: row.lineId,
        itemKey: row.itemKey,
        timePoint: row.timePoint,
        targetDate: row.targetDate,
        dueDate: row.dueDate,
        windowStart: row.windowStart,
        rangeEnd: row.rangeEnd,
        conditional: row.conditional,
        active: row.active,
        status: e?.status ?? row.status,
        reason: e?.reason ?? row.reason,
        dueState: e?.dueState ?? 'closed',
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
        location: row.location,
        performedAt: row.performedAt?.toISOString() ?? null,
        closedByResultId: e?.closedByResultId ?? row.closedByResultId,
        version: row.version,
      };
    });
    return {
      patientId: state.patientId,
      asOf: state.today,
      diagnosis: state.diagnosis,
      staging: state.staging,
      stagingHistory: state.stagingHistory,
      risk: state.risk,
      riskHistory: state.riskHistory,
      lines: state.lines,
      instances,
      results: state.results,
      evaluation,
      rules: protocol.rules,
      trackerDefaultNotice: TRACKER_DEFAULT_NOTICE,
    };
  }

  private needDiagnosis(
    state: FollowupState,
  ): NonNullable<FollowupState['diagnosis']> {
    if (state.diagnosis === null) {
      throw new DomainError(
        'unprocessable',
        'Sign off the diagnosis first: the follow-up starts from it.',
      );
    }
    return state.diagnosis;
  }

  private instanceOf(
    state: FollowupState,
    instanceId: string,
    version: number,
  ): InstanceRow {
    const row = state.instances.find((i) => i.id === instanceId);
    if (row === undefined) {
      throw new DomainError('not_found', 'The patient has no such instance.');
    }
    if (row.version !== version) {
      throw new DomainError(
        'stale_version',
        'The instance was changed by someone else; reload the latest and retry.',
        { current: { id: row.id, status: row.status, version: row.version } },
      );
    }
    return row;
  }

  private checkLines(
    lines: readonly TreatmentLine[],
    lineId: string,
    today: string,
  ): void {
    const errors = validateTreatmentLines(lines.map(lineOf), today).filter(
      (e) => e.lineId === lineId,
    );
    if (errors.length > 0) {
      throw DomainError.invalid(
        errors.map((e) => ({ field: e.field, message: e.message })),
      );
    }
  }

  private notInFuture(field: string, instant: string, now: Date): void {
    if (Date.parse(instant) > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw DomainError.invalid([
        { field, message: `${field} must not be in the future` },
      ]);
    }
  }

  private step(
    context: RequestContext,
    patientId: string,
    entityType: FollowupHistoryStep['entityType'],
    entityId: string,
    action: string,
    extra: Partial<FollowupHistoryStep> = {},
  ): FollowupHistoryStep {
    return {
      patientId,
      entityType,
      entityId,
      action,
      actorId: context.actor?.id ?? null,
      actorRole: context.actor?.role ?? null,
      ...extra,
    };
  }
}

/** The protocol version new diagnoses are signed off under: the newest. */
function getFollowupProtocolVersion(): number {
  return getFollowupProtocol().version;
}

const instanceKeyOf = (i: {
  lineId: string;
  itemKey: string;
  timePoint: string;
}): string => `${i.lineId}/${i.itemKey}/${i.timePoint}`;

/** Plain JSON: DTO class instances must not leak into jsonb or the rules. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function lineOf(line: TreatmentLine): TreatmentLine {
  return {
    id: line.id,
    lineNumber: line.lineNumber,
    intent: line.intent,
    regimenClass: line.regimenClass,
    regimenText: line.regimenText ?? null,
    inductionClass: line.inductionClass ?? null,
    startDate: line.startDate,
    endDate: line.endDate ?? null,
    transplantDate: line.transplantDate ?? null,
    radiationSites: line.radiationSites ?? null,
    stopReason: line.stopReason ?? null,
  };
}

function lineFields(line: TreatmentLine): Record<string, unknown> {
  const { id: _id, ...fields } = lineOf(line);
  return fields;
}

/** A risk observation from its body: each kind needs its own value. */
function observationOf(
  o: RecordRiskDto['observations'][number],
): RiskObservation | Error {
  switch (o.kind) {
    case 'pasp':
      return o.mmHg === undefined
        ? new Error('a PASP observation needs mmHg')
        : { kind: 'pasp', date: o.date, mmHg: o.mmHg };
    case 'pleural_effusion':
      return o.present === undefined
        ? new Error('a pleural effusion observation needs present')
        : { kind: 'pleural_effusion', date: o.date, present: o.present };
    case 'egfr':
      return o.value === undefined
        ? new Error('an eGFR observation needs value')
        : {
            kind: 'egfr',
            date: o.date,
            value: o.value,
            method: o.method ?? null,
          };
    case 'albumin':
      return o.gPerDl === undefined
        ? new Error('an albumin observation needs gPerDl')
        : { kind: 'albumin', date: o.date, gPerDl: o.gPerDl };
  }
}

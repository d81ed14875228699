import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_PROTOCOL_KEY,
  DomainError,
  dueWindow,
  getProtocol,
  RULES_VERSION,
  signOffRefusal,
  type DueWindow,
  planUpgrade,
} from '@poems/domain';
import {
  type EvaluationSnapshotView,
  type ItemHistoryView,
  type WorkupView,
} from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter, diffOf } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import { isUniqueViolation } from '../common/database/postgres-errors';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { UserEntity } from '../users/user.entity';
import { EvaluationRecorder } from './evaluation-recorder';
import type { WorkupEntity } from './workup.entity';
import { attestationNow, evaluateItems, workupView } from './workup-view';
import type {
  OpenWorkupDto,
  SignOffWorkupDto,
  UpgradeWorkupDto,
  WorkupTransitionDto,
} from './workups.dto';
import { WorkupsRepository, type StoredSignOff } from './workups.repository';

const ONE_OPEN_WORKUP = 'uq_workups_one_open_per_patient';

/** Opening, reading, closing and reopening workups. Every read and change is audited. */
@Injectable()
export class WorkupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workups: WorkupsRepository,
    private readonly evaluations: EvaluationRecorder,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The clinic's due-date window now: what "today", "overdue" and "due soon" mean. */
  window(): DueWindow {
    return dueWindow(
      this.clock.now(),
      this.config.clinicTimeZone,
      this.config.dueSoonDays,
    );
  }

  /**
   * Opens a workup from the protocol version in force: one item per catalog entry, conditional
   * ones inactive. A patient has at most one open workup. `protocolVersion` is not offered by the
   * API (new workups open on the newest version): the demo clinic uses it to show a workup as it
   * was opened before a newer version was published.
   */
  async open(
    context: RequestContext,
    patientId: string,
    input: OpenWorkupDto,
    protocolVersion?: number,
  ): Promise<WorkupView> {
    const protocol = getProtocol(
      input.protocol ?? DEFAULT_PROTOCOL_KEY,
      protocolVersion,
    );
    return this.dataSource.transaction(async (manager) => {
      const patient = (await manager.query(
        'SELECT id FROM patients WHERE id = $1',
        [patientId],
      )) as unknown[];
      if (patient.length === 0) {
        throw new DomainError('not_found', 'No patient has this id.');
      }
      const attendingId = await this.attending(manager, context, input);
      const now = this.clock.now();
      let workup: WorkupEntity;
      try {
        workup = await this.workups.insertWorkup(manager, {
          patientId,
          status: 'open',
          protocolKey: protocol.key,
          protocolVersion: protocol.version,
          openedAt: now,
          openedById: context.actor?.id ?? null,
          attendingId,
        });
      } catch (error) {
        throw translateOpenConflict(error);
      }
      const items = await this.workups.insertItems(
        manager,
        protocol.items.map((catalog) => ({
          workupId: workup.id,
          key: catalog.key,
          required: catalog.required,
          active: catalog.required,
          status: 'planned',
          // The service's clock, as openedAt: the column's default is the database's transaction
          // start, earlier than openedAt, and FHIR Task inv-1 forbids an item predating its workup.
          updatedAt: now,
          updatedBy: context.actor?.id ?? null,
        })),
      );
      await this.workups.addHistory(
        manager,
        items.map((item) => ({
          itemId: item.id,
          workupId: workup.id,
          action: 'create',
          from: null,
          to: 'planned',
          actor: context.actor,
          effectiveAt: now,
          details: { active: item.active },
        })),
      );
      const { evaluation } = await this.evaluations.record(
        manager,
        workup,
        protocol,
        items,
        now,
        { cause: 'workup opened' },
      );
      await this.audit.record(manager, context, {
        action: 'workup.open',
        patientId,
        entityType: 'workup',
        entityId: workup.id,
        diff: {
          status: { from: null, to: 'open' },
          protocol: { from: null, to: `${protocol.key} v${protocol.version}` },
          attendingId: { from: null, to: attendingId },
          items: { from: null, to: items.map((i) => i.key) },
        },
        details: { overall: evaluation.overall },
      });
      return workupView(protocol, workup, items, this.window());
    });
  }

  async read(context: RequestContext, id: string): Promise<WorkupView> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.findAudited(
        manager,
        id,
        this.audit,
        context,
        { action: 'workup.read', entityType: 'workup' },
      );
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const items = await this.workups.items(manager, id);
      const view = workupView(
        getProtocol(workup.protocolKey, workup.protocolVersion),
        workup,
        items,
        this.window(),
        undefined,
        await this.workups.latestSignOff(manager, id),
      );
      if (workup.status !== 'closed') {
        return view;
      }
      // A closed workup keeps the verdict it was closed with, and says which rules produced it:
      // a later rules correction re-evaluates open workups only.
      const stored = await this.workups.latestEvaluation(manager, id);
      return stored === null
        ? view
        : {
            ...view,
            evaluation: {
              ...view.evaluation,
              overall: workup.overall,
              flags: stored.flags,
              rulesVersion: stored.rulesVersion,
            },
          };
    });
  }

  /** The newest sign-off of a workup, for views assembled elsewhere (exports). */
  latestSignOff(
    manager: EntityManager,
    workupId: string,
  ): Promise<StoredSignOff | null> {
    return this.workups.latestSignOff(manager, workupId);
  }

  /** Closes an open workup with a reason; its items keep their state. */
  close(
    context: RequestContext,
    id: string,
    input: WorkupTransitionDto,
  ): Promise<WorkupView> {
    return this.transition(context, id, input, 'close');
  }

  /** Reopens a closed workup, unless the patient has another open one. */
  reopen(
    context: RequestContext,
    id: string,
    input: WorkupTransitionDto,
  ): Promise<WorkupView> {
    return this.transition(context, id, input, 'reopen');
  }

  /** Every lifecycle step of one item, oldest first. */
  async history(
    context: RequestContext,
    workupId: string,
    key: string,
  ): Promise<ItemHistoryView[]> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.find(manager, workupId);
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const item = (await this.workups.items(manager, workupId)).find(
        (i) => i.key === key,
      );
      if (item === undefined) {
        throw new DomainError('not_found', 'The workup has no such item.');
      }
      const rows = await this.workups.history(manager, item.id);
      await this.audit.record(manager, context, {
        action: 'item.history.read',
        patientId: workup.patientId,
        entityType: 'workup_item',
        entityId: item.id,
        details: { workupId, itemKey: key },
      });
      return rows.map((row) => ({
        id: row.id,
        action: row.action,
        from: row.from_status,
        to: row.to_status,
        actor: {
          id: row.actor_id,
          displayName: row.actor_name,
          role: row.actor_role,
        },
        effectiveAt: row.effective_at.toISOString(),
        recordedAt: row.recorded_at.toISOString(),
        reason: row.reason,
        details: row.details,
      }));
    });
  }

  /**
   * The history of a workup's verdicts: every stored evaluation, oldest first, with its cause and
   * the protocol and rules versions that produced it; a snapshot that ends `criteria_met` says so.
   */
  async verdictHistory(
    context: RequestContext,
    workupId: string,
  ): Promise<EvaluationSnapshotView[]> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.find(manager, workupId);
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const rows = await this.workups.evaluations(manager, workupId);
      await this.audit.record(manager, context, {
        action: 'workup.evaluations.read',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: workupId,
      });
      return rows.map((row, index): EvaluationSnapshotView => {
        const protocol = getProtocol(row.protocolKey, row.protocolVersion);
        const item =
          row.itemKey === null
            ? undefined
            : protocol.items.find((i) => i.key === row.itemKey);
        return {
          id: row.id,
          evaluatedAt: row.evaluatedAt.toISOString(),
          overall: row.overall,
          cause: row.cause,
          item:
            row.itemKey === null
              ? null
              : { key: row.itemKey, name: item?.name ?? row.itemKey },
          protocol: { key: row.protocolKey, version: row.protocolVersion },
          rulesVersion: row.rulesVersion,
          criteria: row.criteria.map((c) => ({ key: c.key, status: c.status })),
          flags: row.flags,
          retracted:
            rows[index - 1]?.overall === 'criteria_met' &&
            row.overall !== 'criteria_met',
        };
      });
    });
  }

  /**
   * Moves an open workup to a newer version of its protocol (domain reference §2b): items kept by
   * key with their status, results and history; the version's new items added planned (conditional
   * ones inactive); the evaluation recomputed with cause `protocol upgraded`; audited — all in one
   * transaction.
   */
  async upgrade(
    context: RequestContext,
    id: string,
    input: UpgradeWorkupDto,
  ): Promise<WorkupView> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.lock(manager, id);
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const from = getProtocol(workup.protocolKey, workup.protocolVersion);
      const items = await this.workups.items(manager, id);
      if (workup.version !== input.version) {
        throw new DomainError(
          'stale_version',
          'The workup was changed by someone else; reload it and retry.',
          {
            current: workupView(
              from,
              workup,
              items,
              this.window(),
              undefined,
              await this.workups.latestSignOff(manager, id),
            ),
          },
        );
      }
      const to = this.targetProtocol(workup.protocolKey, input.protocolVersion);
      const plan = planUpgrade({
        status: workup.status,
        from,
        to,
        itemKeys: items.map((i) => i.key),
      });
      const now = this.clock.now();
      const all =
        plan.added.length === 0
          ? items
          : await this.workups.insertItems(
              manager,
              plan.added.map((added) => ({
                workupId: id,
                key: added.key,
                required: added.required,
                active: added.active,
                status: added.status,
                updatedAt: now,
                updatedBy: context.actor?.id ?? null,
              })),
            );
      const added = all.filter((i) => plan.added.some((a) => a.key === i.key));
      await this.workups.addHistory(
        manager,
        added.map((item) => ({
          itemId: item.id,
          workupId: id,
          action: 'create',
          from: null,
          to: 'planned',
          actor: context.actor,
          effectiveAt: now,
          reason: input.reason,
          details: {
            active: item.active,
            protocol: `${to.key} v${to.version}`,
          },
        })),
      );
      await this.workups.updateWorkup(
        manager,
        workup,
        { protocolVersion: to.version },
        { bumpVersion: true },
      );
      const change = await this.evaluations.record(
        manager,
        workup,
        to,
        all,
        now,
        { cause: 'protocol upgraded' },
        { always: true },
      );
      await this.audit.record(manager, context, {
        action: 'workup.upgrade',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: id,
        diff: {
          protocol: {
            from: `${from.key} v${from.version}`,
            to: `${to.key} v${to.version}`,
          },
          items: { from: null, to: plan.added.map((a) => a.key) },
          ...(change.overall && { overall: change.overall }),
        },
        details: { reason: input.reason, overall: change.evaluation.overall },
      });
      return workupView(
        to,
        workup,
        all,
        this.window(),
        change.evaluation,
        await this.workups.latestSignOff(manager, id),
      );
    });
  }

  /** The version to upgrade to: the one named, else the newest; an unknown one cannot be moved to. */
  private targetProtocol(key: string, version: number | undefined) {
    try {
      return getProtocol(key, version);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not_found') {
        throw new DomainError(
          'illegal_transition',
          `Protocol version ${version ?? ''} is not published.`,
          { target: version },
        );
      }
      throw error;
    }
  }

  private async transition(
    context: RequestContext,
    id: string,
    input: WorkupTransitionDto,
    action: 'close' | 'reopen',
  ): Promise<WorkupView> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.lock(manager, id);
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const protocol = getProtocol(workup.protocolKey, workup.protocolVersion);
      const items = await this.workups.items(manager, id);
      if (workup.version !== input.version) {
        throw new DomainError(
          'stale_version',
          'The workup was changed by someone else; reload it and retry.',
          {
            current: workupView(
              protocol,
              workup,
              items,
              this.window(),
              undefined,
              await this.workups.latestSignOff(manager, id),
            ),
          },
        );
      }
      const from = workup.status;
      if (action === 'close' && from !== 'open') {
        throw new DomainError(
          'illegal_transition',
          'The workup is already closed.',
        );
      }
      if (action === 'reopen' && from !== 'closed') {
        throw new DomainError(
          'illegal_transition',
          'The workup is already open.',
        );
      }
      const before = {
        status: workup.status,
        closedAt: workup.closedAt?.toISOString() ?? null,
        closeReason: workup.closeReason,
      };
      const now = this.clock.now();
      try {
        await this.workups.updateWorkup(
          manager,
          workup,
          action === 'close'
            ? { status: 'closed', closedAt: now, closeReason: input.reason }
            : { status: 'open', closedAt: null, closeReason: null },
          { bumpVersion: true },
        );
      } catch (error) {
        throw translateOpenConflict(error);
      }
      await this.workups.setItemsWorkupOpen(manager, id, action === 'reopen');
      await this.audit.record(manager, context, {
        action: `workup.${action}`,
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: id,
        diff: diffOf(before, {
          status: workup.status,
          closedAt: workup.closedAt?.toISOString() ?? null,
          closeReason: workup.closeReason,
        }),
        details: { reason: input.reason },
      });
      return workupView(
        protocol,
        workup,
        items,
        this.window(),
        undefined,
        await this.workups.latestSignOff(manager, id),
      );
    });
  }

  /**
   * A hematologist attests the evaluation as it stands now. Refused when nothing is recorded yet
   * or when the latest sign-off already attests this very evaluation. Bumps the workup's version:
   * two hematologists signing off the same view conflict instead of both succeeding.
   */
  async signOff(
    context: RequestContext,
    id: string,
    input: SignOffWorkupDto,
  ): Promise<WorkupView> {
    return this.dataSource.transaction(async (manager) => {
      const workup = await this.workups.lock(manager, id);
      if (workup === null) {
        throw new DomainError('not_found', 'No workup has this id.');
      }
      const protocol = getProtocol(workup.protocolKey, workup.protocolVersion);
      const items = await this.workups.items(manager, id);
      const latest = await this.workups.latestSignOff(manager, id);
      if (workup.version !== input.version) {
        throw new DomainError(
          'stale_version',
          'The workup was changed by someone else; reload it and retry.',
          {
            current: workupView(
              protocol,
              workup,
              items,
              this.window(),
              undefined,
              latest,
            ),
          },
        );
      }
      const evaluation = {
        ...evaluateItems(protocol, items),
        rulesVersion: RULES_VERSION,
      };
      const attested = attestationNow(evaluation, items);
      const refusal = signOffRefusal(
        attested,
        latest?.signOff.attested ?? null,
      );
      if (refusal !== null) {
        throw new DomainError('illegal_transition', refusal);
      }
      const now = this.clock.now();
      const stored = await this.workups.addSignOff(manager, {
        workupId: id,
        signedById: context.actor?.id ?? null,
        signedAt: now,
        note: input.note ?? null,
        overall: attested.overall,
        protocolKey: attested.protocol.key,
        protocolVersion: attested.protocol.version,
        rulesVersion: attested.rulesVersion,
        attested,
        outdatedAt: null,
      });
      await this.workups.updateWorkup(
        manager,
        workup,
        { status: workup.status },
        { bumpVersion: true },
      );
      await this.audit.record(manager, context, {
        action: 'workup.sign-off',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: id,
        diff: {
          signOff: { from: latest?.signOff.id ?? null, to: stored.id },
          overall: { from: null, to: attested.overall },
        },
        details: {
          protocol: `${attested.protocol.key} v${attested.protocol.version}`,
          rulesVersion: attested.rulesVersion,
          criteria: attested.criteria,
          ...(latest !== null && { replaces: latest.signOff.id }),
        },
      });
      return workupView(protocol, workup, items, this.window(), evaluation, {
        signOff: stored,
        signedByName: context.actor?.displayName ?? null,
      });
    });
  }

  /** The attending hematologist: the one named, else the opener when a hematologist. */
  private async attending(
    manager: EntityManager,
    context: RequestContext,
    input: OpenWorkupDto,
  ): Promise<string | null> {
    if (input.attendingId === undefined) {
      return context.actor?.role === 'hematologist' ? context.actor.id : null;
    }
    const user = await manager
      .getRepository(UserEntity)
      .findOneBy({ id: input.attendingId });
    if (user === null || !user.active || user.role !== 'hematologist') {
      throw DomainError.invalid([
        {
          field: 'attendingId',
          message: 'attendingId must name an active hematologist',
        },
      ]);
    }
    return user.id;
  }
}

function translateOpenConflict(error: unknown): unknown {
  return isUniqueViolation(error, ONE_OPEN_WORKUP)
    ? new DomainError(
        'open_workup_exists',
        'The patient already has an open workup; close it first.',
      )
    : error;
}

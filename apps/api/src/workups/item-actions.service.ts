import { Injectable } from '@nestjs/common';
import {
  decideItemAction,
  DomainError,
  evaluationAuditDetails,
  getProtocol,
  type ItemActionCommand,
  type ItemActionContext,
  type ItemActionDecision,
  type ItemActionState,
  type ItemChange,
  type ResultSource,
} from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import { EvaluationRecorder } from './evaluation-recorder';
import type { WorkupItemEntity } from './workup-item.entity';
import type { WorkupEntity } from './workup.entity';
import { itemView, workupView } from './workup-view';
import { WorkupsRepository } from './workups.repository';
import { WorkupsService } from './workups.service';

/** How an action is run when it does not come from a person's request. */
export interface ActOptions {
  /** Run inside this transaction (an inbound message commits all its results, or none). */
  readonly manager?: EntityManager;
  /** Where a `result` comes from; a person's request is `typed`. */
  readonly source?: ResultSource;
}

/**
 * Every action on a workup item: checked against the lifecycle table, applied with optimistic
 * locking, recorded in the item's history and the audit log, and followed by a re-evaluation —
 * all in one transaction. Actions on one workup are serialised by a lock on the workup row, so the
 * stored evaluation always reflects every committed item change.
 */
@Injectable()
export class ItemActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly workups: WorkupsRepository,
    private readonly workupsService: WorkupsService,
    private readonly evaluations: EvaluationRecorder,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async act(
    context: RequestContext,
    workupId: string,
    command: ItemActionCommand,
    options: ActOptions = {},
  ): Promise<WorkupView> {
    if (options.manager !== undefined) {
      return this.actIn(
        options.manager,
        context,
        workupId,
        command,
        options.source,
      );
    }
    return this.dataSource.transaction((manager) =>
      this.actIn(manager, context, workupId, command, options.source),
    );
  }

  private async actIn(
    manager: EntityManager,
    context: RequestContext,
    workupId: string,
    command: ItemActionCommand,
    source: ResultSource = { kind: 'typed' },
  ): Promise<WorkupView> {
    const workup = await this.workups.lock(manager, workupId);
    if (workup === null) {
      throw new DomainError('not_found', 'No workup has this id.');
    }
    const protocol = getProtocol(workup.protocolKey, workup.protocolVersion);
    const items = await this.workups.items(manager, workupId);
    const now = this.clock.now();
    const decision = this.decide(
      { protocol, workupStatus: workup.status, items },
      items,
      command,
      {
        now,
        actor: context.actor,
        source,
        patientSex:
          command.action === 'result'
            ? await this.workups.patientSex(manager, workup.patientId)
            : 'unknown',
      },
    );
    for (const change of decision.changes) {
      await this.persist(manager, context, workup, items, change);
    }
    const evaluated = await this.evaluations.record(
      manager,
      workup,
      protocol,
      items,
      now,
      decision.evaluation,
    );
    if (evaluated.overall) {
      await this.audit.record(manager, context, {
        action: 'workup.evaluation',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: workup.id,
        diff: { overall: evaluated.overall },
        details: evaluationAuditDetails(
          decision,
          evaluated.evaluation.flags,
          evaluated.retracted,
        ),
      });
    }
    return workupView(
      protocol,
      workup,
      items,
      this.workupsService.window(),
      evaluated.evaluation,
      evaluated.signOff,
    );
  }

  /** The domain's decision; a stale version is answered with the item as it stands now. */
  private decide(
    state: ItemActionState,
    items: readonly WorkupItemEntity[],
    command: ItemActionCommand,
    context: ItemActionContext,
  ): ItemActionDecision {
    try {
      return decideItemAction(state, command, context);
    } catch (error) {
      const item = items.find((i) => i.key === command.key);
      if (
        !(error instanceof DomainError) ||
        error.code !== 'stale_version' ||
        item === undefined
      ) {
        throw error;
      }
      throw new DomainError(error.code, error.message, {
        current: itemView(state.protocol, item, this.workupsService.window()),
      });
    }
  }

  /** One item's change: the row, its history step and its audit event. */
  private async persist(
    manager: EntityManager,
    context: RequestContext,
    workup: WorkupEntity,
    items: readonly WorkupItemEntity[],
    change: ItemChange,
  ): Promise<void> {
    const item = items.find((i) => i.key === change.key);
    if (item === undefined) {
      throw new DomainError('not_found', 'The workup has no such item.');
    }
    await this.workups.updateItem(manager, item, change.patch);
    await this.workups.addHistory(manager, [
      {
        itemId: item.id,
        workupId: workup.id,
        action: change.action,
        actor: context.actor,
        ...change.history,
      },
    ]);
    await this.audit.record(manager, context, {
      action: change.audit.action,
      patientId: workup.patientId,
      entityType: 'workup_item',
      entityId: item.id,
      diff: change.audit.diff,
      details: { workupId: workup.id, ...change.audit.details },
    });
  }
}

import { Injectable } from '@nestjs/common';
import {
  DomainError,
  findingsOfResult,
  getCatalogItem,
  getProtocol,
  normaliseResult,
  planTransition,
  validateResult,
  validateResultContent,
  type CatalogItem,
  type FieldError,
  type ItemAction,
  type PlannedTransition,
  type ProtocolDefinition,
  type ResultInput,
  type ResultSource,
} from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditWriter, diffOf } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import { EvaluationRecorder } from './evaluation-recorder';
import type { WorkupItemEntity } from './workup-item.entity';
import type { WorkupEntity } from './workup.entity';
import { itemView, workupView } from './workup-view';
import type {
  ActivateItemDto,
  ItemActionDto,
  OrderItemDto,
  PerformItemDto,
  ReasonItemDto,
  ResultItemDto,
  ReviewItemDto,
  ScheduleItemDto,
} from './workups.dto';
import {
  WorkupsRepository,
  type HistoryStep,
  type ItemPatch,
} from './workups.repository';
import { WorkupsService } from './workups.service';

/** The body of each item action. */
export interface ItemActionDtos {
  readonly order: OrderItemDto;
  readonly schedule: ScheduleItemDto;
  readonly perform: PerformItemDto;
  readonly result: ResultItemDto;
  readonly review: ReviewItemDto;
  readonly cancel: ReasonItemDto;
  readonly 'not-indicated': ReasonItemDto;
  readonly reopen: ReasonItemDto;
  readonly activate: ActivateItemDto;
}

/** How an action is run when it does not come from a person's request. */
export interface ActOptions {
  /** Run inside this transaction (an inbound message commits all its results, or none). */
  readonly manager?: EntityManager;
  /** Where a `result` comes from; a person's request is `typed`. */
  readonly source?: ResultSource;
}

/** Clock skew tolerated between a client saying "now" and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** What an action changes beyond the status the lifecycle decides. */
interface ActionEffect {
  readonly patch: ItemPatch;
  /** When the step happened clinically. */
  readonly effectiveAt: Date;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown>;
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

  async act<A extends ItemAction>(
    context: RequestContext,
    workupId: string,
    key: string,
    action: A,
    body: ItemActionDtos[A],
    options: ActOptions = {},
  ): Promise<WorkupView> {
    if (options.manager !== undefined) {
      return this.actIn(
        options.manager,
        context,
        workupId,
        key,
        action,
        body,
        options.source,
      );
    }
    return this.dataSource.transaction((manager) =>
      this.actIn(manager, context, workupId, key, action, body, options.source),
    );
  }

  private async actIn<A extends ItemAction>(
    manager: EntityManager,
    context: RequestContext,
    workupId: string,
    key: string,
    action: A,
    body: ItemActionDtos[A],
    source: ResultSource = { kind: 'typed' },
  ): Promise<WorkupView> {
    const workup = await this.workups.lock(manager, workupId);
    if (workup === null) {
      throw new DomainError('not_found', 'No workup has this id.');
    }
    const protocol = getProtocol(workup.protocolKey, workup.protocolVersion);
    const items = await this.workups.items(manager, workupId);
    const item = items.find((i) => i.key === key);
    if (item === undefined) {
      throw new DomainError('not_found', 'The workup has no such item.');
    }
    const catalog = getCatalogItem(protocol, key);
    const now = this.clock.now();
    this.checkBody(protocol, catalog, action, body, now);
    if (item.version !== body.version) {
      throw new DomainError(
        'stale_version',
        'The item was changed by someone else; reload the latest and retry.',
        { current: itemView(protocol, item, this.workupsService.window()) },
      );
    }
    if (workup.status !== 'open') {
      throw new DomainError(
        'illegal_transition',
        'The workup is closed; reopen it to change its items.',
      );
    }
    const plan = planTransition(action, {
      status: item.status,
      active: item.active,
      conditional: !item.required,
    });
    const sex =
      action === 'result'
        ? await this.workups.patientSex(manager, workup.patientId)
        : 'unknown';
    const effect = this.effectOf(
      action,
      body,
      item,
      catalog,
      plan,
      protocol,
      sex,
      context,
      now,
      source,
    );
    await this.apply(manager, context, workup, item, action, plan, effect, now);
    if (action === 'result') {
      await this.activateBySigns(
        manager,
        context,
        workup,
        protocol,
        items,
        item,
        now,
      );
    }
    const change = await this.evaluations.record(
      manager,
      workup,
      protocol,
      items,
      now,
      {
        cause: plan.correction ? 'result corrected' : `item ${action}`,
        itemKey: key,
      },
    );
    if (change.overall) {
      await this.audit.record(manager, context, {
        action: 'workup.evaluation',
        patientId: workup.patientId,
        entityType: 'workup',
        entityId: workup.id,
        diff: { overall: change.overall },
        details: {
          cause: `item.${action}`,
          itemKey: key,
          flags: change.evaluation.flags,
          ...(plan.correction && { correction: true }),
          ...(change.retracted && { retracted: true }),
        },
      });
    }
    return workupView(
      protocol,
      workup,
      items,
      this.workupsService.window(),
      change.evaluation,
      change.signOff,
    );
  }

  /** Clinical checks of the body that need the catalog item or the clock. */
  private checkBody(
    protocol: ProtocolDefinition,
    catalog: CatalogItem,
    action: ItemAction,
    body: ItemActionDto,
    now: Date,
  ): void {
    const errors: FieldError[] = [];
    const performedAt = (body as Partial<PerformItemDto>).performedAt;
    if (
      (action === 'perform' || action === 'result') &&
      performedAt !== undefined &&
      Date.parse(performedAt) > now.getTime() + FUTURE_TOLERANCE_MS
    ) {
      errors.push({
        field: 'performedAt',
        message: 'performedAt must not be in the future',
      });
    }
    if (action === 'result') {
      const result = resultInputOf(body as ResultItemDto);
      errors.push(
        ...validateResult(catalog, result),
        ...validateResultContent(catalog, result, protocol.thresholds),
      );
    }
    if (errors.length > 0) {
      throw DomainError.invalid(errors);
    }
  }

  private effectOf(
    action: ItemAction,
    body: ItemActionDtos[ItemAction],
    item: WorkupItemEntity,
    catalog: CatalogItem,
    plan: PlannedTransition,
    protocol: ProtocolDefinition,
    sex: Parameters<typeof findingsOfResult>[0]['sex'],
    context: RequestContext,
    now: Date,
    source: ResultSource,
  ): ActionEffect {
    switch (action) {
      case 'order': {
        const b = body as OrderItemDto;
        return {
          patch: { dueDate: b.dueDate ?? item.dueDate },
          effectiveAt: now,
        };
      }
      case 'schedule': {
        const b = body as ScheduleItemDto;
        return {
          patch: {
            scheduledAt: new Date(b.scheduledAt),
            location: b.location ?? item.location,
            dueDate: b.dueDate ?? item.dueDate,
          },
          effectiveAt: now,
          details: {
            ...(item.scheduledAt !== null && {
              rescheduledFrom: item.scheduledAt.toISOString(),
            }),
          },
        };
      }
      case 'perform': {
        const performedAt = new Date((body as PerformItemDto).performedAt);
        return { patch: { performedAt }, effectiveAt: performedAt };
      }
      case 'result': {
        const b = body as ResultItemDto;
        const result = normaliseResult(resultInputOf(b));
        const performedAt = b.performedAt
          ? new Date(b.performedAt)
          : item.performedAt;
        return {
          patch: {
            performedAt,
            resultedAt: now,
            result: result as Record<string, unknown>,
            findings: findingsOfResult({
              item: catalog,
              result,
              sex,
              thresholds: protocol.thresholds,
              // Kept on each assertion so an explanation can say who overrode a rule, and when.
              asserter: {
                ...(context.actor?.displayName && {
                  by: context.actor.displayName,
                }),
                at: now.toISOString(),
              },
            }),
            // A corrected result needs a new review.
            reviewedAt: null,
            reviewedBy: null,
            // A typed result keeps no source (the view reads null as typed), so rows written by
            // people stay exactly as before sources existed.
            resultSource: source.kind === 'typed' ? null : source,
          },
          effectiveAt: performedAt ?? now,
          details: {
            ...(plan.correction && {
              correction: true,
              previousStatus: item.status,
              previousResult: item.result,
              previousFindings: item.findings,
              ...(item.resultSource !== null && {
                previousSource: item.resultSource,
              }),
            }),
            // The item's history names the interface and the message a result came from.
            ...(source.kind !== 'typed' && { source }),
          },
        };
      }
      case 'review': {
        const note = (body as ReviewItemDto).note;
        return {
          patch: { reviewedAt: now, reviewedBy: context.actor?.id ?? null },
          effectiveAt: now,
          details: note ? { note } : {},
        };
      }
      case 'cancel':
      case 'not-indicated': {
        const reason = (body as ReasonItemDto).reason;
        return {
          patch: { reason, closedByName: context.actor?.displayName ?? null },
          effectiveAt: now,
          reason,
        };
      }
      case 'reopen': {
        const reason = (body as ReasonItemDto).reason;
        return {
          patch: { reason, closedByName: null },
          effectiveAt: now,
          reason,
        };
      }
      case 'activate': {
        const reason = (body as ActivateItemDto).reason ?? null;
        return {
          patch: { reason: reason ?? item.reason },
          effectiveAt: now,
          reason,
        };
      }
    }
  }

  private async apply(
    manager: EntityManager,
    context: RequestContext,
    workup: WorkupEntity,
    item: WorkupItemEntity,
    action: ItemAction | 'activate',
    plan: PlannedTransition,
    effect: ActionEffect,
    now: Date,
  ): Promise<void> {
    const before = auditedItemFields(item);
    await this.workups.updateItem(manager, item, {
      ...effect.patch,
      status: plan.to,
      active: plan.active,
      // Stamped by the clock that stamps the workup, never the database's (see WorkupsService.open).
      updatedAt: now,
      updatedBy: context.actor?.id ?? null,
    });
    const step: HistoryStep = {
      itemId: item.id,
      workupId: workup.id,
      action,
      from: plan.from,
      to: plan.to,
      actor: context.actor,
      effectiveAt: effect.effectiveAt,
      reason: effect.reason ?? null,
      details:
        effect.details && Object.keys(effect.details).length > 0
          ? effect.details
          : null,
    };
    await this.workups.addHistory(manager, [step]);
    await this.audit.record(manager, context, {
      action: `item.${action}`,
      patientId: workup.patientId,
      entityType: 'workup_item',
      entityId: item.id,
      diff: diffOf(before, auditedItemFields(item)),
      details: {
        workupId: workup.id,
        itemKey: item.key,
        ...(step.details?.['correction'] === true && { correction: true }),
        ...(step.details?.['source'] !== undefined && {
          source: step.details['source'],
        }),
        ...(step.details?.['automatic'] === true && { automatic: true }),
      },
    });
  }

  /**
   * A recorded sign that activates a conditional item (lymphadenopathy → lymph node biopsy)
   * activates it in the same transaction, as if a hematologist had.
   */
  private async activateBySigns(
    manager: EntityManager,
    context: RequestContext,
    workup: WorkupEntity,
    protocol: ProtocolDefinition,
    items: readonly WorkupItemEntity[],
    source: WorkupItemEntity,
    now: Date,
  ): Promise<void> {
    const signs = (source.result as ResultInput | null)?.signs ?? [];
    const sourceName = getCatalogItem(protocol, source.key).shortName;
    for (const catalog of protocol.items) {
      const target = items.find((i) => i.key === catalog.key);
      if (
        catalog.activatedBySign === undefined ||
        !signs.includes(catalog.activatedBySign) ||
        target === undefined ||
        target.active ||
        target.status !== 'planned'
      ) {
        continue;
      }
      const reason = `${catalog.activatedBySign} recorded by ${sourceName}`;
      const plan = planTransition('activate', {
        status: target.status,
        active: target.active,
        conditional: !target.required,
      });
      await this.apply(
        manager,
        context,
        workup,
        target,
        'activate',
        plan,
        {
          patch: { reason },
          effectiveAt: now,
          reason,
          details: { automatic: true, trigger: source.key },
        },
        now,
      );
    }
  }
}

/** The result as the domain reads it: the body without `version` and `performedAt`. */
function resultInputOf(body: ResultItemDto): ResultInput {
  const { version: _version, performedAt: _performedAt, ...result } = body;
  // Plain JSON: DTO class instances must not leak into jsonb or the inference rules.
  return JSON.parse(JSON.stringify(result)) as ResultInput;
}

/** The audited state of an item: every field an action can change. */
function auditedItemFields(item: WorkupItemEntity): Record<string, unknown> {
  return {
    status: item.status,
    active: item.active,
    dueDate: item.dueDate,
    scheduledAt: item.scheduledAt?.toISOString() ?? null,
    location: item.location,
    performedAt: item.performedAt?.toISOString() ?? null,
    resultedAt: item.resultedAt?.toISOString() ?? null,
    reviewedAt: item.reviewedAt?.toISOString() ?? null,
    result: item.result,
    findings: item.findings,
    reason: item.reason,
  };
}

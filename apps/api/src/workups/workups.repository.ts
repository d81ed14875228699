import { Injectable } from '@nestjs/common';
import {
  RULES_VERSION,
  type Evaluation,
  type ItemAction,
  type ItemStatus,
  type ResultInput,
  type Role,
  type Sex,
} from '@poems/domain';
import { type EvaluationCause } from '@poems/contract';
import type {
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuditEventInput, AuditWriter } from '../audit/audit-writer';
import type { RequestContext } from '../common/request-context/request-context';
import { ItemHistoryEntity } from './item-history.entity';
import { WorkupEvaluationEntity } from './workup-evaluation.entity';
import { WorkupItemEntity } from './workup-item.entity';
import { WorkupSignOffEntity } from './workup-sign-off.entity';
import { WorkupEntity } from './workup.entity';

/** A stored sign-off with the name of the hematologist who gave it. */
export interface StoredSignOff {
  readonly signOff: WorkupSignOffEntity;
  readonly signedByName: string | null;
}

/** Why an evaluation snapshot is stored: its cause and, for an item action, the item. */
export interface SnapshotCause {
  readonly cause: EvaluationCause;
  readonly itemKey?: string;
}

/** One lifecycle step to record in an item's history. */
export interface HistoryStep {
  readonly itemId: string;
  readonly workupId: string;
  readonly action: ItemAction | 'create';
  readonly from: ItemStatus | null;
  readonly to: ItemStatus;
  readonly actor: { readonly id: string; readonly role: Role } | null;
  readonly effectiveAt: Date;
  readonly reason?: string | null;
  readonly details?: Record<string, unknown> | null;
}

/** A row of an item's history with the actor's name. */
export interface HistoryRow {
  readonly id: string;
  readonly action: string;
  readonly from_status: ItemStatus | null;
  readonly to_status: ItemStatus;
  readonly actor_id: string | null;
  readonly actor_name: string | null;
  readonly actor_role: Role | null;
  readonly effective_at: Date;
  readonly recorded_at: Date;
  readonly reason: string | null;
  readonly details: Record<string, unknown> | null;
}

/** Fields of an item an action may change. */
export type ItemPatch = Partial<
  Pick<
    WorkupItemEntity,
    | 'status'
    | 'active'
    | 'dueDate'
    | 'scheduledAt'
    | 'location'
    | 'performedAt'
    | 'resultedAt'
    | 'reviewedAt'
    | 'reviewedBy'
    | 'findings'
    | 'resultSource'
    | 'reason'
    | 'closedByName'
    | 'updatedBy'
    | 'updatedAt'
  >
> & {
  /** A domain result, or the stored JSON read back. */
  readonly result?: ResultInput | Record<string, unknown> | null;
};

const selectLists = new WeakMap<EntityMetadata, string>();

/**
 * The SELECT list of an entity's columns under its property names, from the entity's metadata (so
 * it follows the entity), built once. The reads of every workup request use it with plain SQL:
 * TypeORM's query building and result mapping cost more than the queries themselves. `date`
 * columns are read as text, the `YYYY-MM-DD` TypeORM itself makes of them.
 */
function selectList(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
): string {
  const metadata = manager.connection.getMetadata(entity);
  let list = selectLists.get(metadata);
  if (list === undefined) {
    list = metadata.columns
      .map(
        (column) =>
          `"${column.databaseName}"${column.type === 'date' ? '::text' : ''} AS "${column.propertyName}"`,
      )
      .join(', ');
    selectLists.set(metadata, list);
  }
  return list;
}

/** Reads and writes workups, their items, history and evaluation snapshots in the caller's transaction. */
@Injectable()
export class WorkupsRepository {
  /** The workup, locked until the transaction ends: item actions on one workup run one at a time. */
  async lock(manager: EntityManager, id: string): Promise<WorkupEntity | null> {
    const [row] = (await manager.query(
      `SELECT ${selectList(manager, WorkupEntity)} FROM workups WHERE id = $1 FOR UPDATE`,
      [id],
    )) as Partial<WorkupEntity>[];
    return row === undefined ? null : Object.assign(new WorkupEntity(), row);
  }

  async find(manager: EntityManager, id: string): Promise<WorkupEntity | null> {
    const [row] = (await manager.query(
      `SELECT ${selectList(manager, WorkupEntity)} FROM workups WHERE id = $1`,
      [id],
    )) as Partial<WorkupEntity>[];
    return row === undefined ? null : Object.assign(new WorkupEntity(), row);
  }

  /**
   * The workup, with the audit event of its read written by the same statement (see
   * {@link AuditWriter.readAudited}); null, and nothing audited, when no workup has this id.
   */
  async findAudited(
    manager: EntityManager,
    id: string,
    audit: AuditWriter,
    context: RequestContext,
    event: Omit<AuditEventInput, 'patientId' | 'entityId'>,
  ): Promise<WorkupEntity | null> {
    const [row] = await audit.readAudited<Partial<WorkupEntity>>(
      manager,
      context,
      {
        sql: `SELECT ${selectList(manager, WorkupEntity)} FROM workups WHERE id = $1`,
        params: [id],
        patientColumn: 'patientId',
      },
      { ...event, entityId: id },
    );
    return row === undefined ? null : Object.assign(new WorkupEntity(), row);
  }

  async items(
    manager: EntityManager,
    workupId: string,
  ): Promise<WorkupItemEntity[]> {
    const rows = (await manager.query(
      `SELECT ${selectList(manager, WorkupItemEntity)} FROM workup_items WHERE workup_id = $1`,
      [workupId],
    )) as Partial<WorkupItemEntity>[];
    return rows.map((row) => Object.assign(new WorkupItemEntity(), row));
  }

  async patientSex(manager: EntityManager, patientId: string): Promise<Sex> {
    const rows = (await manager.query(
      'SELECT sex FROM patients WHERE id = $1',
      [patientId],
    )) as { sex: Sex }[];
    return rows[0]?.sex ?? 'unknown';
  }

  async insertWorkup(
    manager: EntityManager,
    workup: Partial<WorkupEntity>,
  ): Promise<WorkupEntity> {
    const repository = manager.getRepository(WorkupEntity);
    const { identifiers } = await repository.insert(
      workup as QueryDeepPartialEntity<WorkupEntity>,
    );
    return repository.findOneByOrFail({ id: identifiers[0]?.['id'] as string });
  }

  async insertItems(
    manager: EntityManager,
    items: readonly Partial<WorkupItemEntity>[],
  ): Promise<WorkupItemEntity[]> {
    const repository = manager.getRepository(WorkupItemEntity);
    await repository.insert(
      items as QueryDeepPartialEntity<WorkupItemEntity>[],
    );
    return repository.findBy({ workupId: items[0]?.workupId });
  }

  /**
   * Applies a change to an item and bumps its version; the in-memory entity is updated to match
   * what was stored, so the response shows exactly the committed state.
   */
  async updateItem(
    manager: EntityManager,
    item: WorkupItemEntity,
    patch: ItemPatch,
  ): Promise<void> {
    const { raw } = await manager
      .createQueryBuilder()
      .update(WorkupItemEntity)
      .set(patch as QueryDeepPartialEntity<WorkupItemEntity>)
      .where('id = :id', { id: item.id })
      .returning(['version', 'updated_at'])
      .execute();
    const [stored] = raw as { version: number; updated_at: Date }[];
    Object.assign(item, patch, {
      version: stored?.version ?? item.version + 1,
      // RETURNING leaves out a column the statement set itself: then the stored value is the patch's.
      updatedAt: stored?.updated_at ?? patch.updatedAt ?? new Date(),
    });
  }

  async updateWorkup(
    manager: EntityManager,
    workup: WorkupEntity,
    patch: Partial<
      Pick<
        WorkupEntity,
        | 'status'
        | 'closedAt'
        | 'closeReason'
        | 'overall'
        | 'completionDone'
        | 'completionClosed'
        | 'completionTotal'
        | 'criteriaFirstMetAt'
        | 'protocolVersion'
      >
    >,
    { bumpVersion }: { readonly bumpVersion: boolean },
  ): Promise<void> {
    // Item actions refresh the denormalised evaluation without bumping the workup's version:
    // only closing and reopening compete for it.
    const { raw } = await manager
      .createQueryBuilder()
      .update(WorkupEntity)
      .set(
        (bumpVersion
          ? patch
          : {
              ...patch,
              version: () => 'version',
            }) as QueryDeepPartialEntity<WorkupEntity>,
      )
      .where('id = :id', { id: workup.id })
      .returning(['version', 'updated_at'])
      .execute();
    const [stored] = raw as { version: number; updated_at: Date }[];
    Object.assign(workup, patch, {
      version: stored?.version ?? workup.version,
      updatedAt: stored?.updated_at ?? new Date(),
    });
  }

  /** Keeps the items' copy of whether their workup is open, which the worklist's indexes read. */
  async setItemsWorkupOpen(
    manager: EntityManager,
    workupId: string,
    open: boolean,
  ): Promise<void> {
    // Plain SQL: the items themselves do not change, so neither their version nor updated_at may.
    await manager.query(
      'UPDATE workup_items SET workup_open = $2 WHERE workup_id = $1',
      [workupId, open],
    );
  }

  async addHistory(
    manager: EntityManager,
    steps: readonly HistoryStep[],
  ): Promise<void> {
    if (steps.length === 0) {
      return;
    }
    await manager.getRepository(ItemHistoryEntity).insert(
      steps.map(
        (step): QueryDeepPartialEntity<ItemHistoryEntity> => ({
          itemId: step.itemId,
          workupId: step.workupId,
          action: step.action as ItemAction,
          fromStatus: step.from,
          toStatus: step.to,
          actorId: step.actor?.id ?? null,
          actorRole: step.actor?.role ?? null,
          effectiveAt: step.effectiveAt,
          reason: step.reason ?? null,
          details: (step.details ?? null) as QueryDeepPartialEntity<
            Record<string, unknown>
          > | null,
        }),
      ),
    );
  }

  async history(manager: EntityManager, itemId: string): Promise<HistoryRow[]> {
    return (await manager.query(
      `SELECT h.id, h.action, h.from_status, h.to_status, h.actor_id, u.display_name AS actor_name,
              h.actor_role, h.effective_at, h.recorded_at, h.reason, h.details
         FROM item_history h
         LEFT JOIN users u ON u.id = h.actor_id
        WHERE h.item_id = $1
        ORDER BY h.recorded_at, h.id`,
      [itemId],
    )) as HistoryRow[];
  }

  /** The newest stored evaluation of a workup, if any. */
  async latestEvaluation(
    manager: EntityManager,
    workupId: string,
  ): Promise<WorkupEvaluationEntity | null> {
    const [row] = (await manager.query(
      `SELECT ${selectList(manager, WorkupEvaluationEntity)} FROM workup_evaluations
        WHERE workup_id = $1 ORDER BY id DESC LIMIT 1`,
      [workupId],
    )) as Partial<WorkupEvaluationEntity>[];
    return row === undefined
      ? null
      : Object.assign(new WorkupEvaluationEntity(), row);
  }

  async addEvaluation(
    manager: EntityManager,
    workupId: string,
    evaluation: Evaluation,
    at: Date,
    cause: SnapshotCause,
  ): Promise<void> {
    await manager.getRepository(WorkupEvaluationEntity).insert({
      workupId,
      evaluatedAt: at,
      overall: evaluation.overall,
      criteria: [...evaluation.criteria],
      flags: [...evaluation.flags],
      protocolKey: evaluation.protocol.key,
      protocolVersion: evaluation.protocol.version,
      rulesVersion: RULES_VERSION,
      cause: cause.cause,
      itemKey: cause.itemKey ?? null,
    });
  }

  /** Every stored evaluation of a workup, oldest first: the history of its verdicts. */
  async evaluations(
    manager: EntityManager,
    workupId: string,
  ): Promise<WorkupEvaluationEntity[]> {
    const rows = (await manager.query(
      `SELECT ${selectList(manager, WorkupEvaluationEntity)} FROM workup_evaluations
        WHERE workup_id = $1 ORDER BY id`,
      [workupId],
    )) as Partial<WorkupEvaluationEntity>[];
    return rows.map((row) => Object.assign(new WorkupEvaluationEntity(), row));
  }

  /** The newest sign-off of a workup, if any, with its signer's name. */
  async latestSignOff(
    manager: EntityManager,
    workupId: string,
  ): Promise<StoredSignOff | null> {
    const [row] = (await manager.query(
      `SELECT ${selectList(manager, WorkupSignOffEntity)},
              (SELECT u.display_name FROM users u WHERE u.id = s.signed_by) AS "signedByName"
         FROM workup_sign_offs s
        WHERE workup_id = $1 ORDER BY signed_at DESC, id DESC LIMIT 1`,
      [workupId],
    )) as (Partial<WorkupSignOffEntity> & { signedByName: string | null })[];
    if (row === undefined) {
      return null;
    }
    const { signedByName, ...columns } = row;
    return {
      signOff: Object.assign(new WorkupSignOffEntity(), columns),
      signedByName,
    };
  }

  /**
   * Stores a sign-off as the workup's latest, and copies it onto the workup (its `signedOff…`
   * columns) in the same transaction. Plain SQL for the copy: neither the workup's version nor its
   * `updated_at` belong to it.
   */
  async addSignOff(
    manager: EntityManager,
    signOff: Omit<WorkupSignOffEntity, 'id' | 'workup' | 'signedBy'>,
  ): Promise<WorkupSignOffEntity> {
    const stored = await manager
      .getRepository(WorkupSignOffEntity)
      .save(Object.assign(new WorkupSignOffEntity(), signOff));
    await manager.query(
      `UPDATE workups SET signed_off_at = $2, signed_off_by = $3, sign_off_outdated_at = $4
        WHERE id = $1`,
      [stored.workupId, stored.signedAt, stored.signedById, stored.outdatedAt],
    );
    return stored;
  }

  /**
   * Marks the workup's latest sign-off outdated from a time, or current again (null), on the
   * sign-off and on the workup's copy of it, in one statement.
   */
  async setSignOffOutdated(
    manager: EntityManager,
    signOff: WorkupSignOffEntity,
    at: Date | null,
  ): Promise<void> {
    await manager.query(
      `WITH s AS (
         UPDATE workup_sign_offs SET outdated_at = $2 WHERE id = $1 RETURNING workup_id
       )
       UPDATE workups SET sign_off_outdated_at = $2 FROM s WHERE workups.id = s.workup_id`,
      [signOff.id, at],
    );
    signOff.outdatedAt = at;
  }
}

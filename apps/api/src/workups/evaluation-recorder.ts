import { Injectable } from '@nestjs/common';
import {
  completionOf,
  isSignOffOutdated,
  RULES_VERSION,
  signOffChanges,
  type Evaluation,
  type Overall,
  type ProtocolDefinition,
} from '@poems/domain';
import type { EntityManager } from 'typeorm';
import type { WorkupEvaluationEntity } from './workup-evaluation.entity';
import type { WorkupItemEntity } from './workup-item.entity';
import type { WorkupEntity } from './workup.entity';
import { attestationNow, evaluateItems } from './workup-view';
import {
  WorkupsRepository,
  type SnapshotCause,
  type StoredSignOff,
} from './workups.repository';

/** How an item change moved the workup's evaluation. */
export interface EvaluationChange {
  readonly evaluation: Evaluation;
  /** Set when the overall result changed. */
  readonly overall?: { readonly from: Overall; readonly to: Overall };
  /** Whether a snapshot was stored (the overall, a criterion status or the flags changed). */
  readonly snapshot: boolean;
  /** The criteria were met before this change and are not now. */
  readonly retracted: boolean;
  /** The workup's latest sign-off, its `outdatedAt` brought up to date; null when none. */
  readonly signOff: StoredSignOff | null;
}

/**
 * Keeps a workup's stored evaluation in step with its items: the denormalised overall and
 * completion used by lists and reports, `criteriaFirstMetAt`, and a snapshot whenever the outcome,
 * a criterion's status or the flags change, with its cause and the protocol and rules versions —
 * the history of verdicts. Runs in the transaction of the change.
 */
@Injectable()
export class EvaluationRecorder {
  constructor(private readonly workups: WorkupsRepository) {}

  async record(
    manager: EntityManager,
    workup: WorkupEntity,
    protocol: ProtocolDefinition,
    items: readonly WorkupItemEntity[],
    at: Date,
    cause: SnapshotCause,
    // A rules correction stores a snapshot even when the verdict stands: it records that the
    // newer rules judged the workup.
    { always = false }: { readonly always?: boolean } = {},
  ): Promise<EvaluationChange> {
    const evaluation = evaluateItems(protocol, items);
    const completion = completionOf(items);
    const previous = await this.workups.latestEvaluation(manager, workup.id);
    const changed =
      always || previous === null || differs(previous, evaluation);
    if (changed) {
      await this.workups.addEvaluation(
        manager,
        workup.id,
        evaluation,
        at,
        cause,
      );
    }
    const from = workup.overall;
    const met = evaluation.overall === 'criteria_met';
    await this.workups.updateWorkup(
      manager,
      workup,
      {
        overall: evaluation.overall,
        completionDone: completion.done,
        completionClosed: completion.closed,
        completionTotal: completion.total,
        // Only while the criteria are met: a correction that retracts the verdict clears it, so no
        // list, report, export or FHIR Condition goes on saying when they were met. Met again
        // later, they were met from then, on results that stand.
        criteriaFirstMetAt: met ? (workup.criteriaFirstMetAt ?? at) : null,
      },
      { bumpVersion: false },
    );
    const signOff = await this.workups.latestSignOff(manager, workup.id);
    if (signOff !== null) {
      // The first change that makes the workup differ from what was attested dates the sign-off
      // outdated; a change undone (the workup reads as attested again) makes it current again.
      const outdated = isSignOffOutdated(
        signOffChanges(
          signOff.signOff.attested,
          attestationNow({ ...evaluation, rulesVersion: RULES_VERSION }, items),
        ),
      );
      if (outdated !== (signOff.signOff.outdatedAt !== null)) {
        await this.workups.setSignOffOutdated(
          manager,
          signOff.signOff,
          outdated ? at : null,
        );
      }
    }
    return {
      evaluation,
      signOff,
      snapshot: changed,
      ...(from !== evaluation.overall && {
        overall: { from, to: evaluation.overall },
      }),
      retracted: from === 'criteria_met' && !met,
    };
  }
}

function differs(
  stored: WorkupEvaluationEntity,
  evaluation: Evaluation,
): boolean {
  const statuses = (criteria: readonly { key: string; status: string }[]) =>
    JSON.stringify(criteria.map((c) => [c.key, c.status]));
  return (
    stored.overall !== evaluation.overall ||
    statuses(stored.criteria) !== statuses(evaluation.criteria) ||
    JSON.stringify(stored.flags) !== JSON.stringify(evaluation.flags) ||
    stored.protocolVersion !== evaluation.protocol.version
  );
}

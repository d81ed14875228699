import {
  attestationOf,
  completionOf,
  describeSignOffChanges,
  isSignOffOutdated,
  signOffChanges,
  type AttestedEvaluation,
  dueState,
  evaluate,
  getCatalogItem,
  RULES_VERSION,
  type DueWindow,
  type Evaluation,
  type EvaluationItem,
  type ProtocolDefinition,
  type ResultInput,
} from '@poems/domain';
import {
  type SignOffView,
  type WorkupEvaluation,
  type WorkupItemView,
  type WorkupView,
} from '@poems/contract';
import type { WorkupItemEntity } from './workup-item.entity';
import type { WorkupEntity } from './workup.entity';
import type { StoredSignOff } from './workups.repository';

/** What the evaluation reads of a stored item. */
export function evaluationItem(item: WorkupItemEntity): EvaluationItem {
  const result = item.result as ResultInput | null;
  return {
    key: item.key,
    status: item.status,
    active: item.active,
    findings: item.findings,
    lightChain: result?.lightChain,
    heavyChain: result?.heavyChain,
    clones: result?.clones,
    specimen: result?.specimen,
    signs: result?.signs,
    ...((item.reason !== null || item.closedByName !== null) && {
      closure: {
        ...(item.reason !== null && { reason: item.reason }),
        ...(item.closedByName !== null && { by: item.closedByName }),
      },
    }),
  };
}

/** The evaluation of a workup's items against the protocol version it was opened with. */
export function evaluateItems(
  protocol: ProtocolDefinition,
  items: readonly WorkupItemEntity[],
): Evaluation {
  return evaluate({ protocol, items: items.map(evaluationItem) });
}

/** One checklist item as the API shows it. */
export function itemView(
  protocol: ProtocolDefinition,
  item: WorkupItemEntity,
  window: DueWindow,
): WorkupItemView {
  const catalog = getCatalogItem(protocol, item.key);
  return {
    key: item.key,
    name: catalog.name,
    kind: catalog.kind,
    required: item.required,
    active: item.active,
    status: item.status,
    dueDate: item.dueDate,
    scheduledAt: item.scheduledAt?.toISOString() ?? null,
    location: item.location,
    performedAt: item.performedAt?.toISOString() ?? null,
    resultedAt: item.resultedAt?.toISOString() ?? null,
    reviewedAt: item.reviewedAt?.toISOString() ?? null,
    result: item.result as ResultInput | null,
    // Results recorded before sources were kept were all typed.
    resultSource:
      item.resultSource ?? (item.result === null ? null : { kind: 'typed' }),
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
    overdue: item.active && dueState(item, window) === 'overdue',
    version: item.version,
    updatedAt: item.updatedAt.toISOString(),
  };
}

/**
 * A workup with its checklist in catalog order, evaluation and completion. A caller that has just
 * evaluated these items passes that evaluation (it does not depend on the items' order).
 */
export function workupView(
  protocol: ProtocolDefinition,
  workup: WorkupEntity,
  items: readonly WorkupItemEntity[],
  window: DueWindow,
  evaluation?: Evaluation,
  signOff: StoredSignOff | null = null,
): WorkupView {
  const order = new Map(protocol.items.map((c, index) => [c.key, index]));
  const sorted = [...items].sort(
    (a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0),
  );
  const evaluated: WorkupEvaluation = {
    ...(evaluation ?? evaluateItems(protocol, sorted)),
    rulesVersion: RULES_VERSION,
  };
  return {
    id: workup.id,
    patientId: workup.patientId,
    status: workup.status,
    openedAt: workup.openedAt.toISOString(),
    closedAt: workup.closedAt?.toISOString() ?? null,
    closeReason: workup.closeReason,
    attendingId: workup.attendingId,
    protocol: { key: workup.protocolKey, version: workup.protocolVersion },
    items: sorted.map((item) => itemView(protocol, item, window)),
    evaluation: evaluated,
    completion: completionOf(sorted),
    criteriaFirstMetAt: workup.criteriaFirstMetAt?.toISOString() ?? null,
    signOff:
      signOff === null
        ? null
        : signOffView(protocol, signOff, attestationNow(evaluated, sorted)),
    version: workup.version,
  };
}

/** What a sign-off given now would attest. */
export function attestationNow(
  evaluation: WorkupEvaluation,
  items: readonly WorkupItemEntity[],
): AttestedEvaluation {
  return attestationOf(
    evaluation,
    items.map((item) => ({
      key: item.key,
      findings: item.findings,
      resultedAt: item.resultedAt?.toISOString() ?? null,
    })),
  );
}

/** What {@link signOffView} reads of a stored sign-off (the bench baseline passes plain rows). */
export interface SignOffRecord {
  readonly signOff: Pick<
    StoredSignOff['signOff'],
    'id' | 'signedAt' | 'signedById' | 'note' | 'attested' | 'outdatedAt'
  >;
  readonly signedByName: string | null;
}

/** A stored sign-off as the API shows it, compared with the workup now. */
export function signOffView(
  protocol: ProtocolDefinition,
  { signOff, signedByName }: SignOffRecord,
  now: AttestedEvaluation,
): SignOffView {
  const changes = signOffChanges(signOff.attested, now);
  const outdated = isSignOffOutdated(changes);
  const criterionNames = new Map(
    protocol.criteria.map((c) => [c.key as string, c.name]),
  );
  const itemNames = new Map(protocol.items.map((i) => [i.key, i.name]));
  return {
    id: signOff.id,
    signedAt: signOff.signedAt.toISOString(),
    signedBy: { id: signOff.signedById, displayName: signedByName },
    note: signOff.note,
    attested: signOff.attested,
    outdated,
    // A sign-off stored outdated that reads current again (a change undone) is current.
    outdatedSince: outdated
      ? (signOff.outdatedAt?.toISOString() ?? null)
      : null,
    changes,
    changeSummary: describeSignOffChanges(changes, {
      item: (key) => itemNames.get(key) ?? key,
      criterion: (key) => criterionNames.get(key) ?? key,
    }),
  };
}

import { DomainError } from '../errors';
import type { EvaluationItem } from '../evaluation/evaluation.types';
import type { CatalogItem, ProtocolDefinition } from '../protocol/protocol.types';

/** What moving a workup to a newer protocol version changes (domain reference §2b). */
export interface ProtocolChanges {
  readonly from: { readonly key: string; readonly version: number };
  readonly to: { readonly key: string; readonly version: number };
  /** Items the newer version adds, in its catalog order; conditional ones arrive inactive. */
  readonly addedItems: readonly {
    readonly key: string;
    readonly name: string;
    readonly required: boolean;
  }[];
}

/** The items a protocol version adds to an older one of the same protocol. */
export function protocolChanges(
  from: ProtocolDefinition,
  to: ProtocolDefinition,
): ProtocolChanges {
  const known = new Set(from.items.map((i) => i.key));
  return {
    from: { key: from.key, version: from.version },
    to: { key: to.key, version: to.version },
    addedItems: to.items
      .filter((i) => !known.has(i.key))
      .map((i) => ({ key: i.key, name: i.name, required: i.required })),
  };
}

/** An item the upgrade adds: planned, active when required (conditional ones wait for activation). */
export interface AddedItem {
  readonly key: string;
  readonly required: boolean;
  readonly active: boolean;
  readonly status: 'planned';
}

/** The decision of an upgrade: the items kept by key (untouched) and the items to add. */
export interface UpgradePlan {
  readonly changes: ProtocolChanges;
  readonly kept: readonly string[];
  readonly added: readonly AddedItem[];
}

/**
 * Decides the upgrade of an open workup to a newer version of its protocol (domain reference §2b):
 * items are kept by key with their status, results, findings and history; the items the newer
 * version adds arrive planned, conditional ones inactive. Nothing is ever removed, so no result is
 * lost: a version that drops an item the workup has cannot be upgraded to.
 * @throws DomainError `illegal_transition` for a closed workup, another protocol, or a version
 *   that is not newer; `unprocessable` when the newer version lacks one of the workup's items.
 */
export function planUpgrade(input: {
  readonly status: 'open' | 'closed';
  readonly from: ProtocolDefinition;
  readonly to: ProtocolDefinition;
  readonly itemKeys: readonly string[];
}): UpgradePlan {
  const { status, from, to, itemKeys } = input;
  if (status !== 'open') {
    throw new DomainError(
      'illegal_transition',
      'Only an open workup can move to a newer protocol version; reopen it first.',
    );
  }
  if (to.key !== from.key) {
    throw new DomainError(
      'illegal_transition',
      'A workup can only move to a newer version of its own protocol.',
      { protocol: from.key, target: to.key },
    );
  }
  if (to.version <= from.version) {
    throw new DomainError(
      'illegal_transition',
      `The workup is on version ${from.version}; version ${to.version} is not newer.`,
      { current: from.version, target: to.version },
    );
  }
  const target = new Set(to.items.map((i) => i.key));
  const dropped = itemKeys.filter((k) => !target.has(k));
  if (dropped.length > 0) {
    throw new DomainError(
      'unprocessable',
      'The newer version lacks items this workup has; their results would be lost.',
      { dropped },
    );
  }
  const present = new Set(itemKeys);
  const added = to.items
    .filter((i) => !present.has(i.key))
    .map((i: CatalogItem): AddedItem => ({
      key: i.key,
      required: i.required,
      active: i.required,
      status: 'planned',
    }));
  return { changes: protocolChanges(from, to), kept: [...itemKeys], added };
}

/** A workup's items after the upgrade: every kept item as it was, then the added ones. */
export function upgradedItems(
  items: readonly EvaluationItem[],
  plan: UpgradePlan,
): EvaluationItem[] {
  return [
    ...items,
    ...plan.added.map(
      (a): EvaluationItem => ({
        key: a.key,
        status: a.status,
        active: a.active,
        findings: [],
      }),
    ),
  ];
}

import { DomainError, getProtocol, planUpgrade } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { protocolOf } from './protocol';

/** What moving a workup to the newest version of its protocol would change, in words. */
export interface UpgradeOffer {
  readonly from: number;
  readonly to: number;
  /** The items the newer version adds: planned; conditional ones stay inactive until activated. */
  readonly added: readonly {
    readonly key: string;
    readonly name: string;
    readonly active: boolean;
  }[];
  /** The workup's items, kept by key with their status, results and history. */
  readonly kept: number;
}

/**
 * The upgrade a workup could take, decided by the domain's own plan (the API applies the same):
 * null on a closed workup, one already on the newest version, or a protocol this build lacks.
 */
export function upgradeOffer(
  workup: Pick<WorkupView, 'status' | 'protocol' | 'items'>,
): UpgradeOffer | null {
  const from = protocolOf(workup.protocol);
  if (from === null || workup.status !== 'open') {
    return null;
  }
  const to = getProtocol(from.key);
  if (to.version <= from.version) {
    return null;
  }
  try {
    const plan = planUpgrade({
      status: workup.status,
      from,
      to,
      itemKeys: workup.items.map((i) => i.key),
    });
    const names = new Map(to.items.map((i) => [i.key, i.name]));
    return {
      from: from.version,
      to: to.version,
      added: plan.added.map((a) => ({
        key: a.key,
        name: names.get(a.key) ?? a.key,
        active: a.active,
      })),
      kept: plan.kept.length,
    };
  } catch (error) {
    // A version that would drop one of the workup's items is not offered (the API refuses it).
    if (error instanceof DomainError) {
      return null;
    }
    throw error;
  }
}

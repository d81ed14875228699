import type { Sex } from '../lib/patient/patient';
import type { CriterionKey } from '../lib/protocol/criteria';
import type { ProtocolDefinition } from '../lib/protocol/protocol.types';
import { POEMS_DISPENZIERI_V1 } from '../lib/protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../lib/protocol/registry';
import { findingsOfResult } from '../lib/inference/infer-findings';
import type { FindingValue } from '../lib/workup/findings';
import { isOpen, type ItemStatus } from '../lib/workup/item-status';
import { normaliseResult, type ResultInput } from '../lib/workup/result';
import { completionOf, evaluate } from '../lib/evaluation/evaluate';
import type {
  Completion,
  Evaluation,
  EvaluationItem,
} from '../lib/evaluation/evaluation.types';

/**
 * Test builder of a workup's items: starts as a freshly opened workup (every required item
 * planned, conditional items inactive) and records results through the real inference rules.
 * Immutable: every step returns a new builder, so a story can branch from a shared start.
 */
export class WorkupBuilder {
  private constructor(
    readonly protocol: ProtocolDefinition,
    private readonly sex: Sex,
    private readonly items: ReadonlyMap<string, EvaluationItem>,
  ) {}

  /** A freshly opened workup. */
  static opened(
    options: { protocol?: ProtocolDefinition; sex?: Sex } = {},
  ): WorkupBuilder {
    const protocol = options.protocol ?? POEMS_DISPENZIERI_V1;
    const items = new Map(
      protocol.items.map((entry): [string, EvaluationItem] => [
        entry.key,
        {
          key: entry.key,
          status: 'planned',
          active: entry.required,
          findings: [],
        },
      ]),
    );
    return new WorkupBuilder(protocol, options.sex ?? 'male', items);
  }

  /** Records a result on an item (status `resulted`), inferring findings as the API does. */
  result(
    key: string,
    result: ResultInput,
    status: ItemStatus = 'resulted',
    asserter?: { readonly by?: string; readonly at?: string },
  ): WorkupBuilder {
    const item = getCatalogItem(this.protocol, key);
    const normalised = normaliseResult(result);
    const findings = findingsOfResult({
      item,
      result: normalised,
      sex: this.sex,
      thresholds: this.protocol.thresholds,
      asserter,
    });
    return this.patch(key, {
      status,
      findings,
      lightChain: normalised.lightChain,
      heavyChain: normalised.heavyChain,
      clones: normalised.clones,
      specimen: normalised.specimen,
      signs: normalised.signs,
    });
  }

  /** Records a result that only asserts findings. */
  asserted(
    key: string,
    findings: Partial<Record<CriterionKey, FindingValue>>,
    status: ItemStatus = 'resulted',
  ): WorkupBuilder {
    return this.result(
      key,
      {
        findings: Object.entries(findings).map(([criterion, value]) => ({
          criterion: criterion as CriterionKey,
          value: value as FindingValue,
        })),
      },
      status,
    );
  }

  /** Cancels an item or marks it not indicated, with who and why. */
  close(
    key: string,
    status: 'cancelled' | 'not_indicated',
    reason: string,
    by?: string,
  ): WorkupBuilder {
    return this.patch(key, { status, closure: { reason, by } });
  }

  /** Sets an item's status without touching its findings. */
  status(key: string, status: ItemStatus): WorkupBuilder {
    return this.patch(key, { status });
  }

  /** Activates a conditional item. */
  activate(key: string): WorkupBuilder {
    return this.patch(key, { active: true });
  }

  /** Closes every active item still open (planned … performed) with the given status. */
  closeRemaining(
    status: 'cancelled' | 'not_indicated' = 'cancelled',
  ): WorkupBuilder {
    return [...this.items.values()]
      .filter((item) => item.active && isOpen(item.status))
      .reduce<WorkupBuilder>(
        (builder, item) => builder.patch(item.key, { status }),
        this,
      );
  }

  /** One item as the evaluation sees it. */
  item(key: string): EvaluationItem {
    const item = this.items.get(key);
    if (!item) {
      throw new Error(
        `No item ${key} in ${this.protocol.key} v${this.protocol.version}`,
      );
    }
    return item;
  }

  /** The completion of the items built so far. */
  completion(): Completion {
    return completionOf(this.build());
  }

  /** The items, in catalog order. */
  build(): EvaluationItem[] {
    return [...this.items.values()];
  }

  /** The evaluation of the items built so far. */
  evaluate(): Evaluation {
    return evaluate({ protocol: this.protocol, items: this.build() });
  }

  private patch(key: string, patch: Partial<EvaluationItem>): WorkupBuilder {
    const items = new Map(this.items);
    items.set(key, { ...this.item(key), ...patch });
    return new WorkupBuilder(this.protocol, this.sex, items);
  }
}

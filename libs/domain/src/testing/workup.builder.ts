import type { Sex } from '../lib/patient/patient';
import type { CriterionKey } from '../lib/protocol/criteria';
import type { ProtocolDefinition } from '../lib/protocol/protocol.types';
import { POEMS_DISPENZIERI_V1 } from '../lib/protocol/poems-dispenzieri.v1';
import { getCatalogItem } from '../lib/protocol/registry';
import { findingsOfResult } from '../lib/inference/infer-findings';
import type { FindingValue } from '../lib/workup/findings';
import type { ItemStatus } from '../lib/workup/item-status';
import { normaliseResult, type ResultInput } from '../lib/workup/result';
import { evaluate } from '../lib/evaluation/evaluate';
import type { Evaluation, EvaluationItem } from '../lib/evaluation/evaluation.types';

/**
 * Test builder of a workup's items: starts as a freshly opened workup (every required item
 * planned, conditional items inactive) and records results through the real inference rules.
 */
export class WorkupBuilder {
  private readonly items = new Map<string, EvaluationItem>();

  private constructor(
    readonly protocol: ProtocolDefinition,
    private readonly sex: Sex,
  ) {
    for (const entry of protocol.items) {
      this.items.set(entry.key, { key: entry.key, status: 'planned', active: entry.required, findings: [] });
    }
  }

  /** A freshly opened workup. */
  static opened(options: { protocol?: ProtocolDefinition; sex?: Sex } = {}): WorkupBuilder {
    return new WorkupBuilder(options.protocol ?? POEMS_DISPENZIERI_V1, options.sex ?? 'male');
  }

  /** Records a result on an item (status `resulted`), inferring findings as the API does. */
  result(key: string, result: ResultInput, status: ItemStatus = 'resulted'): this {
    const item = getCatalogItem(this.protocol, key);
    const normalised = normaliseResult(result);
    const findings = findingsOfResult({ item, result: normalised, sex: this.sex, thresholds: this.protocol.thresholds });
    return this.patch(key, { status, findings, lightChain: normalised.lightChain, signs: normalised.signs });
  }

  /** Records a result that only asserts findings. */
  asserted(key: string, findings: Partial<Record<CriterionKey, FindingValue>>, status: ItemStatus = 'resulted'): this {
    return this.result(
      key,
      { findings: Object.entries(findings).map(([criterion, value]) => ({ criterion: criterion as CriterionKey, value: value as FindingValue })) },
      status,
    );
  }

  /** Sets an item's status without touching its findings. */
  status(key: string, status: ItemStatus): this {
    return this.patch(key, { status });
  }

  /** Activates a conditional item. */
  activate(key: string): this {
    return this.patch(key, { active: true });
  }

  /** The items, in catalog order. */
  build(): EvaluationItem[] {
    return [...this.items.values()];
  }

  /** The evaluation of the items built so far. */
  evaluate(): Evaluation {
    return evaluate({ protocol: this.protocol, items: this.build() });
  }

  private patch(key: string, patch: Partial<EvaluationItem>): this {
    const current = this.items.get(key);
    if (!current) {
      throw new Error(`No item ${key} in ${this.protocol.key} v${this.protocol.version}`);
    }
    this.items.set(key, { ...current, ...patch });
    return this;
  }
}

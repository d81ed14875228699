import type { CriterionKey } from '../protocol/criteria';
import type { InferenceRule } from '../protocol/protocol.types';

/** Values a finding can take (domain reference §5). */
export const FINDING_VALUES = ['present', 'absent', 'indeterminate'] as const;

/** What an item showed for one criterion. */
export type FindingValue = (typeof FINDING_VALUES)[number];

/** `inferred` by a rule from a structured result, or `asserted` by a hematologist. */
export type FindingSource = 'inferred' | 'asserted';

/** A finding of one item for one criterion. */
export interface Finding {
  readonly criterion: CriterionKey;
  readonly value: FindingValue;
  readonly source: FindingSource;
  /** Why a rule inferred this value (e.g. "plasma VEGF 310 pg/mL ≥ 200 pg/mL"). */
  readonly basis?: string;
  /** The rule that inferred it (absent on findings stored before rules were named). */
  readonly rule?: InferenceRule;
  /** Who asserted it (display name) and when (ISO instant); absent on older assertions. */
  readonly assertedBy?: string;
  readonly assertedAt?: string;
}

/** The finding in force for a criterion, with the inference it overrides, if any. */
export interface EffectiveFinding extends Finding {
  /** The inferred value an assertion overrides; both are kept (domain reference §5). */
  readonly overrides?: FindingValue;
}

/**
 * The finding in force per criterion: an assertion overrides an inference for the same criterion.
 * Order follows the first appearance of each criterion.
 */
export function effectiveFindings(findings: readonly Finding[]): EffectiveFinding[] {
  const byCriterion = new Map<CriterionKey, { inferred?: Finding; asserted?: Finding }>();
  for (const finding of findings) {
    const slot = byCriterion.get(finding.criterion) ?? {};
    slot[finding.source] = finding;
    byCriterion.set(finding.criterion, slot);
  }
  return [...byCriterion.values()].map(({ inferred, asserted }): EffectiveFinding => {
    if (asserted) {
      return inferred && inferred.value !== asserted.value ? { ...asserted, overrides: inferred.value } : asserted;
    }
    // A slot always holds at least one of the two.
    return inferred as Finding;
  });
}

/** The value in force for one criterion, or undefined when the item recorded none. */
export function findingFor(findings: readonly Finding[], criterion: CriterionKey): FindingValue | undefined {
  return effectiveFindings(findings).find((f) => f.criterion === criterion)?.value;
}

import {
  CRITERION_GROUPS,
  OTHER_SIGNS,
  type CriterionGroup,
  type OtherSign,
} from '../protocol/criteria';
import type {
  CriterionDefinition,
  ProtocolDefinition,
} from '../protocol/protocol.types';
import { signTarget } from '../protocol/signs';
import { effectiveFindings, findingFor } from '../workup/findings';
import { isClosed, isDone, isOpen } from '../workup/item-status';
import type {
  Completion,
  CriterionEvaluation,
  CriterionStatus,
  Evaluation,
  EvaluationItem,
  Flag,
  NextTest,
  Overall,
} from './evaluation.types';
import { criterionExplanation, overallExplanation } from './explanation';

/** Input of the evaluation: the protocol version the workup was opened with and its items. */
export interface EvaluationInput {
  readonly protocol: ProtocolDefinition;
  readonly items: readonly EvaluationItem[];
}

/**
 * Evaluates a workup against its criteria set (domain reference §5). Decision support only:
 * it says which published criteria the recorded results satisfy; a hematologist signs off.
 * The result does not depend on the order of the items.
 */
export function evaluate({ protocol, items }: EvaluationInput): Evaluation {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const criteria = protocol.criteria.map((definition) =>
    evaluateCriterion(protocol, definition, byKey),
  );
  const statusOf = (key: string): CriterionStatus | undefined =>
    criteria.find((c) => c.key === key)?.status;

  const overall = overallOf(criteria);
  const missing = overall === 'incomplete' ? missingGroups(criteria) : [];
  const nextTests: NextTest[] = criteria
    .filter((c) => missing.includes(c.group) && c.status === 'pending')
    .map((c) => ({ criterion: c.key, items: c.openItems }));

  const flags: Flag[] = [];
  if (
    statusOf('castleman_disease') === 'met' &&
    statusOf('monoclonal_plasma_cell_disorder') !== 'met'
  ) {
    flags.push('possible_castleman_variant');
  }
  if (
    statusOf('monoclonal_plasma_cell_disorder') === 'met' &&
    cloneIsKappaOnly(protocol, byKey)
  ) {
    flags.push('kappa_clone_review');
  }

  return {
    overall,
    criteria,
    flags,
    missing,
    nextTests,
    otherSigns: otherSignsOf(protocol, byKey),
    explanation: overallExplanation(protocol, criteria, overall, flags),
    protocol: { key: protocol.key, version: protocol.version },
  };
}

/** Items of the protocol that are part of this workup, in catalog order. */
function activeItems(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): EvaluationItem[] {
  return protocol.items
    .map((i) => byKey.get(i.key))
    .filter((i): i is EvaluationItem => i !== undefined && i.active);
}

function evaluateCriterion(
  protocol: ProtocolDefinition,
  definition: CriterionDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): CriterionEvaluation {
  const items = activeItems(protocol, byKey);
  const establishing = items.filter((i) =>
    catalogEntry(protocol, i.key).establishes.includes(definition.key),
  );
  const supporting = items.filter((i) =>
    catalogEntry(protocol, i.key).supports.includes(definition.key),
  );
  const done = establishing.filter((i) => isDone(i.status));
  const finding = (i: EvaluationItem) => findingFor(i.findings, definition.key);

  const present = done.filter((i) => finding(i) === 'present');
  const openItems = establishing
    .filter((i) => isOpen(i.status))
    .map((i) => i.key);
  const status: CriterionStatus =
    present.length > 0
      ? 'met'
      : openItems.length > 0
        ? 'pending'
        : done.some((i) => finding(i) === 'indeterminate')
          ? 'indeterminate'
          : 'not_met';

  const evidenceItems =
    status === 'met' ? present : done.filter((i) => finding(i) !== undefined);
  const evidence = evidenceItems.map((i) => i.key);
  const supportedBy = supporting
    .filter((i) => isDone(i.status) && finding(i) === 'present')
    .map((i) => i.key);
  const partial = {
    key: definition.key,
    name: definition.name,
    group: definition.group,
    status,
    evidence,
    supportedBy,
    openItems,
    assessed: done.length > 0,
  };
  const inactive = protocol.items
    .filter(
      (c) =>
        c.establishes.includes(definition.key) && !byKey.get(c.key)?.active,
    )
    .map((c) => c.key);
  // Why the evidence did not settle it, as the rules put it (e.g. the diabetes/thyroid reading).
  const reasons = [
    ...new Set(
      evidenceItems
        .map(
          (i) =>
            effectiveFindings(i.findings).find(
              (f) => f.criterion === definition.key,
            )?.basis,
        )
        .filter((basis): basis is string => basis !== undefined),
    ),
  ];
  return {
    ...partial,
    explanation: criterionExplanation(protocol, partial, inactive, reasons),
  };
}

function catalogEntry(protocol: ProtocolDefinition, key: string) {
  const entry = protocol.items.find((i) => i.key === key);
  if (!entry) {
    // activeItems only yields catalog keys, so this is a programming error, not bad input.
    throw new Error(
      `Item ${key} is not in protocol ${protocol.key} v${protocol.version}.`,
    );
  }
  return entry;
}

const cannotBeMet = (c: CriterionEvaluation): boolean =>
  c.status === 'not_met' || c.status === 'indeterminate';
const inGroup = (
  criteria: readonly CriterionEvaluation[],
  group: CriterionGroup,
) => criteria.filter((c) => c.group === group);

/**
 * Met = both mandatory, at least one other major and at least one minor. Not met = the rule can
 * no longer be satisfied: a mandatory criterion, every other major or every minor criterion is
 * closed without a present finding. Otherwise incomplete.
 */
function overallOf(criteria: readonly CriterionEvaluation[]): Overall {
  const mandatory = inGroup(criteria, 'mandatory');
  const major = inGroup(criteria, 'major');
  const minor = inGroup(criteria, 'minor');
  if (
    mandatory.every((c) => c.status === 'met') &&
    major.some((c) => c.status === 'met') &&
    minor.some((c) => c.status === 'met')
  ) {
    return 'criteria_met';
  }
  if (
    mandatory.some(cannotBeMet) ||
    major.every(cannotBeMet) ||
    minor.every(cannotBeMet)
  ) {
    return 'criteria_not_met';
  }
  return 'incomplete';
}

function missingGroups(
  criteria: readonly CriterionEvaluation[],
): CriterionGroup[] {
  return CRITERION_GROUPS.filter((group) => {
    const members = inGroup(criteria, group);
    return group === 'mandatory'
      ? !members.every((c) => c.status === 'met')
      : !members.some((c) => c.status === 'met');
  });
}

/** A clone shown only as κ: every light chain recorded by a done item that found the clone is κ. */
function cloneIsKappaOnly(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): boolean {
  const chains = activeItems(protocol, byKey)
    .filter(
      (i) =>
        catalogEntry(protocol, i.key).establishes.includes(
          'monoclonal_plasma_cell_disorder',
        ) &&
        isDone(i.status) &&
        findingFor(i.findings, 'monoclonal_plasma_cell_disorder') === 'present',
    )
    .map((i) => i.lightChain)
    .filter((chain) => chain !== undefined);
  return chains.length > 0 && chains.every((chain) => chain === 'kappa');
}

function otherSignsOf(
  protocol: ProtocolDefinition,
  byKey: ReadonlyMap<string, EvaluationItem>,
): Evaluation['otherSigns'] {
  const found = new Map<OtherSign, string[]>();
  for (const item of activeItems(protocol, byKey).filter((i) =>
    isDone(i.status),
  )) {
    for (const sign of item.signs ?? []) {
      const target = signTarget(sign);
      if ((OTHER_SIGNS as readonly string[]).includes(target)) {
        const list = found.get(target as OtherSign) ?? [];
        found.set(target as OtherSign, [...list, item.key]);
      }
    }
  }
  return OTHER_SIGNS.filter((s) => found.has(s)).map((sign) => ({
    sign,
    items: found.get(sign) ?? [],
  }));
}

/** Completion of a workup: required items plus activated conditional ones (domain reference §2). */
export function completionOf(
  items: readonly Pick<EvaluationItem, 'status' | 'active'>[],
): Completion {
  const counted = items.filter((i) => i.active);
  return completionFromCounts(
    counted.filter((i) => isDone(i.status)).length,
    counted.filter((i) => isClosed(i.status)).length,
    counted.length,
  );
}

/** Completion from counts kept elsewhere (e.g. a list row); percent is done over total. */
export function completionFromCounts(
  done: number,
  closed: number,
  total: number,
): Completion {
  return {
    done,
    closed,
    total,
    percent: total === 0 ? 0 : Math.round((done * 100) / total),
  };
}

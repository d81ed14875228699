import type { CriterionGroup } from '../protocol/criteria';
import type { ProtocolDefinition } from '../protocol/protocol.types';
import type { CriterionEvaluation, Flag, Overall } from './evaluation.types';

const FLAG_TEXT: Record<Flag, string> = {
  possible_castleman_variant:
    'Castleman disease without an established clonal plasma cell disorder: possibly the Castleman variant, a separate entity — review.',
  kappa_clone_review:
    'The clone is shown only as κ (λ is typical): the criterion is met, but review.',
};

/** Clinician-facing text of a review flag. */
export function flagText(flag: Flag): string {
  return FLAG_TEXT[flag];
}

const itemNames = (
  protocol: ProtocolDefinition,
  keys: readonly string[],
): string =>
  keys
    .map((k) => protocol.items.find((i) => i.key === k)?.shortName ?? k)
    .join(', ');

/** A criterion evaluation before its explanation is written. */
type CriterionDraft = Omit<CriterionEvaluation, 'explanation'>;

/**
 * One sentence explaining a criterion's status; `inactive` are establishing items not activated,
 * `reasons` the rules' bases for the evidence, given when the criterion is not met or indeterminate.
 */
export function criterionExplanation(
  protocol: ProtocolDefinition,
  c: CriterionDraft,
  inactive: readonly string[],
  reasons: readonly string[] = [],
): string {
  const why = reasons.length > 0 ? ` — ${reasons.join('; ')}` : '';
  switch (c.status) {
    case 'met':
      return `Met by ${itemNames(protocol, c.evidence)}.`;
    case 'pending':
      return `Pending: ${itemNames(protocol, c.openItems)}.`;
    case 'indeterminate':
      return `Indeterminate: ${itemNames(protocol, c.evidence)} could not settle it${why}.`;
    case 'not_met':
      if (!c.assessed) {
        return inactive.length > 0
          ? `Not assessed (${itemNames(protocol, inactive)} not activated).`
          : 'Not assessed (no establishing item performed).';
      }
      return `Not met: ${itemNames(protocol, c.evidence) || 'no establishing item'} found it absent${why}.`;
  }
}

/** A criterion's name inside a sentence: lower-case first letter unless the protocol says otherwise. */
function nameInText(protocol: ProtocolDefinition, c: CriterionEvaluation): string {
  const definition = protocol.criteria.find((d) => d.key === c.key);
  return definition?.nameInText ?? `${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`;
}

const names = (protocol: ProtocolDefinition, criteria: readonly CriterionEvaluation[]): string =>
  criteria.map((c) => nameInText(protocol, c)).join(', ');

function groupSentence(
  protocol: ProtocolDefinition,
  group: CriterionGroup,
  criteria: readonly CriterionEvaluation[],
): string {
  const members = criteria.filter((c) => c.group === group);
  const met = members.filter((c) => c.status === 'met');
  const pending = members.filter((c) => c.status === 'pending');
  if (group === 'mandatory') {
    if (met.length === members.length) {
      return 'Both mandatory criteria met';
    }
    const unmet = members
      .filter((c) => c.status !== 'met')
      .map(
        (c) =>
          `${nameInText(protocol, c)} ${c.status === 'pending' ? `pending (${itemNames(protocol, c.openItems)})` : c.status.replace('_', ' ')}`,
      );
    return `Mandatory: ${unmet.join('; ')}`;
  }
  if (met.length > 0) {
    return `${group}: ${names(protocol, met)}`;
  }
  if (pending.length === 0) {
    return `${group}: none met`;
  }
  const open = [...new Set(pending.flatMap((c) => c.openItems))];
  return `${group}: still needed — ${itemNames(protocol, open)} pending`;
}

/**
 * The overall result in plain language, e.g. "Both mandatory criteria met; major: VEGF
 * elevation; minor: still needed — endocrine panel pending."
 */
export function overallExplanation(
  protocol: ProtocolDefinition,
  criteria: readonly CriterionEvaluation[],
  overall: Overall,
  flags: readonly Flag[],
): string {
  const lead: Record<Overall, string> = {
    criteria_met: 'Criteria met. ',
    criteria_not_met: 'Criteria cannot be met with the current results. ',
    incomplete: '',
  };
  const groups = (['mandatory', 'major', 'minor'] as const)
    .map((g) => groupSentence(protocol, g, criteria))
    .join('; ');
  const flagged = flags.map((f) => ` ${FLAG_TEXT[f]}`).join('');
  return `${lead[overall]}${groups}.${flagged}`;
}

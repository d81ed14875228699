import type { CriterionGroup } from '../protocol/criteria';
import type {
  InferenceRule,
  ProtocolDefinition,
} from '../protocol/protocol.types';
import type { Finding } from '../workup/findings';
import type {
  CriterionEvaluation,
  EvaluationItem,
  Flag,
  NextTestAction,
  Overall,
} from './evaluation.types';

const FLAG_TEXT: Record<Flag, string> = {
  possible_castleman_variant:
    'Castleman disease without an established clonal plasma cell disorder: possibly the Castleman variant, a separate entity — review.',
  kappa_clone_review:
    'The clone is shown only as κ (λ is typical): the criterion is met, but review.',
  igm_clone_review:
    'The clone is IgM: POEMS is rarely IgM — consider anti-MAG neuropathy or Waldenström macroglobulinaemia; review.',
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

const RULE_NAMES: Record<InferenceRule, string> = {
  vegf_by_specimen: 'VEGF-by-specimen',
  cbc_upper_limits: 'blood count upper limit',
  immunofixation_chain: 'immunofixation',
  clonal_plasma_cells: 'clonal plasma cell',
  m_spike: 'M-spike',
  free_light_chain_ratio: 'free light chain ratio',
  endocrine_axes:
    'endocrine axes (diabetes or a thyroid abnormality alone does not count)',
  bone_lesions: 'bone lesion',
  recorded_signs: 'recorded signs',
};

/** What an item's finding for a criterion rests on: the finding in force and the inference it overrides. */
export interface EvidenceDetail {
  readonly item: string;
  readonly finding: Finding;
  /** The inferred finding an assertion contradicts (a different value), if any. */
  readonly overridden?: Finding;
}

/** "2026-03-09 10:00 UTC" from an ISO instant; the text as given when it is not one. */
function instantText(at: string): string {
  const time = new Date(at);
  return Number.isNaN(time.getTime())
    ? at
    : `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "asserted present by Dr A at 2026-03-09 10:00 UTC". */
function assertionText(finding: Finding): string {
  const by = finding.assertedBy ? ` by ${finding.assertedBy}` : '';
  const at = finding.assertedAt ? ` at ${instantText(finding.assertedAt)}` : '';
  return `asserted ${finding.value}${by}${at}`;
}

/**
 * The note of an assertion that contradicts a rule's inference (domain reference §5): the rule,
 * what it inferred and why, who asserted and when. Undefined when nothing was contradicted.
 */
export function contradictionNote(
  asserted: Finding,
  overridden: Finding | undefined,
): string | undefined {
  if (overridden === undefined || asserted.source !== 'asserted') {
    return undefined;
  }
  const ruleName = overridden.rule ? RULE_NAMES[overridden.rule] : undefined;
  const rule = ruleName ? `the ${ruleName} rule` : 'a rule';
  const basis = overridden.basis ? ` (${overridden.basis})` : '';
  return `${assertionText(asserted)}, contradicting ${rule}, which inferred ${overridden.value}${basis}`;
}

/** One item's part of an explanation: the value and limit that decided, or who asserted what. */
function evidencePhrase(
  protocol: ProtocolDefinition,
  detail: EvidenceDetail,
): string {
  const name = itemNames(protocol, [detail.item]);
  const { finding } = detail;
  if (finding.source === 'asserted') {
    return `${name}: ${contradictionNote(finding, detail.overridden) ?? assertionText(finding)}`;
  }
  return finding.basis
    ? `${name}: ${finding.basis}`
    : `${name} found it ${finding.value}`;
}

/** A criterion evaluation before its explanation is written. */
type CriterionDraft = Omit<CriterionEvaluation, 'explanation'>;

/** What a criterion's explanation needs beyond its evaluation. */
export interface ExplanationContext {
  /** Conditional establishing items not activated. */
  readonly inactive: readonly string[];
  /** The rules' bases for the evidence (e.g. the diabetes/thyroid reading). */
  readonly reasons?: readonly string[];
  /** Each evidence item's finding, with the inference an assertion overrides. */
  readonly details?: readonly EvidenceDetail[];
  /** Cancelled or not-indicated items that could have settled it. */
  readonly closed?: readonly EvaluationItem[];
  /** Inactive conditional items whose activating sign was found. */
  readonly activatable?: readonly string[];
  /** Whether the criterion hangs on a finding (lymphadenopathy) that calls for a conditional item. */
  readonly signSearch?: boolean;
  /** What calls for the conditional item, as found and as still to be found. */
  readonly cue?: Cue;
}

/**
 * What calls for a conditional item, in words: `sought` is what may still be found ("lymphadenopathy"),
 * `found` the sentence once it was ("lymphadenopathy was found"), `establishes` how the item
 * settles the criterion ("node histology can establish").
 */
export interface Cue {
  readonly sought: string;
  readonly found: string;
  readonly establishes: string;
}

/** The cue of the node biopsy, the only conditional item of version 1. */
export const LYMPHADENOPATHY_CUE: Cue = {
  sought: 'lymphadenopathy',
  found: 'lymphadenopathy was found',
  establishes: 'node histology can establish',
};

/** "lymph node biopsy marked not indicated by Dr A: no nodes on exam". */
function closedPhrase(
  protocol: ProtocolDefinition,
  item: EvaluationItem,
): string {
  const verb =
    item.status === 'cancelled' ? 'cancelled' : 'marked not indicated';
  const by = item.closure?.by ? ` by ${item.closure.by}` : '';
  const reason = item.closure?.reason ? ` (${item.closure.reason})` : '';
  return `${itemNames(protocol, [item.key])} ${verb}${by}${reason}`;
}

/**
 * One sentence explaining a criterion's status: the items behind it, the rules' reasons when it
 * is not met or indeterminate, and the items cancelled or marked not indicated, with who and why.
 */
export function criterionExplanation(
  protocol: ProtocolDefinition,
  c: CriterionDraft,
  context: ExplanationContext,
): string {
  const {
    inactive,
    reasons = [],
    closed = [],
    activatable = [],
    cue = LYMPHADENOPATHY_CUE,
    details = [],
  } = context;
  const cited = details.map((d) => evidencePhrase(protocol, d)).join('; ');
  const why = reasons.length > 0 ? ` — ${reasons.join('; ')}` : '';
  const closedText =
    closed.length > 0
      ? `; ${closed.map((i) => closedPhrase(protocol, i)).join('; ')}`
      : '';
  switch (c.status) {
    case 'met':
      return cited
        ? `Met by ${cited}.`
        : `Met by ${itemNames(protocol, c.evidence)}.`;
    case 'pending':
      if (activatable.length > 0 && c.openItems.length === 0) {
        return `Pending: ${cue.found} — activate ${itemNames(protocol, activatable)}.`;
      }
      return context.signSearch && c.openItems.length > 0
        ? `Pending: ${itemNames(protocol, c.openItems)} (${cue.sought} may yet call for ${itemNames(protocol, inactive)}).`
        : `Pending: ${itemNames(protocol, c.openItems)}.`;
    case 'indeterminate':
      return `Indeterminate: ${itemNames(protocol, c.evidence)} could not settle it${why}${closedText}.`;
    case 'not_met':
      if (!c.assessed) {
        if (context.signSearch) {
          return `Not assessed: no ${cue.sought} found, so ${itemNames(protocol, inactive)} was not activated${closedText}.`;
        }
        if (closed.length > 0) {
          return `Not assessed: ${closed.map((i) => closedPhrase(protocol, i)).join('; ')}.`;
        }
        return inactive.length > 0
          ? `Not assessed (${itemNames(protocol, inactive)} not activated).`
          : 'Not assessed (no establishing item performed).';
      }
      // Each item's own reading: an abnormality that does not count is named, never "absent".
      return cited
        ? `Not met: ${cited}${closedText}.`
        : `Not met: ${itemNames(protocol, c.evidence) || 'no establishing item'} found it absent${why}${closedText}.`;
  }
}

/** The `why` sentence of a next test. */
export function nextTestWhy(
  protocol: ProtocolDefinition,
  c: CriterionEvaluation,
  action: NextTestAction,
  items: readonly string[],
  context: {
    readonly indeterminateItems: readonly EvaluationItem[];
    readonly openSignSources: readonly string[];
    readonly reopenable: readonly EvaluationItem[];
    /** Inactive conditional items the open sign sources could call for. */
    readonly calledFor?: readonly string[];
    readonly cue?: Cue;
  },
): string {
  const cue = context.cue ?? LYMPHADENOPATHY_CUE;
  const criterion = nameInText(protocol, c);
  const named = itemNames(protocol, items);
  switch (action) {
    case 'complete':
      return items.every((k) => context.openSignSources.includes(k))
        ? `Complete ${named}: ${cue.sought} found there calls for ${article(itemNames(protocol, context.calledFor ?? ['lymph_node_biopsy']))}, which can establish ${criterion}.`
        : `Complete ${named}: a present finding would meet ${criterion}.`;
    case 'repeat': {
      const serumVegf = context.indeterminateItems.find(
        (i) => i.key === 'vegf' && i.specimen === 'serum',
      );
      if (serumVegf && items.length === 1) {
        return `Repeat as plasma VEGF: serum VEGF cannot be judged without the laboratory's upper limit; plasma VEGF ≥ ${protocol.thresholds.vegfPlasmaPgPerMl} pg/mL meets ${criterion}.`;
      }
      if (items.length === 1 && items[0] === 'emg_ncs') {
        return `Repeat nerve conduction studies: the study was equivocal, so ${criterion} could not be judged.`;
      }
      return `Repeat or clarify ${named}: the result could not settle ${criterion}.`;
    }
    case 'activate':
      return `Activate ${named}: ${cue.found}, and ${cue.establishes} ${criterion}.`;
    case 'reopen':
      return `Reopen ${context.reopenable
        .filter((i) => items.includes(i.key))
        .map((i) => closedPhrase(protocol, i))
        .join(
          '; ',
        )}: it could still establish ${criterion} and change the verdict.`;
  }
}

const article = (noun: string): string =>
  `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** A criterion's name inside a sentence: lower-case first letter unless the protocol says otherwise. */
function nameInText(
  protocol: ProtocolDefinition,
  c: Pick<CriterionEvaluation, 'key' | 'name'>,
): string {
  const definition = protocol.criteria.find((d) => d.key === c.key);
  return (
    definition?.nameInText ??
    `${c.name.charAt(0).toLowerCase()}${c.name.slice(1)}`
  );
}

const names = (
  protocol: ProtocolDefinition,
  criteria: readonly CriterionEvaluation[],
): string => criteria.map((c) => nameInText(protocol, c)).join(', ');

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
    const unsure = members.filter((c) => c.status === 'indeterminate');
    return unsure.length > 0
      ? `${group}: none met — ${names(protocol, unsure)} indeterminate`
      : `${group}: none met`;
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
    indeterminate:
      'Indeterminate: only a repeat or clarification of a result that could not be judged can meet the criteria. ',
    incomplete: '',
  };
  const groups = (['mandatory', 'major', 'minor'] as const)
    .map((g) => groupSentence(protocol, g, criteria))
    .join('; ');
  const flagged = flags.map((f) => ` ${FLAG_TEXT[f]}`).join('');
  return `${lead[overall]}${groups}.${flagged}`;
}

import {
  EVIDENCE_LABEL_TEXT,
  EVIDENCE_LABELS,
  type DomainAssessment,
  type EvidenceLabel,
  type FollowupRuleDefinition,
  type RuleBasis,
  type SummaryValue,
} from '@poems/domain';

/** The phases after the workup, in order (poems-followup.md §1). */
export const PHASES = [
  'Workup',
  'Diagnosis',
  'Staging and risk',
  'Treatment lines',
  'Follow-up',
] as const;

export const DOMAIN_LABELS: Readonly<Record<string, string>> = {
  vegf: 'VEGF',
  hematologic: 'Hematologic',
  radiographic: 'Radiographic (PET)',
  neurological: 'Neurological (ONLS)',
};

const words = (code: string): string => code.replace(/_/g, ' ');

/** A category's text: never colour alone. */
export function categoryText(assessment: DomainAssessment): string {
  if (assessment.status === 'pending') {
    return 'pending';
  }
  const base =
    assessment.category === 'not_evaluable'
      ? 'not evaluable'
      : assessment.category === 'CR' || assessment.category === 'PR'
        ? assessment.category
        : words(assessment.category);
  return assessment.confirmation && assessment.category === 'progression'
    ? `${base} (${words(assessment.confirmation)})`
    : base;
}

/** The CSS modifier of a category or summary (the colour beside the text). */
export function categoryLook(value: string): string {
  switch (value) {
    case 'CR':
    case 'PR':
    case 'improved':
    case 'response':
      return 'good';
    case 'progression':
    case 'progression_unconfirmed':
      return 'bad';
    case 'stable':
      return 'neutral';
    default:
      return 'muted';
  }
}

export function summaryText(value: SummaryValue): string {
  return words(value);
}

/**
 * The tooltip of a figure that depends on tracker defaults: the notice and every rule named
 * (empty when it rests on none).
 */
export function trackerDefaultTooltip(
  basis: RuleBasis,
  rules: readonly FollowupRuleDefinition[],
  notice: string,
): string {
  if (basis.trackerDefaults.length === 0) {
    return '';
  }
  const names = basis.trackerDefaults.map(
    (id) => rules.find((r) => r.id === id)?.name ?? id,
  );
  return `${notice[0]?.toUpperCase()}${notice.slice(1)}: ${names.join('; ')}`;
}

/** One evidence label a figure rests on, with the rules that carry it. */
export interface EvidenceGroup {
  readonly label: EvidenceLabel;
  readonly text: string;
  readonly rules: readonly string[];
}

/**
 * The evidence labels of a figure's rules (poems-followup.md: [V] read in the source, [V2]
 * secondary, [D] tracker default), each with the names of its rules, in that order.
 */
export function evidenceOf(
  basis: RuleBasis,
  rules: readonly FollowupRuleDefinition[],
): EvidenceGroup[] {
  const used = rules.filter((r) => basis.rules.includes(r.id));
  return EVIDENCE_LABELS.map((label) => ({
    label,
    text: EVIDENCE_LABEL_TEXT[label],
    rules: used.filter((r) => r.label === label).map((r) => r.name),
  })).filter((g) => g.rules.length > 0);
}

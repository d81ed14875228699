import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import { mergeBases, ruleBasis } from '../protocol/rule-basis';
import type { ResponseDomain, SummaryValue } from './response-vocabulary';
import type {
  AssessedDomain,
  DomainAssessment,
  TimePointSummary,
} from './response.types';

const isAssessed = (a: DomainAssessment): a is AssessedDomain =>
  a.status === 'assessed';

/**
 * The summary of one time point (poems-followup.md §5.5, [D]; not a published composite), the first
 * that applies: `progression` (a confirmed progression) → `progression_unconfirmed` (an unconfirmed
 * one) → `response` (a CR, PR or improved) → `stable` (a domain evaluable; a progression that was
 * not confirmed counts only as evaluable) → `not_evaluable`. While no domain is evaluable yet and
 * one still may be, the summary is `pending`, never `not_evaluable`.
 */
export function summarizeTimePoint(
  protocol: FollowupProtocolDefinition,
  assessments: readonly DomainAssessment[],
): TimePointSummary {
  const assessed = assessments.filter(isAssessed);
  const progressions = (status: 'confirmed' | 'unconfirmed') =>
    assessed.filter(
      (a) => a.category === 'progression' && a.confirmation === status,
    );
  const clauses: readonly [SummaryValue, readonly AssessedDomain[]][] = [
    ['progression', progressions('confirmed')],
    ['progression_unconfirmed', progressions('unconfirmed')],
    [
      'response',
      assessed.filter(
        (a) =>
          a.category === 'CR' ||
          a.category === 'PR' ||
          a.category === 'improved',
      ),
    ],
    ['stable', assessed.filter((a) => a.category !== 'not_evaluable')],
  ];
  const decided = clauses.find(([, domains]) => domains.length > 0);
  if (decided) {
    const [value, domains] = decided;
    const names = domains.map((d) => d.domain);
    return {
      value,
      domains: names,
      explanation: `${value.replace('_', ' ')}: ${domains.map((d) => `${d.domain} ${d.category}${d.confirmation ? ` (${d.confirmation.replace('_', ' ')})` : ''}`).join(', ')}.`,
      ...mergeBases(protocol, ruleBasis(protocol, ['summary']), ...domains),
    };
  }
  const pending = assessments
    .filter((a) => a.status === 'pending')
    .map((a): ResponseDomain => a.domain);
  if (pending.length > 0) {
    return {
      value: 'pending',
      domains: pending,
      explanation: `Pending: no domain is evaluable yet; awaiting ${pending.join(', ')}.`,
      ...ruleBasis(protocol, ['summary', 'time_points']),
    };
  }
  return {
    value: 'not_evaluable',
    domains: assessed.map((a) => a.domain),
    explanation: `Not evaluable: ${assessed.map((a) => `${a.domain} (${a.reason ?? 'not evaluable'})`).join(', ')}.`,
    ...mergeBases(protocol, ruleBasis(protocol, ['summary']), ...assessed),
  };
}

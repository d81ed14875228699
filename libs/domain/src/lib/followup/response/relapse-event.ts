import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import { mergeBases, ruleBasis } from '../protocol/rule-basis';
import {
  EVENT_TYPE_OF,
  EVENT_TYPES,
  type EventType,
} from './response-vocabulary';
import type {
  AssessedDomain,
  DomainAssessment,
  EventDomain,
  RelapseProgressionEvent,
} from './response.types';

/**
 * The relapse/progression event of a line (poems-followup.md §5.5, [D]): one per line, from the
 * confirmed progressions, dated at the first result of the earliest confirming sequence. Its types
 * are the domains with a confirmed progression (neurological = `clinical`); `symptomatic` when
 * `clinical` is among them; a `relapse` when the earliest one followed a CR in its domain. Null
 * while no progression is confirmed.
 */
export function relapseProgressionEvent(
  protocol: FollowupProtocolDefinition,
  assessments: readonly DomainAssessment[],
): RelapseProgressionEvent | null {
  const confirmed = assessments.filter(
    (a): a is AssessedDomain & { readonly date: string } =>
      a.status === 'assessed' &&
      a.category === 'progression' &&
      a.confirmation === 'confirmed' &&
      a.date !== undefined,
  );
  // One entry per domain: its first confirmed progression.
  const firstPerDomain = new Map<
    string,
    AssessedDomain & { readonly date: string }
  >();
  for (const a of [...confirmed].sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : 0,
  )) {
    if (!firstPerDomain.has(a.domain)) {
      firstPerDomain.set(a.domain, a);
    }
  }
  const domains: EventDomain[] = [...firstPerDomain.values()].map((a) => ({
    domain: a.domain,
    type: EVENT_TYPE_OF[a.domain],
    timePoint: a.timePoint,
    date: a.date,
    resultIds: a.resultIds,
    relapse: a.relapse === true,
    ...(a.confirmationStep ? { confirmationStep: a.confirmationStep } : {}),
  }));
  const first = domains[0];
  if (!first) {
    return null;
  }
  const earliest = domains.filter((d) => d.date === first.date);
  const present = new Set<EventType>(domains.map((d) => d.type));
  const types = EVENT_TYPES.filter((t) => present.has(t));
  return {
    kind: earliest.some((d) => d.relapse) ? 'relapse' : 'progression',
    date: first.date,
    types,
    symptomatic: present.has('clinical'),
    domains,
    ...mergeBases(
      protocol,
      ruleBasis(protocol, ['relapse_event']),
      ...firstPerDomain.values(),
    ),
  };
}

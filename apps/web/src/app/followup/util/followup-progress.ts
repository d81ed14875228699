import type { DomainAssessment, LineFollowup } from '@poems/domain';
import type { FollowupInstanceView, FollowupView } from '@poems/contract';
import {
  DOMAIN_LABELS,
  evidenceOf,
  PHASES,
  type EvidenceGroup,
} from '../followup-labels';
import { ITEM_DOMAIN } from '../followup-result-body';

/** Where a phase stands on the timeline. */
export type PhaseState = 'done' | 'current' | 'to come';

/** The phases after the workup (poems-followup.md), each with where it stands. */
export function phasesOf(
  view: FollowupView | null,
): { name: (typeof PHASES)[number]; state: PhaseState }[] {
  const states: PhaseState[] = [
    view?.diagnosis ? 'done' : 'current',
    view?.diagnosis ? 'done' : 'to come',
    !view?.diagnosis ? 'to come' : view.staging ? 'done' : 'current',
    !view?.diagnosis ? 'to come' : view.lines.length > 0 ? 'done' : 'current',
    view && view.lines.length > 0 ? 'current' : 'to come',
  ];
  return PHASES.map((name, i) => ({ name, state: states[i] as PhaseState }));
}

/** A recorded result's answer, for the line under the grid. */
export interface ResultResponse {
  readonly where: string;
  readonly domain: string | null;
  readonly assessment: DomainAssessment | null;
  readonly evidence: EvidenceGroup[];
}

/** What a recorded result answered: its domain's assessment at that time point, with its evidence. */
export function responseTo(
  instance: FollowupInstanceView | null,
  view: FollowupView | null,
): ResultResponse | null {
  if (instance === null || !view?.evaluation) {
    return null;
  }
  const domain = ITEM_DOMAIN[instance.itemKey];
  const where = `${instance.itemKey.replace(/_/g, ' ')} ${instance.timePoint}`;
  if (domain === undefined) {
    return { where, domain: null, assessment: null, evidence: [] };
  }
  const assessment =
    view.evaluation.lines
      .find((l) => l.line.id === instance.lineId)
      ?.timePoints.find((t) => t.key === instance.timePoint)
      ?.domains.find((d) => d.domain === domain) ?? null;
  return {
    where,
    domain: DOMAIN_LABELS[domain] ?? domain,
    assessment,
    evidence:
      assessment?.status === 'assessed'
        ? evidenceOf(assessment, view.rules)
        : [],
  };
}

/** A treatment line's heading: number, regimen and dates. */
export function lineTitle(line: LineFollowup): string {
  const l = line.line;
  return `Line ${l.lineNumber}: ${l.regimenClass.replace(/_/g, ' ')}${l.regimenText ? ` (${l.regimenText})` : ''}, from ${l.startDate}${l.endDate ? ` to ${l.endDate}` : ''}`;
}

import {
  RESPONSE_DOMAINS,
  type FollowupEvaluation,
  type LineFollowup,
  type ResponseDomain,
} from '@poems/domain';

/** What the follow-up report keeps of a patient's evaluation (table `followup_report_facts`). */
export interface FollowupReportFacts {
  readonly evaluatedOn: string;
  /** The latest line's relapse/progression event. */
  readonly event: 'relapse' | 'progression' | null;
  readonly domains: readonly DomainFacts[];
}

/** One row of `followup_assessed_time_points`. */
export interface DomainFacts {
  readonly domain: ResponseDomain;
  /** Time points of every line assessed on `evaluatedOn` (a category, not evaluable included). */
  readonly assessed: number;
  /**
   * The days on which each other time point becomes assessed if nothing else changes: a time point
   * left without a result becomes not evaluable when its range has passed (`asOf >= rangeEnd`),
   * and a line whose anchor lies ahead gets its time points on the anchor day, each pending until
   * its range ends. Any change in between rewrites the facts.
   */
  readonly assessedLater: readonly string[];
}

/**
 * The day after which `evaluation` may hide time points: the latest anchor still ahead of it (an
 * ASCT booked, a radiation course not yet ended). Null when every line's anchor is known or
 * absent: the evaluation then lists every time point there will be.
 */
export function laterAnchor(evaluation: FollowupEvaluation): string | null {
  const ahead = evaluation.lines
    .filter((l) => l.anchor.date === null)
    .map((l) => anchorValue(l))
    .filter((d): d is string => d !== null && d > evaluation.asOf)
    .sort();
  return ahead[ahead.length - 1] ?? null;
}

/**
 * The report's facts from the evaluation as of today and, when a line's anchor lies ahead, the
 * evaluation as of that anchor (which lists the time points it will bring, all still pending).
 * Counts what `followupReportRow` counts on the day: the integration test holds the SQL report
 * against it on later days too.
 */
export function followupReportFacts(
  today: FollowupEvaluation,
  atLaterAnchor: FollowupEvaluation | null,
): FollowupReportFacts {
  const key = (lineId: string, timePoint: string): string =>
    `${lineId}/${timePoint}`;
  const domains = RESPONSE_DOMAINS.map((domain): DomainFacts => {
    let assessed = 0;
    const later: string[] = [];
    const seen = new Set<string>();
    for (const line of today.lines) {
      for (const tp of line.timePoints) {
        seen.add(key(line.line.id, tp.key));
        const d = tp.domains.find((a) => a.domain === domain);
        if (d?.status === 'assessed') {
          assessed++;
        } else if (d !== undefined) {
          later.push(tp.rangeEnd);
        }
      }
    }
    for (const line of atLaterAnchor?.lines ?? []) {
      for (const tp of line.timePoints) {
        if (!seen.has(key(line.line.id, tp.key))) {
          later.push(tp.rangeEnd);
        }
      }
    }
    return { domain, assessed, assessedLater: later.sort() };
  });
  const latest = today.lines[today.lines.length - 1];
  return {
    evaluatedOn: today.asOf,
    event: latest?.event?.kind ?? null,
    domains,
  };
}

function anchorValue(line: LineFollowup): string | null {
  switch (line.anchor.field) {
    case 'start_date':
      return line.line.startDate;
    case 'end_date':
      return line.line.endDate ?? null;
    case 'transplant_date':
      return line.line.transplantDate ?? null;
  }
}

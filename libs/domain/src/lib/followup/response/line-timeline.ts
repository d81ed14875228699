import { addDays } from '../../schedule/due-date';
import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import {
  lineAnchor,
  supersedingLine,
  type LineAnchor,
} from '../treatment/treatment-line';
import type { TreatmentLine } from '../treatment/treatment-line.types';
import type { TimePointKey } from './response-vocabulary';
import { inRange, timePointWindows, type TimePointWindow } from './time-points';

/** Where a result stands in a line's follow-up (§1). */
export const PLACEMENTS = [
  'before_baseline_window',
  'baseline_window',
  'on_treatment',
  'interim',
  'time_point',
  'after_follow_up',
  'next_line',
] as const;

/** The place of a result in a line. */
export type PlacementKind = (typeof PLACEMENTS)[number];

/** The place of a result in a line, with its time point when it falls in one's range. */
export interface Placement {
  readonly kind: PlacementKind;
  readonly timePoint?: TimePointKey;
}

/** The dates that organise one line's follow-up. */
export interface LineTimeline {
  readonly line: TreatmentLine;
  readonly anchor: LineAnchor;
  /** [start − baseline days, start], both inclusive. */
  readonly baselineWindow: { readonly from: string; readonly to: string };
  /** The superseding line's start date (exclusive end of this line's follow-up), if recorded. */
  readonly followUpEnd: string | null;
  readonly supersededBy: TreatmentLine | null;
  /** Empty while the line has no anchor. */
  readonly timePoints: readonly TimePointWindow[];
}

/** The timeline of a line as of a day. */
export function lineTimeline(
  protocol: FollowupProtocolDefinition,
  lines: readonly TreatmentLine[],
  line: TreatmentLine,
  asOf: string,
): LineTimeline {
  const anchor = lineAnchor(protocol, line, asOf);
  const next = supersedingLine(lines, line) ?? null;
  const followUpEnd = next ? next.startDate : null;
  return {
    line,
    anchor,
    baselineWindow: {
      from: addDays(line.startDate, -protocol.baselineWindowDays),
      to: line.startDate,
    },
    followUpEnd,
    supersededBy: next,
    timePoints:
      anchor.date === null
        ? []
        : timePointWindows(protocol, anchor.date, followUpEnd),
  };
}

/** Whether a date is in the line's baseline window. */
export function inBaselineWindow(
  timeline: LineTimeline,
  date: string,
): boolean {
  return (
    date >= timeline.baselineWindow.from && date <= timeline.baselineWindow.to
  );
}

/**
 * The place of a result date in a line: baseline window; on-treatment (after the start, up to the
 * anchor); interim (after the anchor, before the M3 window opens); a time point's range; after the
 * last range; or in the next line (from its start date).
 */
export function placementOf(timeline: LineTimeline, date: string): Placement {
  const { line, anchor, followUpEnd, timePoints } = timeline;
  if (date < timeline.baselineWindow.from) {
    return { kind: 'before_baseline_window' };
  }
  if (date <= line.startDate) {
    return { kind: 'baseline_window' };
  }
  if (followUpEnd !== null && date >= followUpEnd) {
    return { kind: 'next_line' };
  }
  if (anchor.date === null || date <= anchor.date) {
    return { kind: 'on_treatment' };
  }
  const first = timePoints[0];
  // A line superseded before its M3 window opens has no time point: all it has after the anchor is interim.
  if (first === undefined || date < first.windowStart) {
    return { kind: 'interim' };
  }
  const tp = timePoints.find((t) => inRange(t, date));
  return tp
    ? { kind: 'time_point', timePoint: tp.key }
    : { kind: 'after_follow_up' };
}

/** Whether a date is after the anchor and inside the line's follow-up: interim or in a range. */
export function isPostAnchor(timeline: LineTimeline, date: string): boolean {
  const { anchor, followUpEnd, timePoints } = timeline;
  const last = timePoints[timePoints.length - 1];
  return (
    anchor.date !== null &&
    date > anchor.date &&
    date > timeline.line.startDate &&
    (followUpEnd === null || date < followUpEnd) &&
    (last === undefined || date < last.rangeEnd)
  );
}

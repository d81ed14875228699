import { addDays } from '../../schedule/due-date';
import { addMonths, daysBetween, earlierOf } from '../calendar';
import type { FollowupProtocolDefinition } from '../protocol/followup-protocol.types';
import type { TimePointKey } from './response-vocabulary';

/** A time point of a line with its dates (poems-followup.md §1, [D]). */
export interface TimePointWindow {
  readonly key: TimePointKey;
  readonly months: number;
  readonly halfWidthDays: number;
  /** Anchor + k calendar months, the day clamped to the month's end. */
  readonly targetDate: string;
  /** Target − half-width: the window opens, and so does the time point's range. */
  readonly windowStart: string;
  /** Target + half-width: the window closes. */
  readonly windowEnd: string;
  /** The instance due date: the window's last day. */
  readonly dueDate: string;
  /**
   * The first day no longer in the range (exclusive): the next time point's window opening, the
   * day after the last window, or the superseding line's start date, whichever comes first.
   */
  readonly rangeEnd: string;
}

/**
 * The time points of a line anchored on a date: Mk = anchor + k months with their windows; a result
 * belongs to Mk when dated in [window start of Mk, window start of Mk+1). With `followUpEnd` (the
 * superseding line's start) time points whose window opens on or after it are dropped and the last
 * range is cut there.
 */
export function timePointWindows(
  protocol: FollowupProtocolDefinition,
  anchor: string,
  followUpEnd: string | null = null,
): TimePointWindow[] {
  const opened = protocol.timePoints.map((tp) => {
    const targetDate = addMonths(anchor, tp.months);
    const windowEnd = addDays(targetDate, tp.halfWidthDays);
    return {
      key: tp.key,
      months: tp.months,
      halfWidthDays: tp.halfWidthDays,
      targetDate,
      windowStart: addDays(targetDate, -tp.halfWidthDays),
      windowEnd,
      dueDate: windowEnd,
    };
  });
  return opened
    .map((tp, i): TimePointWindow => {
      const next = opened[i + 1];
      const rangeEnd = next ? next.windowStart : addDays(tp.windowEnd, 1);
      return {
        ...tp,
        rangeEnd: followUpEnd ? earlierOf(rangeEnd, followUpEnd) : rangeEnd,
      };
    })
    .filter((tp) => followUpEnd === null || tp.windowStart < followUpEnd);
}

/** Whether a date lies in a time point's range. */
export function inRange(tp: TimePointWindow, date: string): boolean {
  return date >= tp.windowStart && date < tp.rangeEnd;
}

/** The distance of a date from a time point's target, in days (for the nearest-target rule). */
export function distanceFromTarget(tp: TimePointWindow, date: string): number {
  return Math.abs(daysBetween(tp.targetDate, date));
}

import type { ResultInput } from '../../workup/result';

/**
 * A done result as the follow-up reads it: a workup or follow-up result of one catalog item, dated
 * by the day the test was performed (the specimen or study date, in the clinic's calendar). A
 * patient's results form a series per item; a corrected result is passed with its corrected
 * content, never beside it.
 */
export interface FollowupResult {
  /** Stable identifier; ties between results on the same date are broken by it. */
  readonly id: string;
  /** The catalog key (`vegf`, `neuro_exam`, `chemistry_panel`, …). */
  readonly itemKey: string;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly result: ResultInput;
}

/** Chronological order, ties by id: every rule reads results in this one order. */
export function compareResults(a: FollowupResult, b: FollowupResult): number {
  if (a.date !== b.date) {
    return a.date < b.date ? -1 : 1;
  }
  if (a.id === b.id) {
    return 0;
  }
  return a.id < b.id ? -1 : 1;
}

/** The results in chronological order (a new array). */
export function inDateOrder(
  results: readonly FollowupResult[],
): FollowupResult[] {
  return [...results].sort(compareResults);
}

/** The latest of some results (by date, then id), or undefined when there are none. */
export function latestOf(
  results: readonly FollowupResult[],
): FollowupResult | undefined {
  return results.reduce<FollowupResult | undefined>(
    (latest, r) =>
      latest === undefined || compareResults(r, latest) > 0 ? r : latest,
    undefined,
  );
}

/** Results grouped by catalog item, each group in date order. */
export type ResultsByItem = ReadonlyMap<string, readonly FollowupResult[]>;

/** Groups results by item, each group in date order (read once, then looked up per item). */
export function resultsByItem(
  results: readonly FollowupResult[],
): ResultsByItem {
  const groups = new Map<string, FollowupResult[]>();
  for (const r of inDateOrder(results)) {
    const group = groups.get(r.itemKey);
    if (group) {
      group.push(r);
    } else {
      groups.set(r.itemKey, [r]);
    }
  }
  return groups;
}

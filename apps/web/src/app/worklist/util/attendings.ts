import type { UserView, WorklistRow } from '@poems/contract';

/** An attending hematologist the list can be filtered by. */
export interface AttendingOption {
  readonly id: string;
  readonly name: string;
}

/** The attendings seen so far with those of these rows added; null when none is new. */
export function withAttendingsOf(
  seen: ReadonlyMap<string, string>,
  rows: readonly WorklistRow[],
): ReadonlyMap<string, string> | null {
  const next = new Map(seen);
  let changed = false;
  for (const row of rows) {
    if (row.attendingId && row.attendingName && !next.has(row.attendingId)) {
      next.set(row.attendingId, row.attendingName);
      changed = true;
    }
  }
  return changed ? next : null;
}

/**
 * Attendings to filter by, by name: every one the list has shown, the selected one (even when
 * not shown yet), and the user when a hematologist.
 */
export function attendingOptions(
  seen: ReadonlyMap<string, string>,
  selected: string | undefined,
  me: UserView | null,
): AttendingOption[] {
  const options = [...seen].map(([id, name]) => ({ id, name }));
  if (selected !== undefined && !options.some((o) => o.id === selected)) {
    options.push({
      id: selected,
      name: selected === me?.id ? me.displayName : 'The selected attending',
    });
  }
  if (me?.role === 'hematologist' && !options.some((o) => o.id === me.id)) {
    options.unshift({ id: me.id, name: me.displayName });
  }
  return options.sort((a, b) => a.name.localeCompare(b.name));
}

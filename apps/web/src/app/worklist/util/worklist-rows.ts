import type { WorklistRow } from '@poems/contract';

/** A patient's heading row when the list is grouped by patient. */
export interface PatientGroupRow {
  readonly group: true;
  readonly patientId: string;
  readonly patientName: string;
  readonly mrn: string;
  readonly rows: readonly WorklistRow[];
}

/** What the table shows: item rows, each patient's preceded by its heading when grouped. */
export type WorklistTableRow = WorklistRow | PatientGroupRow;

export const isGroup = (row: WorklistTableRow): row is PatientGroupRow =>
  'group' in row;

/** A row's identity on the page (one workup item, or one follow-up instance). */
export const rowId = (row: WorklistRow): string =>
  row.instanceId ?? `${row.workupId}/${row.itemKey}`;

/** Whether a row can be part of a bulk action: workup items (follow-up ones act on their page). */
export const selectable = (row: WorklistRow): boolean =>
  row.source !== 'followup';

/** Consecutive rows of one patient under one heading (the list is sorted by patient first). */
export function groupByPatient(
  rows: readonly WorklistRow[],
): WorklistTableRow[] {
  const out: WorklistTableRow[] = [];
  let current:
    | ({ group: true; rows: WorklistRow[] } & Omit<
        PatientGroupRow,
        'rows' | 'group'
      >)
    | null = null;
  for (const row of rows) {
    if (current === null || current.patientId !== row.patientId) {
      current = {
        group: true,
        patientId: row.patientId,
        patientName: row.patientName,
        mrn: row.mrn,
        rows: [],
      };
      out.push(current);
    }
    current.rows.push(row);
    out.push(row);
  }
  return out;
}

/** The selection with a group's selectable rows all added, or all removed when all were in. */
export function toggledGroup(
  selected: ReadonlySet<string>,
  group: PatientGroupRow,
): Set<string> {
  const ids = group.rows.filter(selectable).map(rowId);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  const next = new Set(selected);
  for (const id of ids) {
    if (all) {
      next.delete(id);
    } else {
      next.add(id);
    }
  }
  return next;
}

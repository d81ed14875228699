import type { CompletionReportRow } from '@poems/contract';

/** Columns of the report's table, named by the row field each shows. */
export type ReportColumn = keyof Pick<
  CompletionReportRow,
  | 'patientName'
  | 'mrn'
  | 'attendingName'
  | 'status'
  | 'openedOn'
  | 'closedOn'
  | 'daysOpen'
  | 'percentComplete'
  | 'itemsOverdue'
  | 'overall'
  | 'daysToCriteriaMet'
>;

/**
 * Orders two rows by a column: numbers by value, text by the browser's collation, and empty cells
 * (null) after every value in either direction, so sorting never buries the data under blanks.
 */
export function compareRows(
  a: CompletionReportRow,
  b: CompletionReportRow,
  column: ReportColumn,
  direction: 'asc' | 'desc',
): number {
  const x = a[column];
  const y = b[column];
  if (x === y) {
    return 0;
  }
  if (x === null) {
    return 1;
  }
  if (y === null) {
    return -1;
  }
  const ascending =
    typeof x === 'number' && typeof y === 'number'
      ? x - y
      : String(x).localeCompare(String(y));
  return direction === 'asc' ? ascending : -ascending;
}

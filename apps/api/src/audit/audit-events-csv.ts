import type { Readable } from 'node:stream';
import { pipeline, Transform } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  AUDIT_EVENT_CSV_COLUMNS,
  type AuditEventRow,
  auditEventView,
} from './audit-event-query';

/** Media type of the export. */
export const AUDIT_EVENTS_CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * Turns a stream of database rows into CSV text: a header line, then one record per event with
 * the JSON view's values (`null` as an empty field, `diff` and `details` as JSON text). Quoting
 * follows RFC 4180. `done` is called exactly once, when the rows are exhausted or the pipeline
 * failed or was destroyed (the client went away), with the error if any.
 */
export function auditEventsCsv(
  rows: Readable,
  options: { readonly bom: boolean },
  done: (error: NodeJS.ErrnoException | null) => void,
): Readable {
  const views = new Transform({
    objectMode: true,
    transform(row: AuditEventRow, _encoding, callback): void {
      callback(null, auditEventView(row));
    },
  });
  const csv = stringify({
    header: true,
    columns: [...AUDIT_EVENT_CSV_COLUMNS],
    bom: options.bom,
    cast: { object: (value: object) => JSON.stringify(value) },
  });
  // pipeline destroys every stage when any fails or the response destroys the last one.
  pipeline(rows, views, csv, (error) => done(error ?? null));
  return csv;
}

/**
 * `audit-events_<from>_<to>.csv`, each bound in UTC without separators that file systems refuse
 * (`2025-01-31T080000Z`); `start` when there is no lower bound, the export's own time when there
 * is no upper one.
 */
export function auditEventsCsvFilename(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): string {
  const label = (instant: Date): string =>
    instant
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/:/g, '');
  return `audit-events_${from === undefined ? 'start' : label(new Date(from))}_${label(
    to === undefined ? now : new Date(to),
  )}.csv`;
}

import { pipeline, Transform, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { clinicIsoInstant } from '@poems/domain';
import { type CompletionReportRow } from '@poems/contract';
import {
  COMPLETION_REPORT_COLUMNS,
  completionReportRow,
  type CompletionReportRecord,
} from './completion-report.query';

/** Media type of the CSV export. */
export const COMPLETION_REPORT_CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * The reference definition of the CSV export, in JavaScript: the export itself is produced by
 * PostgreSQL ({@link completionReportCopyCsv}) and an integration test holds the two byte for byte.
 *
 * Turns a stream of report records into CSV text: a header line of the JSON row's keys, then one
 * record per row with the JSON view's values (`null` as an empty field). Quoting follows RFC 4180.
 * A text value starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a
 * spreadsheet never runs a patient's name as a formula (OWASP "CSV injection"). Instants carry
 * the clinic's offset (`2026-12-07T09:30:00-05:00`), so a reader sees the clinic's wall time.
 *
 * `done` is called exactly once, when the records are exhausted, or when the pipeline failed or
 * was destroyed because the client went away, with the error if any.
 */
export function completionReportCsv(
  records: Readable,
  options: { readonly bom: boolean; readonly timeZone: string },
  done: (error: NodeJS.ErrnoException | null) => void,
): Readable {
  const rows = new Transform({
    objectMode: true,
    transform(record: CompletionReportRecord, _encoding, callback): void {
      callback(
        null,
        onClinicClock(completionReportRow(record), options.timeZone),
      );
    },
  });
  const csv = stringify({
    header: true,
    columns: [...COMPLETION_REPORT_COLUMNS],
    bom: options.bom,
    escape_formulas: true,
  });
  // pipeline destroys every stage when any fails or the response destroys the last one.
  pipeline(records, rows, csv, (error) => done(error ?? null));
  return csv;
}

/**
 * The CSV text PostgreSQL produced for the report ({@link completionCsvQuery} through COPY) as the
 * download: the same columns, values and escaping as {@link completionReportCsv} (the reference
 * the unit tests pin down), with the byte order mark when asked. PostgreSQL also quotes a field
 * holding a bare carriage return, and a field that is exactly `\.`; a CSV reader reads the same
 * values either way. `done` as for {@link completionReportCsv}.
 */
export function completionReportCopyCsv(
  copy: Readable,
  options: { readonly bom: boolean },
  done: (error: NodeJS.ErrnoException | null) => void,
): Readable {
  let first = options.bom;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, callback): void {
      if (first) {
        first = false;
        callback(null, Buffer.concat([BOM, chunk]));
        return;
      }
      callback(null, chunk);
    },
  });
  pipeline(copy, out, (error) => done(error ?? null));
  return out;
}

const BOM = Buffer.from('\uFEFF', 'utf8');

/** `completion_<from>_<to>.<extension>`: the period's clinic dates, safe in any file system. */
export function completionReportFilename(
  from: string,
  to: string,
  extension: 'csv' | 'pdf',
): string {
  return `completion_${from}_${to}.${extension}`;
}

function onClinicClock(
  row: CompletionReportRow,
  timeZone: string,
): CompletionReportRow {
  const at = (value: string | null): string | null =>
    value === null ? null : clinicIsoInstant(value, timeZone);
  return {
    ...row,
    openedAt: clinicIsoInstant(row.openedAt, timeZone),
    closedAt: at(row.closedAt),
    criteriaFirstMetAt: at(row.criteriaFirstMetAt),
    signedOffAt: at(row.signedOffAt),
    signOffOutdatedSince: at(row.signOffOutdatedSince),
  };
}

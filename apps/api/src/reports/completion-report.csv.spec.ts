import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { completionReportCsv } from './completion-report.csv';
import {
  COMPLETION_REPORT_COLUMNS,
  completionReportRow,
} from './completion-report.query';
import { aReportRecord } from './testing/report-rows';

async function csvOf(
  records: ReturnType<typeof aReportRecord>[],
  bom = false,
  timeZone = 'UTC',
): Promise<{ csv: string; error: Error | null }> {
  let error: Error | null = null;
  // Bytes, not text(): a decoder would drop the byte order mark under test.
  const bytes = await buffer(
    completionReportCsv(Readable.from(records), { bom, timeZone }, (e) => {
      error = e;
    }),
  );
  return { csv: bytes.toString('utf8'), error };
}

describe('completion report CSV', () => {
  it('has a header of the row keys and one record per row, null as an empty field', async () => {
    const record = aReportRecord();

    const { csv, error } = await csvOf([record]);

    expect(error).toBeNull();
    const [header, ...lines] = csv.trimEnd().split('\n');
    expect(header).toBe(COMPLETION_REPORT_COLUMNS.join(','));
    expect(lines).toHaveLength(1);
    const [parsed] = parse(csv, { columns: true }) as Record<string, string>[];
    const row = completionReportRow(record);
    const instants = ['openedAt', 'closedAt', 'criteriaFirstMetAt'] as const;
    for (const c of instants) {
      const value = row[c];
      expect(
        parsed?.[c] === '' ? null : new Date(parsed?.[c] ?? '').toISOString(),
      ).toBe(value);
      if (parsed !== undefined) {
        parsed[c] = value ?? '';
      }
    }
    expect(parsed).toEqual(
      Object.fromEntries(
        COMPLETION_REPORT_COLUMNS.map((c) => [
          c,
          row[c] === null ? '' : String(row[c]),
        ]),
      ),
    );
  });

  it('writes instants on the clinic clock, with the clinic offset', async () => {
    const record = aReportRecord({
      opened_at: new Date('2030-01-15T14:30:00Z'),
      closed_at: new Date('2030-07-15T13:00:00Z'),
    });

    const { csv } = await csvOf([record], false, 'America/New_York');

    const [parsed] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed?.['openedAt']).toBe('2030-01-15T09:30:00-05:00');
    expect(parsed?.['closedAt']).toBe('2030-07-15T09:00:00-04:00');
  });

  it('names every field of a row, so the CSV and JSON rows hold the same data', () => {
    expect([...COMPLETION_REPORT_COLUMNS].sort()).toEqual(
      Object.keys(completionReportRow(aReportRecord())).sort(),
    );
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps UTF-8 text', async () => {
    const { csv } = await csvOf([
      aReportRecord({ family_name: 'O"Neil, Jr', given_name: 'Zoë\nAnn' }),
    ]);

    expect(csv).toContain('"O""Neil, Jr, Zoë\nAnn"');
    const [parsed] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed?.['patientName']).toBe('O"Neil, Jr, Zoë\nAnn');
  });

  it('defuses text a spreadsheet would run as a formula', async () => {
    const { csv } = await csvOf([
      aReportRecord({
        family_name: '=HYPERLINK("http://x")',
        given_name: '@Ann',
      }),
    ]);

    const [parsed] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(parsed?.['patientName']).toBe(`'=HYPERLINK("http://x"), @Ann`);
  });

  it('starts with a byte order mark only when asked', async () => {
    expect((await csvOf([], true)).csv.startsWith('\uFEFFworkupId,')).toBe(
      true,
    );
    expect((await csvOf([], false)).csv.startsWith('workupId,')).toBe(true);
  });
});

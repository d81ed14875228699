import { buffer } from 'node:stream/consumers';
import type { CompletionReportRow } from '@poems/contract';
import {
  completionReportPdf,
  pageCount,
  printable,
  rowsPerPage,
} from './completion-report.pdf';
import { aReportRow, aReportSummary } from './testing/report-rows';
import { pdfText } from './testing/pdf-text';

async function* rowsOf(
  rows: readonly CompletionReportRow[],
): AsyncGenerator<CompletionReportRow> {
  yield* rows;
}

function pdfOf(rows: readonly CompletionReportRow[]): Promise<Buffer> {
  return buffer(
    completionReportPdf(
      {
        filters: {
          from: '2030-01-01',
          to: '2030-01-31',
          overall: 'incomplete',
        },
        attendingName: null,
        timeZone: 'UTC',
        today: '2030-02-01',
        generatedAt: new Date('2030-02-01T08:30:00Z'),
        generatedBy: 'Dr Report',
        summary: aReportSummary(rows.length),
      },
      rowsOf(rows),
    ),
  );
}

describe('completion report PDF', () => {
  it('knows its page count from the row count alone', () => {
    const first = rowsPerPage(true);
    const next = rowsPerPage(false);

    expect(first).toBeGreaterThan(10);
    expect(next).toBeGreaterThan(first);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(first)).toBe(1);
    expect(pageCount(first + 1)).toBe(2);
    expect(pageCount(first + next)).toBe(2);
    expect(pageCount(first + next + 1)).toBe(3);
  });

  it('prints "Page n of m" on every page, the summary first and every row once', async () => {
    const rows = Array.from(
      { length: rowsPerPage(true) + rowsPerPage(false) + 1 },
      (_, i) => aReportRow({ mrn: `MRN-${String(i).padStart(4, '0')}` }),
    );

    const { text, total } = await pdfText(await pdfOf(rows));

    expect(total).toBe(3);
    for (const page of [1, 2, 3]) {
      expect(text).toContain(`Page ${page} of 3`);
    }
    expect(text).toContain('Overall result: incomplete');
    expect(text).toContain('Laboratory: 2.5 days (4 items)');
    expect(text).toContain(
      'Generated 1 Feb 2030, 08:30 UTC (UTC) by Dr Report',
    );
    for (const row of rows) {
      expect(text.split(row.mrn)).toHaveLength(2);
    }
  });

  it('says so when no workup matches', async () => {
    const { text, total } = await pdfText(await pdfOf([]));

    expect(total).toBe(1);
    expect(text).toContain('No workup was opened in this period');
    expect(text).toContain('Page 1 of 1');
  });

  it('keeps text the standard fonts can show and replaces the rest', () => {
    expect(printable('Zoë Müller – “ok” €')).toBe('Zoë Müller – “ok” €');
    expect(printable('Dvořák Łukasz')).toBe('Dvorák ?ukasz');
    expect(printable('李\tAnn')).toBe('? Ann');
  });
});

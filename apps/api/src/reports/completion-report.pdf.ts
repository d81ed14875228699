import type { Readable } from 'node:stream';
import type { ItemKind, Overall } from '@poems/domain';
import type {
  CompletionReportFilters,
  CompletionReportRow,
  CompletionReportSummary,
} from '@poems/contract';
import { clinicDateOf } from '@poems/domain';
import {
  CONTENT_WIDTH,
  countColumns,
  MARGIN,
  put,
  REPORT_PDF_TYPE,
  reportPdf,
  tablePageCount,
  tableRowsPerPage,
  type PdfColumn,
} from './report-pdf';

export { printable } from './report-pdf';

/** Media type of the PDF export. */
export const COMPLETION_REPORT_PDF_TYPE = REPORT_PDF_TYPE;

/**
 * Most rows a PDF holds (about 140 pages). A PDF is for reading and printing, and rendering costs
 * about a millisecond of CPU per row; bulk data belongs in the CSV export, which has no limit.
 */
export const PDF_MAX_ROWS = 5_000;

/** The report title, on every page and in the document's metadata. */
export const COMPLETION_REPORT_TITLE = 'POEMS workup completion report';

/** What the PDF shows above its table. */
export interface CompletionReportPdfHeader {
  readonly filters: CompletionReportFilters;
  /** The attending filter's display name, when the filter is set and names a user. */
  readonly attendingName: string | null;
  readonly timeZone: string;
  readonly today: string;
  readonly generatedAt: Date;
  /** Display name of the user who generated the report. */
  readonly generatedBy: string;
  readonly summary: CompletionReportSummary;
}

/** Where the table starts below the title, filters and summary of the first page. */
const FIRST_TABLE_TOP = 282;
/**
 * Rows that fit on a page. Every row is one line (long text is shortened with an ellipsis), so
 * the page count is known from the row count before the first row is drawn: the PDF streams page
 * by page and still prints "Page n of m".
 */
export function rowsPerPage(firstPage: boolean): number {
  return firstPage ? tableRowsPerPage(FIRST_TABLE_TOP) : tableRowsPerPage();
}

/** Pages of a report with this many rows; an empty report still has its first page. */
export function pageCount(rows: number): number {
  return tablePageCount(rows, FIRST_TABLE_TOP);
}

type Column = PdfColumn<CompletionReportRow>;

const OVERALL_LABELS: Readonly<Record<Overall, string>> = {
  criteria_met: 'met',
  criteria_not_met: 'not met',
  indeterminate: 'indeterminate',
  incomplete: 'incomplete',
};

const KIND_LABELS: Readonly<Record<ItemKind, string>> = {
  lab: 'Laboratory',
  imaging: 'Imaging',
  procedure: 'Procedures',
  study: 'Studies',
  exam: 'Examinations',
};

const COLUMNS: readonly Column[] = [
  { label: ['MRN'], width: 54, align: 'left', value: (r) => r.mrn },
  {
    label: ['Patient'],
    width: 80,
    align: 'left',
    value: (r) => r.patientName,
  },
  {
    label: ['Attending'],
    width: 62,
    align: 'left',
    value: (r) => r.attendingName ?? '',
  },
  { label: ['Status'], width: 34, align: 'left', value: (r) => r.status },
  {
    label: ['Opened', 'on'],
    width: 45,
    align: 'left',
    value: (r) => r.openedOn,
  },
  {
    label: ['Closed', 'on'],
    width: 45,
    align: 'left',
    value: (r) => r.closedOn ?? '',
  },
  ...countColumns<CompletionReportRow>([
    [['Days', 'open'], 24, (r) => r.daysOpen],
    [['Items'], 24, (r) => r.itemsTotal],
    [['Done'], 22, (r) => r.itemsDone],
    [['Closed'], 28, (r) => r.itemsClosed],
    [['Overdue'], 34, (r) => r.itemsOverdue],
    [['Cancelled'], 38, (r) => r.itemsCancelled],
    [['Not', 'indicated'], 36, (r) => r.itemsNotIndicated],
    [['%', 'done'], 24, (r) => r.percentComplete],
  ]),
  {
    label: ['Overall'],
    width: 48,
    align: 'left',
    value: (r) => OVERALL_LABELS[r.overall],
  },
  {
    label: ['Criteria', 'first met'],
    width: 45,
    align: 'left',
    // The clinic's date, like "opened on": a UTC date would put an evening verdict on the next day.
    value: (r, timeZone) =>
      r.criteriaFirstMetAt === null
        ? ''
        : clinicDateOf(r.criteriaFirstMetAt, timeZone),
  },
  ...countColumns<CompletionReportRow>([
    [['Days to', 'met'], 32, (r) => r.daysToCriteriaMet],
  ]),
  {
    label: ['Signed', 'off'],
    width: 45,
    align: 'left',
    // An outdated sign-off no longer attests what the row shows: say so instead of its date.
    value: (r, timeZone) =>
      r.signedOffAt === null
        ? ''
        : r.signOff === 'outdated'
          ? 'outdated'
          : clinicDateOf(r.signedOffAt, timeZone),
  },
  {
    label: ['Signed', 'off by'],
    width: 49,
    align: 'left',
    value: (r) => r.signedOffByName ?? '',
  },
];

/**
 * The report as a PDF: title, filters, generation time and user, the summary, then one table row
 * per workup, "Page n of m" on every page. Rendered while `rows` is read, one page at a time, so
 * memory stays flat whatever the row count; `summary.workups` must be the number of rows.
 */
export function completionReportPdf(
  header: CompletionReportPdfHeader,
  rows: AsyncIterable<CompletionReportRow>,
): Readable {
  return reportPdf(
    {
      title: COMPLETION_REPORT_TITLE,
      timeZone: header.timeZone,
      generatedAt: header.generatedAt,
      generatedBy: header.generatedBy,
      rowCount: header.summary.workups,
      columns: COLUMNS,
      firstTableTop: FIRST_TABLE_TOP,
      drawFirstPageTop: (doc, generated) =>
        drawFirstPageTop(doc, header, generated),
      runningLine: periodLine(header),
      emptyText: 'No workup was opened in this period with these filters.',
    },
    rows,
  );
}

/** The summary as printed: left column totals and medians, right column turnaround per kind. */
export function summaryLines(summary: CompletionReportSummary): {
  readonly totals: readonly string[];
  readonly turnaround: readonly string[];
} {
  const { byStatus, byOverall, items } = summary;
  return {
    totals: [
      `Workups: ${summary.workups} (open ${byStatus.open}, closed ${byStatus.closed})`,
      `Overall: criteria met ${byOverall.criteria_met}, not met ${byOverall.criteria_not_met}, indeterminate ${byOverall.indeterminate}, incomplete ${byOverall.incomplete}`,
      `Items: ${items.total} active, ${items.done} done, ${items.closed} closed, ${items.cancelled} cancelled, ${items.notIndicated} not indicated`,
      `Overdue: ${items.overdue} items in ${summary.workupsWithOverdueItems} workups`,
      `Median days to completion: ${median(summary.completion.medianDaysToCompletion)} (${summary.completion.closedWorkups} closed workups)`,
      `Median days to criteria met: ${median(summary.criteriaMet.medianDaysToCriteriaMet)} (${summary.criteriaMet.workups} workups)`,
    ],
    turnaround: summary.turnaround.map(
      (t) =>
        `${KIND_LABELS[t.kind]}: ${median(t.medianDays)} days (${t.items} items)`,
    ),
  };
}

/** The filters as printed. */
export function filterLines(
  filters: CompletionReportFilters,
  attendingName: string | null,
): readonly string[] {
  const attending =
    filters.attending === undefined
      ? 'any'
      : `${attendingName ?? 'unknown user'} (${filters.attending})`;
  return [
    `Opened: ${filters.from} to ${filters.to}`,
    `Attending: ${attending}`,
    `Status: ${filters.status ?? 'any'}`,
    `Overall result: ${filters.overall === undefined ? 'any' : OVERALL_LABELS[filters.overall]}`,
  ];
}

const DEFINITIONS = [
  "Days are calendar days in the clinic's time zone. Item counts cover active items only; overdue = open and due before the clinic's today. " +
    'Days to completion: from the opening date to the closing date of closed workups.',
  "Turnaround: from an item's first order or schedule step to the recording of its result in force. " +
    'A median of an even count is the mean of the two middle values. Decision support: criteria results await sign-off.',
  "Signed off: the clinic date of the latest sign-off, or 'outdated' when a later change made the workup differ from what was attested.",
];

/** Title, period, filters, summary and definitions. */
function drawFirstPageTop(
  doc: PDFKit.PDFDocument,
  header: CompletionReportPdfHeader,
  generated: string,
): void {
  const { filters } = header;
  put(doc, COMPLETION_REPORT_TITLE, MARGIN, 36, {
    font: 'Helvetica-Bold',
    size: 16,
  });
  put(doc, periodLine(header), MARGIN, 58, { size: 9 });
  put(doc, generated, MARGIN, 72, { size: 9 });

  put(doc, 'Filters', MARGIN, 92, { font: 'Helvetica-Bold', size: 10 });
  filterLines(filters, header.attendingName).forEach((line, index) =>
    put(doc, line, MARGIN, 106 + index * 12, { size: 9, width: CONTENT_WIDTH }),
  );

  const { totals, turnaround } = summaryLines(header.summary);
  const half = CONTENT_WIDTH / 2;
  put(doc, 'Summary', MARGIN, 162, { font: 'Helvetica-Bold', size: 10 });
  totals.forEach((line, index) =>
    put(doc, line, MARGIN, 176 + index * 12, { size: 9, width: half + 40 }),
  );
  put(
    doc,
    'Turnaround: median days from order to result',
    MARGIN + half + 60,
    162,
    {
      font: 'Helvetica-Bold',
      size: 10,
    },
  );
  turnaround.forEach((line, index) =>
    put(doc, line, MARGIN + half + 60, 176 + index * 12, {
      size: 9,
      width: half - 60,
    }),
  );
  DEFINITIONS.forEach((line, index) =>
    put(doc, line, MARGIN, 254 + index * 9, { size: 7, width: CONTENT_WIDTH }),
  );
}

function periodLine(header: CompletionReportPdfHeader): string {
  return `Workups opened from ${header.filters.from} to ${header.filters.to} (clinic dates, ${header.timeZone}); clinic today ${header.today}`;
}

function median(value: number | null): string {
  return value === null ? 'n/a' : String(Math.round(value * 10) / 10);
}

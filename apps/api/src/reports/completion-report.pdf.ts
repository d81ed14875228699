import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { ItemKind, Overall } from '@poems/domain';
import type {
  CompletionReportFilters,
  CompletionReportRow,
  CompletionReportSummary,
} from '@poems/contract';
import { clinicDateOf, formatClinicDateTime } from '@poems/domain';
import PDFDocument from 'pdfkit';

/** Media type of the PDF export. */
export const COMPLETION_REPORT_PDF_TYPE = 'application/pdf';

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

type Font = 'Helvetica' | 'Helvetica-Bold';

// A4 landscape, in PDF points.
const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const MARGIN = 36;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const FOOTER_Y = PAGE_HEIGHT - 30;
/** Rows end above the footer. */
const TABLE_BOTTOM = FOOTER_Y - 10;
const ROW_HEIGHT = 13;
const HEADER_HEIGHT = 22;
/** Where the table starts below the title, filters and summary of the first page. */
const FIRST_TABLE_TOP = 282;
/** Where the table starts below the running title of later pages. */
const NEXT_TABLE_TOP = 68;

/**
 * Rows that fit on a page. Every row is one line (long text is shortened with an ellipsis), so
 * the page count is known from the row count before the first row is drawn: the PDF streams page
 * by page and still prints "Page n of m".
 */
export function rowsPerPage(firstPage: boolean): number {
  const top = (firstPage ? FIRST_TABLE_TOP : NEXT_TABLE_TOP) + HEADER_HEIGHT;
  return Math.floor((TABLE_BOTTOM - top) / ROW_HEIGHT);
}

/** Pages of a report with this many rows; an empty report still has its first page. */
export function pageCount(rows: number): number {
  const first = rowsPerPage(true);
  return rows <= first ? 1 : 1 + Math.ceil((rows - first) / rowsPerPage(false));
}

interface Column {
  /** One or two header lines. */
  readonly label: readonly string[];
  readonly width: number;
  readonly align: 'left' | 'right';
  readonly value: (row: CompletionReportRow, timeZone: string) => string;
}

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
  ...counts([
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
  ...counts([[['Days to', 'met'], 32, (r) => r.daysToCriteriaMet]]),
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

/** Right-aligned number columns; a null shows as an empty cell. */
function counts(
  columns: readonly (readonly [
    readonly string[],
    number,
    (row: CompletionReportRow) => number | null,
  ])[],
): Column[] {
  return columns.map(([label, width, value]) => ({
    label,
    width,
    align: 'right',
    value: (row) => {
      const n = value(row);
      return n === null ? '' : String(n);
    },
  }));
}

/** Space kept free at the right of each column, so neighbours never touch. */
const COLUMN_GAP = 4;

/**
 * The report as a PDF: title, filters, generation time and user, the summary, then one table row
 * per workup, "Page n of m" on every page. Rendered while `rows` is read, one page at a time, so
 * memory stays flat whatever the row count; `summary.workups` must be the number of rows.
 */
export function completionReportPdf(
  header: CompletionReportPdfHeader,
  rows: AsyncIterable<CompletionReportRow>,
): Readable {
  return Readable.from(render(header, rows), { objectMode: false });
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

async function* render(
  header: CompletionReportPdfHeader,
  rows: AsyncIterable<CompletionReportRow>,
): AsyncGenerator<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    autoFirstPage: false,
    info: {
      Title: COMPLETION_REPORT_TITLE,
      Author: printable(header.generatedBy),
      CreationDate: header.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  const pages = pageCount(header.summary.workups);
  const generated = `Generated ${formatClinicDateTime(header.generatedAt, header.timeZone)} (${header.timeZone}) by ${header.generatedBy}`;
  let page = 0;
  let onPage = 0;
  let y = 0;
  const startPage = (): void => {
    page += 1;
    doc.addPage();
    put(doc, generated, MARGIN, FOOTER_Y, { size: 7 });
    put(doc, `Page ${page} of ${Math.max(pages, page)}`, MARGIN, FOOTER_Y, {
      size: 7,
      width: CONTENT_WIDTH,
      align: 'right',
    });
    y =
      page === 1
        ? drawFirstPageTop(doc, header, generated)
        : drawRunningTitle(doc, header);
    drawTableHeader(doc, y);
    y += HEADER_HEIGHT;
    onPage = 0;
  };

  startPage();
  for await (const row of rows) {
    if (onPage === rowsPerPage(page === 1)) {
      startPage();
    }
    drawRow(doc, row, y, header.timeZone);
    y += ROW_HEIGHT;
    onPage += 1;
    if (chunks.length > 0) {
      yield Buffer.concat(chunks.splice(0));
    }
  }
  if (header.summary.workups === 0) {
    put(
      doc,
      'No workup was opened in this period with these filters.',
      MARGIN,
      y + 4,
      {
        size: 9,
      },
    );
  }
  doc.end();
  await ended;
  if (chunks.length > 0) {
    yield Buffer.concat(chunks.splice(0));
  }
}

/** Title, period, filters, summary and definitions; returns where the table starts. */
function drawFirstPageTop(
  doc: PDFKit.PDFDocument,
  header: CompletionReportPdfHeader,
  generated: string,
): number {
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
  return FIRST_TABLE_TOP;
}

/** The smaller title of later pages; returns where the table starts. */
function drawRunningTitle(
  doc: PDFKit.PDFDocument,
  header: CompletionReportPdfHeader,
): number {
  put(doc, COMPLETION_REPORT_TITLE, MARGIN, 36, {
    font: 'Helvetica-Bold',
    size: 11,
  });
  put(doc, periodLine(header), MARGIN, 50, { size: 8, width: CONTENT_WIDTH });
  return NEXT_TABLE_TOP;
}

function periodLine(header: CompletionReportPdfHeader): string {
  return `Workups opened from ${header.filters.from} to ${header.filters.to} (clinic dates, ${header.timeZone}); clinic today ${header.today}`;
}

function drawTableHeader(doc: PDFKit.PDFDocument, top: number): void {
  let x = MARGIN;
  for (const column of COLUMNS) {
    column.label.forEach((line, index) =>
      put(doc, line, x, top + 2 + index * 8, {
        font: 'Helvetica-Bold',
        size: 7,
        width: column.width - COLUMN_GAP,
        align: column.align,
      }),
    );
    x += column.width;
  }
  doc
    .moveTo(MARGIN, top + HEADER_HEIGHT - 3)
    .lineTo(MARGIN + CONTENT_WIDTH, top + HEADER_HEIGHT - 3)
    .lineWidth(0.5)
    .stroke();
}

function drawRow(
  doc: PDFKit.PDFDocument,
  row: CompletionReportRow,
  top: number,
  timeZone: string,
): void {
  let x = MARGIN;
  // Text calls are what rendering costs: empty cells get none.
  for (const column of COLUMNS) {
    const value = column.value(row, timeZone);
    if (value !== '') {
      put(doc, value, x, top + 3, {
        size: 7,
        width: column.width - COLUMN_GAP,
        align: column.align,
      });
    }
    x += column.width;
  }
}

/**
 * Writes one line of text at a fixed place. No width is passed to pdfkit, so it never wraps or
 * adds pages of its own accord; text longer than `width` is shortened with an ellipsis.
 */
function put(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  options: {
    readonly font?: Font;
    readonly size?: number;
    readonly width?: number;
    readonly align?: 'left' | 'right';
  } = {},
): void {
  doc.font(options.font ?? 'Helvetica').fontSize(options.size ?? 9);
  let line = printable(text);
  let dx = 0;
  if (options.width !== undefined) {
    line = ellipsize(doc, line, options.width);
    if (options.align === 'right') {
      dx = options.width - doc.widthOfString(line);
    }
  }
  doc.text(line, x + dx, y, { lineBreak: false });
}

/** The longest prefix of `text` that fits `width` with an ellipsis, or `text` when it fits. */
function ellipsize(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
): string {
  if (doc.widthOfString(text) <= width) {
    return text;
  }
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (doc.widthOfString(`${text.slice(0, middle)}…`) <= width) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

// Characters of Windows-1252 beyond Latin-1, which the standard PDF fonts also encode.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRA.has(character)
  );
}

/**
 * Text the standard PDF fonts can show: they encode Windows-1252 only, and pdfkit would print
 * anything else as unrelated glyphs. Accented letters outside it lose their accent (ő → o); other
 * characters become `?`; control characters become spaces.
 */
export function printable(text: string): string {
  let out = '';
  for (const character of text.normalize('NFC')) {
    if (isWinAnsi(character)) {
      out += character;
    } else if (/\p{Cc}/u.test(character)) {
      out += ' ';
    } else {
      const base = character.normalize('NFD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

function median(value: number | null): string {
  return value === null ? 'n/a' : String(Math.round(value * 10) / 10);
}

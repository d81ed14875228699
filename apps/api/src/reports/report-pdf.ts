import { once } from 'node:events';
import { Readable } from 'node:stream';
import { formatClinicDateTime } from '@poems/domain';
import PDFDocument from 'pdfkit';

/** Media type of the reports' PDF exports. */
export const REPORT_PDF_TYPE = 'application/pdf';

type Font = 'Helvetica' | 'Helvetica-Bold';

// A4 landscape, in PDF points.
const PAGE_HEIGHT = 595.28;
export const MARGIN = 36;
export const CONTENT_WIDTH = 841.89 - 2 * MARGIN;
const FOOTER_Y = PAGE_HEIGHT - 30;
/** Rows end above the footer. */
const TABLE_BOTTOM = FOOTER_Y - 10;
const ROW_HEIGHT = 13;
const HEADER_HEIGHT = 22;
/** Where the table starts below the running title of later pages. */
const NEXT_TABLE_TOP = 68;
/** Space kept free at the right of each column, so neighbours never touch. */
const COLUMN_GAP = 4;

/** One column of a report table. */
export interface PdfColumn<Row> {
  /** One or two header lines. */
  readonly label: readonly string[];
  readonly width: number;
  readonly align: 'left' | 'right';
  readonly value: (row: Row, timeZone: string) => string;
}

/** What a report PDF shows around its table. */
export interface ReportPdfLayout<Row> {
  readonly title: string;
  readonly timeZone: string;
  readonly generatedAt: Date;
  /** Display name of the user who generated the report. */
  readonly generatedBy: string;
  /** The number of rows `rows` yields: it sets "Page n of m" before the first row is drawn. */
  readonly rowCount: number;
  readonly columns: readonly PdfColumn<Row>[];
  /** Where the table starts on the first page, below what `drawFirstPageTop` draws. */
  readonly firstTableTop: number;
  /** Draws the first page above the table (title, period, summary…); `generated` is its line. */
  readonly drawFirstPageTop: (
    doc: PDFKit.PDFDocument,
    generated: string,
  ) => void;
  /** The line under the smaller title of later pages. */
  readonly runningLine: string;
  /** Printed under the table header when there is no row. */
  readonly emptyText: string;
}

/**
 * Rows that fit on a page. Every row is one line (long text is shortened with an ellipsis), so
 * the page count is known from the row count before the first row is drawn: the PDF streams page
 * by page and still prints "Page n of m".
 */
export function tableRowsPerPage(tableTop: number = NEXT_TABLE_TOP): number {
  return Math.floor((TABLE_BOTTOM - tableTop - HEADER_HEIGHT) / ROW_HEIGHT);
}

/** Pages of a report with this many rows; an empty report still has its first page. */
export function tablePageCount(rows: number, firstTableTop: number): number {
  const first = tableRowsPerPage(firstTableTop);
  return rows <= first ? 1 : 1 + Math.ceil((rows - first) / tableRowsPerPage());
}

/**
 * A report as a landscape A4 PDF: the first page's top, then one table row per row, the title
 * repeated on later pages, the generation time and user and "Page n of m" on every page. Rendered
 * while `rows` is read, one page at a time, so memory stays flat whatever the row count.
 */
export function reportPdf<Row>(
  layout: ReportPdfLayout<Row>,
  rows: AsyncIterable<Row>,
): Readable {
  return Readable.from(render(layout, rows), { objectMode: false });
}

async function* render<Row>(
  layout: ReportPdfLayout<Row>,
  rows: AsyncIterable<Row>,
): AsyncGenerator<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    autoFirstPage: false,
    info: {
      Title: layout.title,
      Author: printable(layout.generatedBy),
      CreationDate: layout.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(doc, 'end');
  const pages = tablePageCount(layout.rowCount, layout.firstTableTop);
  const generated = `Generated ${formatClinicDateTime(layout.generatedAt, layout.timeZone)} (${layout.timeZone}) by ${layout.generatedBy}`;
  let page = 0;
  let onPage = 0;
  let perPage = 0;
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
    if (page === 1) {
      layout.drawFirstPageTop(doc, generated);
      y = layout.firstTableTop;
    } else {
      put(doc, layout.title, MARGIN, 36, { font: 'Helvetica-Bold', size: 11 });
      put(doc, layout.runningLine, MARGIN, 50, {
        size: 8,
        width: CONTENT_WIDTH,
      });
      y = NEXT_TABLE_TOP;
    }
    perPage = tableRowsPerPage(y);
    drawTableHeader(doc, layout.columns, y);
    y += HEADER_HEIGHT;
    onPage = 0;
  };

  startPage();
  for await (const row of rows) {
    if (onPage === perPage) {
      startPage();
    }
    drawRow(doc, layout.columns, row, y, layout.timeZone);
    y += ROW_HEIGHT;
    onPage += 1;
    if (chunks.length > 0) {
      yield Buffer.concat(chunks.splice(0));
    }
  }
  if (layout.rowCount === 0) {
    put(doc, layout.emptyText, MARGIN, y + 4, { size: 9 });
  }
  doc.end();
  await ended;
  if (chunks.length > 0) {
    yield Buffer.concat(chunks.splice(0));
  }
}

function drawTableHeader<Row>(
  doc: PDFKit.PDFDocument,
  columns: readonly PdfColumn<Row>[],
  top: number,
): void {
  let x = MARGIN;
  for (const column of columns) {
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

function drawRow<Row>(
  doc: PDFKit.PDFDocument,
  columns: readonly PdfColumn<Row>[],
  row: Row,
  top: number,
  timeZone: string,
): void {
  let x = MARGIN;
  // Text calls are what rendering costs: empty cells get none.
  for (const column of columns) {
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

/** Right-aligned number columns; a null shows as an empty cell. */
export function countColumns<Row>(
  columns: readonly (readonly [
    readonly string[],
    number,
    (row: Row) => number | null,
  ])[],
): PdfColumn<Row>[] {
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

/**
 * Writes one line of text at a fixed place. No width is passed to pdfkit, so it never wraps or
 * adds pages of its own accord; text longer than `width` is shortened with an ellipsis.
 */
export function put(
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

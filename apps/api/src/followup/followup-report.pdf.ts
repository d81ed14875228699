import type { Readable } from 'node:stream';
import type { FollowupReportRow, FollowupReportSummary } from '@poems/contract';
import {
  CONTENT_WIDTH,
  countColumns,
  MARGIN,
  put,
  reportPdf,
  type PdfColumn,
} from '../reports/report-pdf';

/** The report title, on every page and in the document's metadata. */
export const FOLLOWUP_REPORT_TITLE = 'POEMS follow-up report';

/** Where the table starts below the title, summary and definitions of the first page. */
const FIRST_TABLE_TOP = 200;

/** What the PDF shows above its table. */
export interface FollowupReportPdfHeader {
  /** The clinic's today the report is as of. */
  readonly asOf: string;
  readonly timeZone: string;
  readonly generatedAt: Date;
  /** Display name of the user who generated the report. */
  readonly generatedBy: string;
  readonly summary: FollowupReportSummary;
}

const COLUMNS: readonly PdfColumn<FollowupReportRow>[] = [
  { label: ['MRN'], width: 62, align: 'left', value: (r) => r.mrn },
  {
    label: ['Patient'],
    width: 100,
    align: 'left',
    value: (r) => `${r.familyName}, ${r.givenName}`,
  },
  {
    label: ['Diagnosed', 'on'],
    width: 50,
    align: 'left',
    value: (r) => r.diagnosisDate,
  },
  ...countColumns<FollowupReportRow>([[['Lines'], 28, (r) => r.lines]]),
  {
    label: ['Current', 'regimen'],
    width: 100,
    align: 'left',
    value: (r) => r.currentRegimen ?? '',
  },
  ...countColumns<FollowupReportRow>([
    [['Done', 'on time'], 38, (r) => r.doneOnTime],
    [['Done', 'late'], 30, (r) => r.doneLate],
    [['Overdue'], 36, (r) => r.overdue],
    [['Open'], 28, (r) => r.open],
    [['Cancelled'], 40, (r) => r.cancelled],
    [['Assessed', 'VEGF'], 40, (r) => r.assessed.vegf],
    [['Assessed', 'hematologic'], 48, (r) => r.assessed.hematologic],
    [['Assessed', 'radiographic'], 52, (r) => r.assessed.radiographic],
    [['Assessed', 'neurological'], 52, (r) => r.assessed.neurological],
  ]),
  {
    label: ['Event'],
    width: 60,
    align: 'left',
    value: (r) => r.event ?? '',
  },
];

/** The summary as printed. */
export function followupSummaryLines(
  summary: FollowupReportSummary,
): readonly string[] {
  const { assessed } = summary;
  return [
    `Patients in follow-up: ${summary.patients}`,
    `Instances: ${summary.doneOnTime} done on time, ${summary.doneLate} done late, ${summary.overdue} overdue, ${summary.open} open, ${summary.cancelled} cancelled`,
    `Time points assessed: VEGF ${assessed.vegf}, hematologic ${assessed.hematologic}, radiographic ${assessed.radiographic}, neurological ${assessed.neurological}`,
    `Events of the latest line: ${summary.relapses} relapses, ${summary.progressions} progressions`,
  ];
}

const DEFINITIONS = [
  "Dates are clinic dates in the clinic's time zone. Counts cover active instances of every line. Done on time / late: closed by a result dated on or before / after the due date.",
  'Overdue: open and due before the clinic today; open: not yet due. Cancelled: closed without a result (cancelled, not indicated, or superseded by the next line).',
  'Assessed: time points whose domain has a category, not evaluable included. Event: the latest line’s relapse or progression, if any. Decision support: categories await clinical review.',
];

/**
 * The report as a PDF: title, as-of date, generation time and user, the summary, then one table
 * row per patient, "Page n of m" on every page. Rendered while `rows` is read, one page at a time;
 * `summary.patients` must be the number of rows.
 */
export function followupReportPdf(
  header: FollowupReportPdfHeader,
  rows: AsyncIterable<FollowupReportRow>,
): Readable {
  const asOfLine = `Patients with a signed-off diagnosis, as of the clinic's today ${header.asOf} (${header.timeZone})`;
  return reportPdf(
    {
      title: FOLLOWUP_REPORT_TITLE,
      timeZone: header.timeZone,
      generatedAt: header.generatedAt,
      generatedBy: header.generatedBy,
      rowCount: header.summary.patients,
      columns: COLUMNS,
      firstTableTop: FIRST_TABLE_TOP,
      drawFirstPageTop: (doc, generated) => {
        put(doc, FOLLOWUP_REPORT_TITLE, MARGIN, 36, {
          font: 'Helvetica-Bold',
          size: 16,
        });
        put(doc, asOfLine, MARGIN, 58, { size: 9, width: CONTENT_WIDTH });
        put(doc, generated, MARGIN, 72, { size: 9 });
        put(doc, 'Summary', MARGIN, 92, { font: 'Helvetica-Bold', size: 10 });
        followupSummaryLines(header.summary).forEach((line, index) =>
          put(doc, line, MARGIN, 106 + index * 12, {
            size: 9,
            width: CONTENT_WIDTH,
          }),
        );
        DEFINITIONS.forEach((line, index) =>
          put(doc, line, MARGIN, 164 + index * 9, {
            size: 7,
            width: CONTENT_WIDTH,
          }),
        );
      },
      runningLine: asOfLine,
      emptyText: 'No patient has a signed-off diagnosis.',
    },
    rows,
  );
}

import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { CompletionReport } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { CompletionReportQuery } from './completion-report.dto';
import { CompletionReportService } from './completion-report.service';

const DESCRIPTION = `
One row per workup opened between \`from\` and \`to\` (clinic dates, inclusive, in the clinic's time
zone), optionally of one attending, status or overall result, plus a summary of all rows. JSON is
paged; CSV (\`bom=true\` adds a UTF-8 byte order mark) and PDF hold every row and are streamed.
A PDF holds at most 5 000 workups (400 otherwise: narrow the filters or export CSV, which has no
limit).
The three formats come from one query definition, so their numbers agree. Every request is audited
(\`report.completion\`).

Definitions (days are calendar days in the clinic's time zone):
- Item counts cover active items (required ones plus activated conditional ones). Overdue is the
  domain rule: an open item whose due date is before the clinic's today.
- Days open: from the opening date to the closing date, or to today while the workup is open.
- Median days to completion: the median, over the **closed** workups of the report, of the days
  from the opening date to the closing date; open workups are not counted. For an even count,
  the mean of the two middle values; null when no workup is closed.
- Days to criteria met: from the opening date to the date the criteria were first met.
- Turnaround per item kind: the median, over done items (resulted or reviewed), of the days from
  the item's first \`order\` or \`schedule\` step to when its result in force was recorded; items
  never ordered or scheduled before their result are left out.
- Sign-off: \`signOff\` is \`none\` (never signed off), \`current\` or \`outdated\` (a change since
  the latest sign-off made the workup differ from what was attested); \`signedOffAt\`, \`signedOffById\`
  and \`signedOffByName\` describe the latest sign-off, \`signOffOutdatedSince\` when it became
  outdated. The PDF shows the sign-off's clinic date (or "outdated") and the signer.
- Summary breakdowns (JSON): \`byPercentComplete\` counts workups per bin of their percent complete
  (0–9, 10–19, … 90–99, then 100 alone); \`overdueByWeek\` counts overdue items by the ISO week
  (\`YYYY-Www\`, Monday to Sunday) of their due date, oldest first, weeks without one left out, adding
  up to the overdue total; \`byAttending\` counts workups per attending hematologist.
- CSV text fields starting with \`=\`, \`+\`, \`-\`, \`@\`, tab or CR are prefixed with \`'\` so
  spreadsheets never evaluate them as formulas.
`;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class CompletionReportController {
  constructor(private readonly reports: CompletionReportService) {}

  @ApiOperation({
    summary:
      'Workup completion report for auditors: rows and summary as JSON, CSV or PDF. Audited.',
    description: DESCRIPTION,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @RequirePermission('report.read')
  @Get('completion')
  completion(
    @Ctx() context: RequestContext,
    @Query() query: CompletionReportQuery,
  ): Promise<CompletionReport | StreamableFile> {
    return this.reports.completion(context, query);
  }
}

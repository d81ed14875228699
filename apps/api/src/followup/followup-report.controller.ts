import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FollowupReport } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { FollowupReportQuery } from './followup-report.dto';
import { FollowupReportService } from './followup-report.service';

const DESCRIPTION = `
One row per patient with a signed-off diagnosis, by diagnosis date, and a summary of all rows, as
of the clinic's today. JSON is paged; CSV (\`bom=true\` adds a UTF-8 byte order mark) and PDF hold
every row and are streamed. A PDF holds at most 5 000 patients (400 otherwise: export CSV, which has
no limit); it shows clinic dates and who generated it, and no patient data beyond the JSON rows'.
Read-only; every request is audited (\`report.followup\`).

Definitions, over active instances of every line:
- Done on time / late: closed by a result dated on or before / after the instance's due date.
- Overdue: open and due before today (the product's one overdue rule); open: not yet due.
- Cancelled: closed without a result (cancelled with a reason, or superseded by the next line).
- Assessed per domain: time points whose domain has a category, \`not_evaluable\` included.
- Event: the latest line's relapse/progression event, if any.
`;

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class FollowupReportController {
  constructor(private readonly reports: FollowupReportService) {}

  @ApiOperation({
    summary:
      'Follow-up report for auditors: patients in follow-up, instances done on time vs overdue, time points assessed per domain; JSON, CSV or PDF. Audited.',
    description: DESCRIPTION,
  })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @RequirePermission('report.read')
  @Get('follow-up')
  followup(
    @Ctx() context: RequestContext,
    @Query() query: FollowupReportQuery,
  ): Promise<FollowupReport | StreamableFile> {
    return this.reports.report(context, query);
  }
}

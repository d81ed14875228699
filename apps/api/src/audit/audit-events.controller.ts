import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { AuditEventView, AuditVerifyView, Page } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { ListAuditEventsQuery } from './audit-events.dto';
import { AuditEventsService } from './audit-events.service';

@ApiTags('audit')
@ApiBearerAuth()
@RequirePermission('audit.read')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly events: AuditEventsService) {}

  @ApiOperation({
    summary:
      'Searches the audit log: a page as JSON, or every match as a CSV download (format=csv). Audited.',
  })
  @ApiProduces('application/json', 'text/csv')
  @Get()
  list(
    @Ctx() context: RequestContext,
    @Query() query: ListAuditEventsQuery,
  ): Promise<Page<AuditEventView> | StreamableFile> {
    return this.events.search(context, query);
  }

  @ApiOperation({
    summary:
      'Seals pending events, then recomputes the hash chain; names the first event that does not verify. Audited.',
  })
  @Get('verify')
  verify(@Ctx() context: RequestContext): Promise<AuditVerifyView> {
    return this.events.verify(context);
  }
}

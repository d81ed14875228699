import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BulkActionResult, WorklistPage } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { BulkActionDto, WorklistQuery } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @ApiOperation({
    summary:
      "One bucket of the coordinator's worklist (overdue, due soon, unscheduled, awaiting result, awaiting review) across patients, with every bucket's count, narrowed by patient (MRN or name words), test (item key), location (start of its name) and attending.",
  })
  @RequirePermission('worklist.read')
  @Get()
  page(
    @Ctx() context: RequestContext,
    @Query() query: WorklistQuery,
  ): Promise<WorklistPage> {
    return this.worklist.page(context, query);
  }

  @ApiOperation({
    summary: 'Schedules, or marks performed, several worklist items at once.',
    description: [
      'Each item is acted on exactly as its own `POST /api/workups/{id}/items/{key}/<action>` would:',
      'in its own transaction, with its own `version` checked and its own audit event. One item',
      'failing never undoes or blocks the others — a clinic must not lose nine bookings because the',
      'tenth was changed meanwhile. The answer is 200 with every item’s outcome, like a FHIR batch:',
      '`status` 200 done (with the new `version`), 409 `stale_version` (changed by someone else:',
      'reload and retry that item), 422 `illegal_transition` (not allowed in its status), 404 no',
      'such item, 400 invalid (e.g. performed in the future). The request as a whole is refused',
      '(400) only when it is malformed, and (403) when the role may not do the action. Workup items',
      'only: follow-up instances are acted on from the follow-up page. At most 100 items.',
    ].join(' '),
  })
  @RequirePermission('worklist.read')
  @HttpCode(200)
  @Post('bulk')
  bulk(
    @Ctx() context: RequestContext,
    @Body() body: BulkActionDto,
  ): Promise<BulkActionResult> {
    return this.worklist.bulk(context, body);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorklistPage } from '@poems/domain';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { WorklistQuery } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  @ApiOperation({
    summary:
      "One bucket of the coordinator's worklist (overdue, due soon, unscheduled, awaiting result, awaiting review) across patients, with every bucket's count.",
  })
  @RequirePermission('worklist.read')
  @Get()
  page(
    @Ctx() context: RequestContext,
    @Query() query: WorklistQuery,
  ): Promise<WorklistPage> {
    return this.worklist.page(context, query);
  }
}

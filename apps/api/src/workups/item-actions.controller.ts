import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WorkupView } from '@poems/contract';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { uuidPipe } from '../common/validation/uuid.pipe';
import { ItemActionsService } from './item-actions.service';
import {
  ActivateItemDto,
  OrderItemDto,
  PerformItemDto,
  ReasonItemDto,
  ResultItemDto,
  ReviewItemDto,
  ScheduleItemDto,
} from './workups.dto';

/**
 * `POST /api/workups/:id/items/:key/<action>`: one route per action, each with its body and the
 * permission of the domain table. Every action answers with the whole updated workup.
 */
@ApiTags('item actions')
@ApiBearerAuth()
@Controller('workups/:id/items/:key')
export class ItemActionsController {
  constructor(private readonly actions: ItemActionsService) {}

  @ApiOperation({
    summary: 'Orders the test (planned → ordered), optionally with a due date.',
  })
  @RequirePermission('item.order')
  @HttpCode(200)
  @Post('order')
  order(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: OrderItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'order', body });
  }

  @ApiOperation({
    summary:
      'Schedules or reschedules the test: date-time with offset, location, due date.',
  })
  @RequirePermission('item.schedule')
  @HttpCode(200)
  @Post('schedule')
  schedule(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ScheduleItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'schedule', body });
  }

  @ApiOperation({
    summary: 'Marks the test performed at a time not in the future.',
  })
  @RequirePermission('item.perform')
  @HttpCode(200)
  @Post('perform')
  perform(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: PerformItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'perform', body });
  }

  @ApiOperation({
    summary:
      'Records (or corrects) the result: values, specimen, chains, axes, report, asserted findings; re-evaluates the criteria.',
  })
  @RequirePermission('item.result')
  @HttpCode(200)
  @Post('result')
  result(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ResultItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'result', body });
  }

  @ApiOperation({
    summary: "The hematologist's review and sign-off of a result.",
  })
  @RequirePermission('item.review')
  @HttpCode(200)
  @Post('review')
  review(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ReviewItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'review', body });
  }

  @ApiOperation({ summary: 'Cancels the test with a reason.' })
  @RequirePermission('item.cancel')
  @HttpCode(200)
  @Post('cancel')
  cancel(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ReasonItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'cancel', body });
  }

  @ApiOperation({ summary: 'Marks the test not indicated, with a reason.' })
  @RequirePermission('item.not-indicated')
  @HttpCode(200)
  @Post('not-indicated')
  notIndicated(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ReasonItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, {
      key,
      action: 'not-indicated',
      body,
    });
  }

  @ApiOperation({
    summary:
      'Reopens a cancelled or not-indicated test (→ planned), with a reason.',
  })
  @RequirePermission('item.reopen')
  @HttpCode(200)
  @Post('reopen')
  reopen(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ReasonItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'reopen', body });
  }

  @ApiOperation({
    summary: 'Activates a conditional item (lymph node biopsy).',
  })
  @RequirePermission('item.activate')
  @HttpCode(200)
  @Post('activate')
  activate(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('key') key: string,
    @Body() body: ActivateItemDto,
  ): Promise<WorkupView> {
    return this.actions.act(context, id, { key, action: 'activate', body });
  }
}

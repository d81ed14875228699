import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  InboxCount,
  InboxEntryView,
  Page,
  WorkupView,
} from '@poems/contract';
import { RequirePermission } from '../../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../../common/request-context/request-context';
import { uuidPipe } from '../../common/validation/uuid.pipe';
import { ApplyInboxDto, DismissInboxDto, ListInboxQuery } from './inbox.dto';
import { InboxService } from './inbox.service';

/** The review inbox of inbound laboratory results. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @ApiOperation({
    summary:
      'Inbox entries by priority then age (coordinators: unknown-patient entries only).',
  })
  @RequirePermission('inbox.read')
  @Get()
  list(
    @Ctx() context: RequestContext,
    @Query() query: ListInboxQuery,
  ): Promise<Page<InboxEntryView>> {
    return this.inbox.list(context, query);
  }

  @ApiOperation({
    summary: 'Open entries the caller would see: the navigation badge.',
  })
  @RequirePermission('inbox.read')
  @Get('count')
  count(@Ctx() context: RequestContext): Promise<InboxCount> {
    return this.inbox.count(context);
  }

  @ApiOperation({ summary: 'One inbox entry.' })
  @RequirePermission('inbox.read')
  @Get(':id')
  get(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<InboxEntryView> {
    return this.inbox.get(context, id);
  }

  @ApiOperation({
    summary: 'The message as received (decrypted); every read is audited.',
  })
  @RequirePermission('inbox.raw')
  @Get(':id/raw')
  raw(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<{ messageId: string; raw: string | null }> {
    return this.inbox.raw(context, id);
  }

  @ApiOperation({
    summary:
      "Applies the entry through the normal result action on the patient's open workup (item version).",
  })
  @RequirePermission('inbox.decide')
  @HttpCode(200)
  @Post(':id/apply')
  apply(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: ApplyInboxDto,
  ): Promise<{ entry: InboxEntryView; workup: WorkupView }> {
    return this.inbox.apply(context, id, body);
  }

  @ApiOperation({
    summary: 'Dismisses the entry with a reason (entry version).',
  })
  @RequirePermission('inbox.decide')
  @HttpCode(200)
  @Post(':id/dismiss')
  dismiss(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: DismissInboxDto,
  ): Promise<InboxEntryView> {
    return this.inbox.dismiss(context, id, body);
  }
}

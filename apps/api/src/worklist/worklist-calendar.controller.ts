import {
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { CalendarFeedStatusView, CalendarFeedView } from '@poems/contract';
import type { FeedRequest } from '../auth/feed-tokens';
import {
  AcceptsFeedToken,
  RequirePermission,
} from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { CALENDAR_CONTENT_TYPE } from './worklist-calendar.ics';
import { WorklistCalendarService } from './worklist-calendar.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistCalendarController {
  constructor(private readonly calendar: WorklistCalendarService) {}

  @ApiOperation({
    summary:
      'iCalendar feed of scheduled items of open workups, from 30 days ago to 180 days ahead (clinic dates): one one-hour event per item, UID stable per item, the item and MRN only (never the patient name), a link path to the patient page. Audited.',
  })
  @ApiProduces('text/calendar')
  @ApiQuery({
    name: 'feed',
    required: false,
    description:
      'A calendar feed token from POST /api/worklist/calendar-feed, for calendar apps that cannot send a bearer token.',
  })
  @AcceptsFeedToken()
  @RequirePermission('worklist.read')
  @Header('Content-Type', CALENDAR_CONTENT_TYPE)
  @Header('Content-Disposition', 'inline; filename="poems-worklist.ics"')
  @Get('calendar.ics')
  feed(
    @Ctx() context: RequestContext,
    @Req() request: FeedRequest,
  ): Promise<string> {
    return this.calendar.feed(context, request.calendarFeedId ?? null);
  }

  @ApiOperation({
    summary:
      'A new personal subscription address for the calendar feed (valid 180 days), shown once: the token is stored only as a hash. It revokes the previous address; a password reset, deactivation or role change revokes it too. Audited by the address id.',
  })
  @RequirePermission('worklist.read')
  @HttpCode(200)
  @Post('calendar-feed')
  subscribe(@Ctx() context: RequestContext): Promise<CalendarFeedView> {
    return this.calendar.subscription(context);
  }

  @ApiOperation({
    summary:
      "The caller's working subscription address, without its secret: when it was issued, when it expires, when a calendar app last fetched it (`feed` null: none works).",
  })
  @RequirePermission('worklist.read')
  @Get('calendar-feed')
  subscriptionStatus(
    @Ctx() context: RequestContext,
  ): Promise<CalendarFeedStatusView> {
    return this.calendar.status(context);
  }

  @ApiOperation({
    summary:
      "Revokes the caller's subscription address at once (204 also when there is none). Audited.",
  })
  @RequirePermission('worklist.read')
  @HttpCode(204)
  @Delete('calendar-feed')
  unsubscribe(@Ctx() context: RequestContext): Promise<void> {
    return this.calendar.revoke(context);
  }
}

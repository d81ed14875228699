import { Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { CalendarFeedView } from '@poems/domain';
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
  feed(@Ctx() context: RequestContext): Promise<string> {
    return this.calendar.feed(context);
  }

  @ApiOperation({
    summary:
      'A personal subscription address for the calendar feed (valid 180 days; it stops working when the account is deactivated). Audited.',
  })
  @RequirePermission('worklist.read')
  @HttpCode(200)
  @Post('calendar-feed')
  subscribe(@Ctx() context: RequestContext): Promise<CalendarFeedView> {
    return this.calendar.subscription(context);
  }
}

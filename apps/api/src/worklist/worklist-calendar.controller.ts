import { Controller, Get, Header } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermission } from '../common/decorators/access.decorators';
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
  @RequirePermission('worklist.read')
  @Header('Content-Type', CALENDAR_CONTENT_TYPE)
  @Header('Content-Disposition', 'inline; filename="poems-worklist.ics"')
  @Get('calendar.ics')
  feed(@Ctx() context: RequestContext): Promise<string> {
    return this.calendar.feed(context);
  }
}

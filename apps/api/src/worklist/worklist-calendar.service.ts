import { Inject, Injectable } from '@nestjs/common';
import { addDays, apiPath, type CalendarFeedView } from '@poems/domain';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import { FeedTokens } from '../auth/feed-tokens';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { ReadDatabase } from '../database/read-database';
import { WorkupsService } from '../workups/workups.service';
import { worklistCalendar } from './worklist-calendar.ics';
import {
  WorklistCalendarRepository,
  type CalendarWindow,
} from './worklist-calendar.repository';

/** Clinic days before today the feed still shows, so a missed appointment stays visible. */
export const CALENDAR_DAYS_BACK = 30;
/** Clinic days after today the feed shows. */
export const CALENDAR_DAYS_AHEAD = 180;

/** The worklist's scheduled items as an iCalendar feed. Audited (`worklist.calendar`). */
@Injectable()
export class WorklistCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly read: ReadDatabase,
    private readonly calendar: WorklistCalendarRepository,
    private readonly workups: WorkupsService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feedTokens: FeedTokens,
  ) {}

  /** Issues a feed address for the caller; the token is never stored, only its issue is audited. */
  async subscription(context: RequestContext): Promise<CalendarFeedView> {
    if (context.actor === null) {
      throw new Error('A calendar subscription needs a signed-in user');
    }
    const { token, expiresAt } = await this.feedTokens.issue(context.actor);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'worklist.calendar_subscribe',
        entityType: 'user',
        entityId: context.actor?.id ?? null,
        details: { expiresAt: expiresAt.toISOString() },
      }),
    );
    const path = apiPath('GET /api/worklist/calendar.ics', {});
    return {
      url: `${path}?feed=${encodeURIComponent(token)}`,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async feed(context: RequestContext): Promise<string> {
    const { today } = this.workups.window();
    const window: CalendarWindow = {
      from: addDays(today, -CALENDAR_DAYS_BACK),
      to: addDays(today, CALENDAR_DAYS_AHEAD),
    };
    // Read where lag-tolerant reads go (a replica, if any); audited on the primary before the
    // feed is returned.
    const records = await this.read.dataSource.transaction((manager) =>
      this.calendar.scheduled(manager, window, this.config.clinicTimeZone),
    );
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, context, {
        action: 'worklist.calendar',
        entityType: 'workup_item',
        details: {
          ...window,
          events: records.length,
          shownPatients: [...new Set(records.map((r) => r.patient_id))],
        },
      }),
    );
    return worklistCalendar(records, this.clock.now());
  }
}

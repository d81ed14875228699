import { Inject, Injectable } from '@nestjs/common';
import { addDays } from '@poems/domain';
import {
  apiPath,
  type CalendarFeedStatusView,
  type CalendarFeedView,
} from '@poems/contract';
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

  /**
   * Issues a feed address for the caller, revoking the previous one. The token is shown once and
   * stored only as a hash; the audit names the address by id.
   */
  async subscription(context: RequestContext): Promise<CalendarFeedView> {
    const actor = this.actorOf(context);
    const { token, feed } = await this.dataSource.transaction(
      async (manager) => {
        const issued = await this.feedTokens.issue(
          manager,
          actor.id,
          this.clock.now(),
        );
        await this.audit.record(manager, context, {
          action: 'worklist.calendar_subscribe',
          entityType: 'user',
          entityId: actor.id,
          details: {
            feedId: issued.feed.id,
            expiresAt: issued.feed.expiresAt.toISOString(),
            ...(issued.replaced.length > 0 && { replaced: issued.replaced }),
          },
        });
        return issued;
      },
    );
    const path = apiPath('GET /api/worklist/calendar.ics', {});
    return {
      url: `${path}?feed=${encodeURIComponent(token)}`,
      id: feed.id,
      issuedAt: feed.issuedAt.toISOString(),
      expiresAt: feed.expiresAt.toISOString(),
    };
  }

  /** The caller's working address: when it was issued, expires and was last fetched. */
  async status(context: RequestContext): Promise<CalendarFeedStatusView> {
    const feed = await this.feedTokens.active(
      this.actorOf(context).id,
      this.clock.now(),
    );
    return {
      feed:
        feed === null
          ? null
          : {
              id: feed.id,
              issuedAt: feed.issuedAt.toISOString(),
              expiresAt: feed.expiresAt.toISOString(),
              lastUsedAt: feed.lastUsedAt?.toISOString() ?? null,
            },
    };
  }

  /** Revokes the caller's address; audited when there was one (idempotent otherwise). */
  async revoke(context: RequestContext): Promise<void> {
    const actor = this.actorOf(context);
    await this.dataSource.transaction(async (manager) => {
      const revoked = await this.feedTokens.revokeAll(
        manager,
        actor.id,
        'revoked',
        this.clock.now(),
      );
      if (revoked.length > 0) {
        await this.audit.record(manager, context, {
          action: 'worklist.calendar_revoke',
          entityType: 'user',
          entityId: actor.id,
          details: { feedIds: revoked, reason: 'revoked' },
        });
      }
    });
  }

  private actorOf(
    context: RequestContext,
  ): NonNullable<RequestContext['actor']> {
    if (context.actor === null) {
      throw new Error('A calendar subscription needs a signed-in user');
    }
    return context.actor;
  }

  /** The feed; `feedId` names the subscription address it was fetched with (null: a bearer token). */
  async feed(context: RequestContext, feedId: string | null): Promise<string> {
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
          feedId,
          events: records.length,
          shownPatients: [...new Set(records.map((r) => r.patient_id))],
        },
      }),
    );
    return worklistCalendar(
      records,
      this.clock.now(),
      this.config.clinicTimeZone,
    );
  }
}

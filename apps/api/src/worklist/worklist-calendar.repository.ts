import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A scheduled item as the calendar needs it: never the patient's name. */
export interface CalendarRecord {
  readonly item_id: string;
  readonly key: string;
  readonly scheduled_at: Date;
  readonly location: string | null;
  readonly version: number;
  readonly updated_at: Date;
  readonly workup_id: string;
  readonly patient_id: string;
  readonly protocol_key: string;
  readonly protocol_version: number;
  readonly mrn: string;
}

/** Clinic dates (inclusive) a calendar covers. */
export interface CalendarWindow {
  readonly from: string;
  readonly to: string;
}

/** Scheduled items across patients, for the worklist's calendar feed. */
@Injectable()
export class WorklistCalendarRepository {
  /**
   * Active items of open workups that are scheduled (status `scheduled`) for a time within the
   * window's clinic dates, earliest first. Items already performed, cancelled or reopened leave
   * the feed, even if a stale appointment time is still stored on them.
   */
  async scheduled(
    manager: EntityManager,
    window: CalendarWindow,
    timeZone: string,
  ): Promise<CalendarRecord[]> {
    return (await manager.query(
      `SELECT i.id AS item_id, i.key, i.scheduled_at, i.location, i.version, i.updated_at,
              w.id AS workup_id, w.patient_id, w.protocol_key, w.protocol_version, p.mrn
         FROM workup_items i
         JOIN workups w ON w.id = i.workup_id AND w.status = 'open'
         JOIN patients p ON p.id = w.patient_id
        WHERE i.active AND i.status = 'scheduled'
          AND i.scheduled_at >= ($1::date)::timestamp AT TIME ZONE $3
          AND i.scheduled_at < ($2::date + 1)::timestamp AT TIME ZONE $3
        ORDER BY i.scheduled_at, i.id`,
      [window.from, window.to, timeZone],
    )) as CalendarRecord[];
  }
}

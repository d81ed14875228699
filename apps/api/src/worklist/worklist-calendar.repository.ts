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
  /** Follow-up instances: their time point (M3, M6, …); null for workup items. */
  readonly time_point: string | null;
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
    // Follow-up instances scheduled for the window join the feed beside workup items (poems-followup.md §6).
    return (await manager.query(
      `SELECT * FROM (
         SELECT i.id AS item_id, i.key, i.scheduled_at, i.location, i.version, i.updated_at,
                w.id AS workup_id, w.patient_id, w.protocol_key, w.protocol_version, p.mrn,
                NULL::text AS time_point
           FROM workup_items i
           JOIN workups w ON w.id = i.workup_id AND w.status = 'open'
           JOIN patients p ON p.id = w.patient_id
          WHERE i.active AND i.status = 'scheduled'
            AND i.scheduled_at >= ($1::date)::timestamp AT TIME ZONE $3
            AND i.scheduled_at < ($2::date + 1)::timestamp AT TIME ZONE $3
         UNION ALL
         SELECT f.id, f.item_key, f.scheduled_at, f.location, f.version, f.updated_at,
                d.workup_id, f.patient_id, d.protocol_key, d.protocol_version, p.mrn, f.time_point
           FROM followup_instances f
           JOIN diagnoses d ON d.patient_id = f.patient_id
           JOIN patients p ON p.id = f.patient_id
          WHERE f.active AND f.status = 'scheduled'
            AND f.scheduled_at >= ($1::date)::timestamp AT TIME ZONE $3
            AND f.scheduled_at < ($2::date + 1)::timestamp AT TIME ZONE $3
       ) events
       ORDER BY scheduled_at, item_id`,
      [window.from, window.to, timeZone],
    )) as CalendarRecord[];
  }
}

import { Injectable, computed, signal } from '@angular/core';
import { isTimeZone, todayIn } from '@poems/domain';
import { todayIso } from '../../core/forms/dates';

/**
 * The clinic's calendar as far as the browser knows it. Reports use clinic dates, and the API
 * tells the clinic's time zone with every report; until the first one arrives the browser's own
 * today stands in (the same date nearly everywhere, and corrected as soon as the zone is known).
 */
@Injectable({ providedIn: 'root' })
export class ClinicCalendar {
  private readonly timeZone = signal<string | null>(null);

  /** Today in the clinic's time zone, `YYYY-MM-DD`. */
  readonly today = computed(() => {
    const zone = this.timeZone();
    return zone !== null ? todayIn(zone, new Date()) : todayIso();
  });

  /** Records the clinic's IANA time zone, as a report states it. */
  learn(timeZone: string): void {
    if (isTimeZone(timeZone)) {
      this.timeZone.set(timeZone);
    }
  }
}

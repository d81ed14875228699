import { Pipe, type PipeTransform } from '@angular/core';
import {
  type ClinicTimeStyle,
  formatCalendarDate,
  formatClinicDate,
  formatClinicDateTime,
} from '@poems/domain';
import { clinicZone } from './clinic-zone';

type Instant = string | Date | null | undefined;

/** An instant on the clinic's clock, zone named: `{{ at | clinicDateTime }}` → "7 Dec 2026, 09:30 EST". */
@Pipe({ name: 'clinicDateTime' })
export class ClinicDateTimePipe implements PipeTransform {
  transform(value: Instant, style: ClinicTimeStyle = 'minutes'): string {
    return value === null || value === undefined || value === ''
      ? ''
      : formatClinicDateTime(value, clinicZone(), style);
  }
}

/** The clinic's date of an instant: `{{ openedAt | clinicDate }}` → "6 Dec 2026". */
@Pipe({ name: 'clinicDate' })
export class ClinicDatePipe implements PipeTransform {
  transform(value: Instant): string {
    return value === null || value === undefined || value === ''
      ? ''
      : formatClinicDate(value, clinicZone());
  }
}

/** A calendar date with no time (`YYYY-MM-DD`: birth, due, report dates) → "6 Dec 2026". */
@Pipe({ name: 'calendarDate' })
export class CalendarDatePipe implements PipeTransform {
  transform(value: string | null | undefined): string {
    return value ? formatCalendarDate(value) : '';
  }
}

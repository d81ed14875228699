import { TestBed } from '@angular/core/testing';
import { todayIn } from '@poems/domain';
import { todayIso } from '../../core/forms/dates';
import { ClinicCalendar } from './clinic-calendar';

describe('ClinicCalendar', () => {
  it('uses the browser’s today until a report names the clinic’s zone, then the clinic’s', () => {
    const calendar = TestBed.inject(ClinicCalendar);
    expect(calendar.today()).toBe(todayIso());

    calendar.learn('Pacific/Kiritimati');

    expect(calendar.today()).toBe(todayIn('Pacific/Kiritimati', new Date()));
  });

  it('ignores a zone this browser does not know', () => {
    const calendar = TestBed.inject(ClinicCalendar);

    calendar.learn('Mars/Olympus_Mons');

    expect(calendar.today()).toBe(todayIso());
  });
});

import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import {
  isoToLocalDateTime,
  localDateTimeToIso,
  todayIso,
} from '../forms/dates';
import { ClinicClock } from './clinic-clock';
import {
  CalendarDatePipe,
  ClinicDatePipe,
  ClinicDateTimePipe,
} from './clinic-time.pipes';
import { clinicZone, setClinicZone } from './clinic-zone';

describe('the clinic clock', () => {
  let http: HttpTestingController;
  let clock: ClinicClock;

  beforeEach(() => {
    setClinicZone('UTC');
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    clock = TestBed.inject(ClinicClock);
  });

  afterEach(() => {
    http.verify();
    setClinicZone('UTC');
  });

  it('reads the clinic zone from the API and labels time inputs with it', async () => {
    const loaded = clock.load();
    http
      .expectOne('/api/clinic')
      .flush({ timeZone: 'America/New_York', dueSoonDays: 7 });
    await loaded;

    expect(clock.timeZone()).toBe('America/New_York');
    expect(clinicZone()).toBe('America/New_York');
    expect(clock.label()).toMatch(/^Clinic time \(E[SD]T\)$/);
  });

  it('keeps UTC, named as such, when the API cannot be reached', async () => {
    const loaded = clock.load();
    http
      .expectOne('/api/clinic')
      .flush(null, { status: 502, statusText: 'Bad Gateway' });
    await loaded;

    expect(clock.timeZone()).toBe('UTC');
    expect(clock.label()).toBe('Clinic time (UTC)');
  });

  it('shows instants on the clinic clock with the zone named, whatever the browser zone', () => {
    clock.use('America/New_York');
    const at = '2026-12-07T14:30:05Z';

    expect(new ClinicDateTimePipe().transform(at)).toBe(
      '7 Dec 2026, 09:30 EST',
    );
    expect(new ClinicDateTimePipe().transform(at, 'time')).toBe('09:30 EST');
    expect(new ClinicDateTimePipe().transform(at, 'seconds')).toBe(
      '7 Dec 2026, 09:30:05 EST',
    );
    expect(new ClinicDateTimePipe().transform(null)).toBe('');
    // 02:00 UTC on 8 Dec is still 7 Dec at the clinic.
    expect(new ClinicDatePipe().transform('2026-12-08T02:00:00Z')).toBe(
      '7 Dec 2026',
    );
    expect(new CalendarDatePipe().transform('1962-04-15')).toBe('15 Apr 1962');
  });

  it('reads typed times as clinic wall times and shows stored ones back the same way', () => {
    clock.use('America/New_York');

    expect(localDateTimeToIso('2026-12-07T09:30')).toBe(
      '2026-12-07T09:30:00-05:00',
    );
    expect(localDateTimeToIso('2026-07-07T09:30')).toBe(
      '2026-07-07T09:30:00-04:00',
    );
    expect(localDateTimeToIso('2026-02-30T09:30')).toBeNull();
    expect(isoToLocalDateTime('2026-12-07T14:30:00Z')).toBe('2026-12-07T09:30');
    expect(isoToLocalDateTime('not a time')).toBe('');
    expect(todayIso(new Date('2026-12-08T02:00:00Z'))).toBe('2026-12-07');
  });
});

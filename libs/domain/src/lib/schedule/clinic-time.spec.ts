import {
  clinicDateOf,
  clinicIsoInstant,
  clinicWallTimeToInstant,
  formatCalendarDate,
  formatClinicDate,
  formatClinicDateTime,
  instantAsClinicWallTime,
  zoneAbbreviation,
  zoneOffsetMinutes,
} from './clinic-time';

const NY = 'America/New_York';

describe('zoneOffsetMinutes', () => {
  it.each([
    [NY, '2026-01-15T12:00:00Z', -300],
    [NY, '2026-07-15T12:00:00Z', -240],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 330],
    ['Pacific/Chatham', '2026-01-15T12:00:00Z', 825],
    ['UTC', '2026-07-15T12:00:00.999Z', 0],
  ])('%s at %s is %d minutes', (zone, at, offset) => {
    expect(zoneOffsetMinutes(zone, new Date(at))).toBe(offset);
  });
});

describe('clinicWallTimeToInstant', () => {
  it('reads a winter and a summer wall time with the offset of that day', () => {
    expect(clinicWallTimeToInstant('2026-12-07T09:30', NY)?.toISOString()).toBe(
      '2026-12-07T14:30:00.000Z',
    );
    expect(clinicWallTimeToInstant('2026-07-07T09:30', NY)?.toISOString()).toBe(
      '2026-07-07T13:30:00.000Z',
    );
    expect(
      clinicWallTimeToInstant(
        '2026-07-07T09:30:15',
        'Asia/Tokyo',
      )?.toISOString(),
    ).toBe('2026-07-07T00:30:15.000Z');
  });

  it('carries a time skipped by the spring-forward jump past it (02:30 is 03:30 EDT)', () => {
    // 8 Mar 2026: New York jumps from 02:00 EST to 03:00 EDT.
    expect(clinicWallTimeToInstant('2026-03-08T02:30', NY)?.toISOString()).toBe(
      '2026-03-08T07:30:00.000Z',
    );
    expect(
      instantAsClinicWallTime(
        clinicWallTimeToInstant('2026-03-08T02:30', NY) as Date,
        NY,
      ),
    ).toBe('2026-03-08T03:30');
  });

  it('takes the first of a time that occurs twice (01:30 EDT, not EST)', () => {
    // 1 Nov 2026: 01:00–02:00 happens first in EDT, then again in EST.
    expect(clinicWallTimeToInstant('2026-11-01T01:30', NY)?.toISOString()).toBe(
      '2026-11-01T05:30:00.000Z',
    );
  });

  it.each([
    '',
    '2026-02-30T10:00',
    '2026-12-07 09:30',
    '2026-12-07T24:00',
    '2026-12-07T09:60',
    'soon',
  ])('refuses %p', (text) => {
    expect(clinicWallTimeToInstant(text, NY)).toBeUndefined();
  });

  it('round-trips every quarter hour of a year in zones with and without daylight saving', () => {
    for (const zone of [
      NY,
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Asia/Tokyo',
      'UTC',
    ]) {
      for (
        let t = Date.UTC(2026, 0, 1);
        t < Date.UTC(2027, 0, 1);
        t += 15 * 60_000 * 97
      ) {
        const instant = new Date(t);
        const wall = instantAsClinicWallTime(instant, zone, true);
        const back = clinicWallTimeToInstant(wall, zone) as Date;
        // A repeated hour maps back to its first occurrence: same wall time, never a different one.
        expect(instantAsClinicWallTime(back, zone, true)).toBe(wall);
        expect(Math.abs(back.getTime() - t)).toBeLessThanOrEqual(60 * 60_000);
      }
    }
  });
});

describe('instantAsClinicWallTime and clinicDateOf', () => {
  it('gives the clinic day, not the viewer’s or UTC’s', () => {
    // 03:00 UTC on 7 Dec is still 6 Dec in New York and already 7 Dec in Tokyo.
    expect(clinicDateOf('2026-12-07T03:00:00Z', NY)).toBe('2026-12-06');
    expect(clinicDateOf('2026-12-07T03:00:00Z', 'Asia/Tokyo')).toBe(
      '2026-12-07',
    );
    expect(instantAsClinicWallTime('2026-12-07T03:00:00Z', NY)).toBe(
      '2026-12-06T22:00',
    );
    expect(instantAsClinicWallTime('2026-12-07T03:00:05Z', NY, true)).toBe(
      '2026-12-06T22:00:05',
    );
  });

  it('shows midnight as 00, not 24', () => {
    expect(instantAsClinicWallTime('2026-12-07T05:00:00Z', NY)).toBe(
      '2026-12-07T00:00',
    );
  });
});

describe('zoneAbbreviation', () => {
  it('names standard and daylight time', () => {
    expect(zoneAbbreviation(NY, '2026-01-15T12:00:00Z')).toBe('EST');
    expect(zoneAbbreviation(NY, '2026-07-15T12:00:00Z')).toBe('EDT');
    expect(zoneAbbreviation('UTC', '2026-07-15T12:00:00Z')).toBe('UTC');
  });

  it('falls back to an offset where English has no abbreviation', () => {
    expect(zoneAbbreviation('Asia/Tokyo', '2026-07-15T12:00:00Z')).toBe(
      'GMT+9',
    );
  });
});

describe('formatting', () => {
  it('formats a calendar date without any zone', () => {
    expect(formatCalendarDate('2026-12-06')).toBe('6 Dec 2026');
    expect(formatCalendarDate('1962-04-15')).toBe('15 Apr 1962');
    expect(formatCalendarDate('not a date')).toBe('not a date');
  });

  it('formats an instant on the clinic clock with the zone named', () => {
    const at = '2026-12-07T14:30:05Z';
    expect(formatClinicDate(at, NY)).toBe('7 Dec 2026');
    expect(formatClinicDateTime(at, NY)).toBe('7 Dec 2026, 09:30 EST');
    expect(formatClinicDateTime(at, NY, 'seconds')).toBe(
      '7 Dec 2026, 09:30:05 EST',
    );
    expect(formatClinicDateTime(at, NY, 'time')).toBe('09:30 EST');
    expect(formatClinicDateTime(at, NY, 'time-seconds')).toBe('09:30:05 EST');
    expect(formatClinicDateTime(new Date(at), 'Asia/Tokyo')).toBe(
      '7 Dec 2026, 23:30 GMT+9',
    );
  });

  it('gives nothing for an instant that is not one', () => {
    expect(formatClinicDateTime('garbage', NY)).toBe('');
  });
});

describe('clinicIsoInstant', () => {
  it('writes the same instant with the clinic offset', () => {
    expect(clinicIsoInstant('2026-12-07T14:30:05.250Z', NY)).toBe(
      '2026-12-07T09:30:05-05:00',
    );
    expect(clinicIsoInstant('2026-07-07T13:30:00Z', NY)).toBe(
      '2026-07-07T09:30:00-04:00',
    );
    expect(clinicIsoInstant('2026-07-07T13:30:00Z', 'Asia/Kolkata')).toBe(
      '2026-07-07T19:00:00+05:30',
    );
    expect(clinicIsoInstant('2026-07-07T13:30:00Z', 'UTC')).toBe(
      '2026-07-07T13:30:00+00:00',
    );
    const text = clinicIsoInstant('2026-03-08T07:30:00Z', NY);
    expect(new Date(text).toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});

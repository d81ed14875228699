import { performWarnings, scheduleWarnings } from './entry-warnings';

const NOW = new Date('2026-12-07T15:00:00Z');

describe('entry warnings', () => {
  it('warns about scheduling in the past on the clinic clock, with a few minutes of slack', () => {
    expect(scheduleWarnings(new Date('2026-12-06T14:00:00Z'), NOW, 'America/New_York')).toEqual([
      {
        code: 'scheduled_in_past',
        message: '6 Dec 2026, 09:00 EST is in the past. Save anyway if the booking is recorded after the fact.',
      },
    ]);
    expect(scheduleWarnings(new Date('2026-12-07T14:57:00Z'), NOW, 'UTC')).toEqual([]);
    expect(scheduleWarnings(new Date('2026-12-08T09:00:00Z'), NOW, 'UTC')).toEqual([]);
  });

  it('warns about a test performed before its appointment, not after or without one', () => {
    const appointment = new Date('2026-12-07T14:00:00Z');
    expect(performWarnings(new Date('2026-12-07T13:59:00Z'), appointment, 'America/New_York')).toEqual([
      {
        code: 'performed_before_appointment',
        message: 'Performed before its appointment (7 Dec 2026, 09:00 EST). Save anyway if it was done early.',
      },
    ]);
    expect(performWarnings(appointment, appointment, 'UTC')).toEqual([]);
    expect(performWarnings(new Date('2026-12-01T10:00:00Z'), null, 'UTC')).toEqual([]);
  });
});

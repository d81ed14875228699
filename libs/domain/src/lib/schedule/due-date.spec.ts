import {
  ITEM_STATUSES,
  isClosed,
  type ItemStatus,
} from '../workup/item-status';
import {
  addDays,
  dueState,
  dueWindow,
  isIsoDate,
  isOverdue,
  isTimeZone,
  todayIn,
} from './due-date';

const OPEN = ITEM_STATUSES.filter((s) => !isClosed(s));
const CLOSED = ITEM_STATUSES.filter((s) => isClosed(s));
/** The pinned clock: a Tuesday morning in Berlin. */
const NOW = new Date('2026-03-10T09:00:00Z');
const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('clinic calendar (domain reference §6)', () => {
  describe('todayIn: today in the clinic’s time zone', () => {
    it.each([
      ['2026-03-10T23:30:00Z', BERLIN, '2026-03-11'],
      ['2026-03-10T23:30:00Z', NEW_YORK, '2026-03-10'],
      ['2026-03-10T23:30:00Z', 'UTC', '2026-03-10'],
      ['2026-03-10T23:59:59.999Z', 'UTC', '2026-03-10'],
      ['2026-03-11T00:00:00Z', 'UTC', '2026-03-11'],
      ['2026-03-11T03:00:00Z', NEW_YORK, '2026-03-10'],
      ['2026-03-10T18:29:59Z', 'Asia/Kolkata', '2026-03-10'],
      ['2026-03-10T18:30:00Z', 'Asia/Kolkata', '2026-03-11'],
      ['2026-03-10T10:00:00Z', 'Pacific/Kiritimati', '2026-03-11'],
      ['2026-03-10T10:00:00Z', 'Pacific/Pago_Pago', '2026-03-09'],
      ['2026-12-31T23:30:00Z', BERLIN, '2027-01-01'],
      ['2024-02-28T23:30:00Z', BERLIN, '2024-02-29'],
    ])('%s in %s is %s', (instant, zone, today) => {
      expect(todayIn(zone, new Date(instant))).toBe(today);
    });

    it.each([
      // Berlin: CET (+1) until 2026-03-29 01:00Z, CEST (+2) until 2026-10-25 01:00Z.
      [
        '2026-03-28T23:30:00Z',
        BERLIN,
        '2026-03-29',
        'night of the spring change, still CET',
      ],
      [
        '2026-03-29T22:30:00Z',
        BERLIN,
        '2026-03-30',
        'first CEST evening (a fixed +1 would say 29th)',
      ],
      ['2026-10-24T22:30:00Z', BERLIN, '2026-10-25', 'last CEST evening'],
      [
        '2026-10-25T22:30:00Z',
        BERLIN,
        '2026-10-25',
        'first CET evening (a fixed +2 would say 26th)',
      ],
      // New York: EDT (−4) from 2026-03-08 07:00Z to 2026-11-01 06:00Z.
      [
        '2026-03-09T04:30:00Z',
        NEW_YORK,
        '2026-03-09',
        'first EDT night (a fixed −5 would say 8th)',
      ],
      [
        '2026-11-02T04:30:00Z',
        NEW_YORK,
        '2026-11-01',
        'first EST night (a fixed −4 would say 2nd)',
      ],
    ])('%s in %s is %s (%s)', (instant, zone, today) => {
      expect(todayIn(zone, new Date(instant))).toBe(today);
    });
  });

  describe('isIsoDate', () => {
    it.each([
      '2024-02-29',
      '2000-02-29',
      '2026-04-30',
      '2026-01-31',
      '2026-12-31',
      '1970-01-01',
      '2026-03-10',
    ])('accepts %s', (d) => {
      expect(isIsoDate(d)).toBe(true);
    });

    it.each([
      '2023-02-29', // not a leap year
      '1900-02-29', // century, not a leap year
      '2026-02-30',
      '2026-04-31',
      '2026-06-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-01-32',
      '2026-1-5',
      '20260105',
      '2026/01/05',
      '2026-01-05T00:00:00Z',
      ' 2026-01-05',
      '2026-01-05\n',
      '',
      'today',
    ])('rejects %j', (d) => {
      expect(isIsoDate(d)).toBe(false);
    });
  });

  describe('isTimeZone', () => {
    it.each([
      'Europe/Berlin',
      'America/New_York',
      'UTC',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ])('accepts %s', (z) => {
      expect(isTimeZone(z)).toBe(true);
    });

    it.each(['', 'Mars/Olympus', 'Europe/Berlin ', 'Etc/Unknown', 'CEST+1'])(
      'rejects %j',
      (z) => {
        expect(isTimeZone(z)).toBe(false);
      },
    );
  });

  describe('addDays', () => {
    it.each([
      ['2024-02-28', 1, '2024-02-29'],
      ['2023-02-28', 1, '2023-03-01'],
      ['2024-02-29', 1, '2024-03-01'],
      ['2024-03-01', -1, '2024-02-29'],
      ['2026-03-01', -1, '2026-02-28'],
      ['2026-01-31', 1, '2026-02-01'],
      ['2026-04-30', 1, '2026-05-01'],
      ['2026-12-31', 1, '2027-01-01'],
      ['2027-01-01', -1, '2026-12-31'],
      ['2026-03-28', 1, '2026-03-29'], // a DST change in Europe does not shorten the day
      ['2026-03-10', 0, '2026-03-10'],
      ['2026-03-10', 7, '2026-03-17'],
      ['2024-01-01', 366, '2025-01-01'],
      ['2026-03-10', -365, '2025-03-10'],
    ])('%s %+d days is %s', (date, days, result) => {
      expect(addDays(date, days)).toBe(result);
    });
  });

  describe('dueWindow', () => {
    it('runs from clinic today through today + due-soon days', () => {
      expect(dueWindow(new Date('2026-03-10T23:30:00Z'), BERLIN, 7)).toEqual({
        today: '2026-03-11',
        dueSoonUntil: '2026-03-18',
      });
      expect(dueWindow(new Date('2026-03-10T23:30:00Z'), NEW_YORK, 7)).toEqual({
        today: '2026-03-10',
        dueSoonUntil: '2026-03-17',
      });
      expect(dueWindow(new Date('2026-02-25T12:00:00Z'), 'UTC', 7)).toEqual({
        today: '2026-02-25',
        dueSoonUntil: '2026-03-04',
      });
    });
  });
});

describe('the due-date rule', () => {
  const window = dueWindow(NOW, BERLIN, 7); // today 2026-03-10, due soon through 2026-03-17

  describe.each(OPEN)('an open (%s) item', (status) => {
    it.each([
      ['2025-12-31', 'overdue'],
      ['2026-03-09', 'overdue'],
      ['2026-03-10', 'due_soon'], // due today is not overdue
      ['2026-03-17', 'due_soon'], // the window's last day is included
      ['2026-03-18', 'on_time'],
      ['2027-01-01', 'on_time'],
    ])('due %s is %s', (dueDate, state) => {
      expect(dueState({ status, dueDate }, window)).toBe(state);
    });

    it.each([null, undefined, ''])(
      'without a due date (%j) is its own group, never on time',
      (dueDate) => {
        expect(dueState({ status, dueDate }, window)).toBe('no_due_date');
        expect(isOverdue({ status, dueDate }, NOW, BERLIN)).toBe(false);
      },
    );
  });

  it.each(CLOSED)(
    'a closed (%s) item is never overdue, whatever its due date',
    (status: ItemStatus) => {
      expect(dueState({ status, dueDate: '2020-01-01' }, window)).toBe(
        'closed',
      );
      expect(dueState({ status, dueDate: null }, window)).toBe('closed');
      expect(isOverdue({ status, dueDate: '2020-01-01' }, NOW, BERLIN)).toBe(
        false,
      );
    },
  );

  it('with a window of 0 days, only today is due soon', () => {
    const today = dueWindow(NOW, BERLIN, 0);
    expect(dueState({ status: 'ordered', dueDate: '2026-03-10' }, today)).toBe(
      'due_soon',
    );
    expect(dueState({ status: 'ordered', dueDate: '2026-03-11' }, today)).toBe(
      'on_time',
    );
  });

  describe('overdue at the clinic day boundary', () => {
    const lateEvening = new Date('2026-03-10T23:30:00Z');
    const item = { status: 'scheduled' as const, dueDate: '2026-03-10' };

    it('is overdue in Berlin, where it is already the 11th', () => {
      expect(isOverdue(item, lateEvening, BERLIN)).toBe(true);
    });

    it('is not overdue in New York, where it is still the 10th', () => {
      expect(isOverdue(item, lateEvening, NEW_YORK)).toBe(false);
    });

    it('is not overdue in UTC until midnight UTC', () => {
      expect(isOverdue(item, new Date('2026-03-10T23:59:59.999Z'), 'UTC')).toBe(
        false,
      );
      expect(isOverdue(item, new Date('2026-03-11T00:00:00Z'), 'UTC')).toBe(
        true,
      );
    });

    it('follows daylight saving time: due 29 March is overdue at 22:30Z on the 29th in Berlin (CEST)', () => {
      expect(
        isOverdue(
          { status: 'ordered', dueDate: '2026-03-29' },
          new Date('2026-03-29T22:30:00Z'),
          BERLIN,
        ),
      ).toBe(true);
      expect(
        isOverdue(
          { status: 'ordered', dueDate: '2026-03-29' },
          new Date('2026-03-29T21:30:00Z'),
          BERLIN,
        ),
      ).toBe(false);
    });

    it('follows the end of daylight saving time: due 25 October is not yet overdue at 22:30Z in Berlin (CET)', () => {
      expect(
        isOverdue(
          { status: 'ordered', dueDate: '2026-10-25' },
          new Date('2026-10-25T22:30:00Z'),
          BERLIN,
        ),
      ).toBe(false);
      expect(
        isOverdue(
          { status: 'ordered', dueDate: '2026-10-25' },
          new Date('2026-10-25T23:00:00Z'),
          BERLIN,
        ),
      ).toBe(true);
    });
  });
});

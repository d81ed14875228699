import fc from 'fast-check';
import { ITEM_STATUSES, isClosed } from '../workup/item-status';
import {
  addDays,
  dueState,
  dueWindow,
  isIsoDate,
  isOverdue,
  todayIn,
} from './due-date';
import { worklistBuckets } from './worklist';

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/St_Johns',
];
const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const isoDate = fc
  .date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2100-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const dueDate = fc.option(isoDate, { nil: null });
const status = fc.constantFrom(...ITEM_STATUSES);
const zone = fc.constantFrom(...ZONES);

describe('due-date rule properties', () => {
  it('isOverdue agrees with dueState for any window, date, zone and status', () => {
    fc.assert(
      fc.property(
        status,
        dueDate,
        instant,
        zone,
        fc.integer({ min: 0, max: 60 }),
        (s, d, now, tz, days) => {
          const item = { status: s, dueDate: d };
          expect(isOverdue(item, now, tz)).toBe(
            dueState(item, dueWindow(now, tz, days)) === 'overdue',
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('overdue = open, with a due date, before clinic today', () => {
    fc.assert(
      fc.property(status, dueDate, instant, zone, (s, d, now, tz) => {
        const expected = !isClosed(s) && d !== null && d < todayIn(tz, now);
        expect(isOverdue({ status: s, dueDate: d }, now, tz)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('due soon = open and due from today through today + n days', () => {
    fc.assert(
      fc.property(
        isoDate,
        isoDate,
        fc.integer({ min: 0, max: 30 }),
        (today, d, days) => {
          const window = { today, dueSoonUntil: addDays(today, days) };
          const state = dueState({ status: 'ordered', dueDate: d }, window);
          expect(state === 'due_soon').toBe(
            d >= today && d <= addDays(today, days),
          );
          expect(state === 'on_time').toBe(d > addDays(today, days));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clinic today is always a real date within a day of the UTC date', () => {
    fc.assert(
      fc.property(instant, zone, (now, tz) => {
        const today = todayIn(tz, now);
        const utc = now.toISOString().slice(0, 10);
        expect(isIsoDate(today)).toBe(true);
        expect([addDays(utc, -1), utc, addDays(utc, 1)]).toContain(today);
      }),
      { numRuns: 300 },
    );
  });

  it('addDays round-trips and always yields a real date', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(isIsoDate(addDays(d, n))).toBe(true);
        expect(addDays(addDays(d, n), -n)).toBe(d);
      }),
      { numRuns: 300 },
    );
  });

  it('worklists put an item in the overdue bucket exactly when it is active and overdue', () => {
    fc.assert(
      fc.property(
        status,
        dueDate,
        fc.boolean(),
        instant,
        zone,
        (s, d, active, now, tz) => {
          const buckets = worklistBuckets(
            { status: s, dueDate: d, active },
            dueWindow(now, tz, 7),
          );
          expect(buckets.includes('overdue')).toBe(
            active && isOverdue({ status: s, dueDate: d }, now, tz),
          );
          if (!active) {
            expect(buckets).toEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

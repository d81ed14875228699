import {
  addMonths,
  completedYears,
  daysBetween,
  daysInMonth,
  earlierOf,
  laterOf,
} from './calendar';

describe('calendar', () => {
  it.each([
    ['2025-01-15', 3, '2025-04-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 3, '2025-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-03-10', 120, '2035-03-10'],
    ['2025-03-15', -3, '2024-12-15'],
  ])(
    '%s + %i months = %s (day clamped to the month end)',
    (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    },
  );

  it('knows leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
  });

  it('counts days between dates, negative backwards', () => {
    expect(daysBetween('2024-10-17', '2025-01-15')).toBe(90);
    expect(daysBetween('2025-01-15', '2024-10-17')).toBe(-90);
    expect(daysBetween('2025-03-30', '2025-03-31')).toBe(1);
  });

  it('counts completed years: the birthday must have been reached', () => {
    expect(completedYears('1970-05-01', '2025-04-30')).toBe(54);
    expect(completedYears('1970-05-01', '2025-05-01')).toBe(55);
    expect(completedYears('1974-06-15', '2025-03-01')).toBe(50);
    expect(completedYears('2000-02-29', '2025-02-28')).toBe(24);
  });

  it('picks the later and the earlier date', () => {
    expect(laterOf('2025-01-02', '2025-01-01')).toBe('2025-01-02');
    expect(earlierOf('2025-01-02', '2025-01-01')).toBe('2025-01-01');
  });
});

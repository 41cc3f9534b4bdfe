import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDaysBetween,
  type Calendar,
  calendarDaysAfter,
  createHolidayCalendar,
  finnishCalendar,
  isBusinessDay,
  monthsAfter,
  nextBusinessDayOnOrAfter,
  nthBusinessDayAfter,
} from '../../../src/domain/calendar/businessDays.js';
import { InvalidTimeLimitCount } from '../../../src/domain/calendar/errors.js';
import { addDays, dayOfWeek, fromDayNumber, toDayNumber } from '../../../src/domain/calendar/isoDate.js';

// domain.md §8 check vectors
const deadlineVectors = [
  { start: '2025-06-16', days: 5, due: '2025-06-24' }, // Midsummer Eve Fri 20.6 skipped
  { start: '2024-12-20', days: 5, due: '2025-01-02' }, // 24–26.12 and 1.1 skipped
  { start: '2025-12-19', days: 5, due: '2025-12-31' }, // 24–26.12 skipped; 31.12 counts
  { start: '2026-03-31', days: 10, due: '2026-04-16' }, // Good Friday and Easter Monday skipped
];

describe('isBusinessDay (Act 150/1930 § 5)', () => {
  it.each([
    ['2025-12-31', true], // New Year's Eve is a business day
    ['2026-12-31', true],
    ['2025-06-19', true],
    ['2025-06-20', false], // Midsummer Eve
    ['2025-12-24', false],
    ['2025-12-25', false],
    ['2025-12-26', false],
    ['2026-01-01', false],
    ['2026-01-06', false],
    ['2026-04-03', false], // Good Friday
    ['2026-04-06', false], // Easter Monday
    ['2026-05-01', false],
    ['2026-05-14', false], // Ascension Day
    ['2025-12-05', true],
    ['2025-12-06', false], // Saturday, and Independence Day
    ['2023-12-06', false], // Independence Day on a Wednesday
    ['2026-06-20', false], // Saturday
    ['2026-06-21', false], // Sunday
  ])('%s: %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
    expect(finnishCalendar.isBusinessDay(date)).toBe(expected);
  });
});

describe('nthBusinessDayAfter (Act 150/1930 § 2)', () => {
  it.each(deadlineVectors)('$start + $days business days is $due', ({ start, days, due }) => {
    expect(nthBusinessDayAfter(start, days, finnishCalendar)).toBe(due);
    expect(businessDaysBetween(start, due)).toBe(days);
  });

  it.each([
    ['2025-06-14', 1, '2025-06-16'], // Saturday start: BD 1 is Monday
    ['2025-06-15', 1, '2025-06-16'], // Sunday start
    ['2025-06-13', 1, '2025-06-16'], // Friday start: the start never counts
    ['2025-06-14', 5, '2025-06-23'], // Saturday start, Midsummer Eve skipped
    ['2025-06-20', 1, '2025-06-23'], // holiday start
    ['2025-12-24', 1, '2025-12-29'],
    ['2025-06-16', 0, '2025-06-16'],
  ])('%s + %i business days is %s', (start, n, due) => {
    expect(nthBusinessDayAfter(start, n)).toBe(due);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => nthBusinessDayAfter('2025-06-16', -1)).toThrow(InvalidTimeLimitCount);
    expect(() => calendarDaysAfter('2025-06-16', 1.5)).toThrow(InvalidTimeLimitCount);
    expect(() => monthsAfter('2025-06-16', Number.NaN)).toThrow(InvalidTimeLimitCount);
  });

  it('lands on a business day after exactly n business days, never before the start', () => {
    const start = fc.integer({ min: toDayNumber('2000-01-01'), max: toDayNumber('2100-12-31') }).map(fromDayNumber);
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const due = nthBusinessDayAfter(date, n);
        expect(due > date).toBe(true);
        expect(isBusinessDay(due)).toBe(true);
        expect(businessDaysBetween(date, due)).toBe(n);
        expect(businessDaysBetween(date, addDays(due, -1))).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('calendarDaysAfter (Act 150/1930 §§ 2, 5)', () => {
  it.each([
    ['2025-06-16', 7, '2025-06-23'], // Monday + 7 = Monday
    ['2025-06-13', 7, '2025-06-23'], // Friday + 7 = Midsummer Eve, rolled to Monday
    ['2025-06-14', 7, '2025-06-23'], // Saturday + 7 = Saturday, rolled to Monday
    ['2025-12-17', 7, '2025-12-29'], // Christmas Eve rolled past Christmas and the weekend
    ['2025-12-01', 30, '2025-12-31'], // New Year's Eve counts
    ['2025-12-02', 30, '2026-01-02'], // New Year's Day rolled
    ['2026-03-04', 30, '2026-04-07'], // Good Friday 3.4 rolled past Easter Monday
    ['2025-06-16', 0, '2025-06-16'],
    ['2025-06-21', 0, '2025-06-23'],
  ])('%s + %i days is %s', (start, n, due) => {
    expect(calendarDaysAfter(start, n)).toBe(due);
  });
});

describe('monthsAfter (Act 150/1930 §§ 3, 5)', () => {
  it.each([
    ['2026-01-31', 1, '2026-03-02'], // 28.2.2026 is a Saturday: rolled to Monday 2.3
    ['2024-01-31', 1, '2024-02-29'], // leap year, Thursday
    ['2025-01-31', 1, '2025-02-28'], // Friday
    ['2027-01-31', 1, '2027-03-01'], // 28.2.2027 is a Sunday
    ['2028-01-31', 1, '2028-02-29'], // leap year, Tuesday
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-03-20', 3, '2025-06-23'], // 20.6.2025 is Midsummer Eve
    ['2025-09-24', 3, '2025-12-29'], // 24.12 rolled past Christmas and the weekend
    ['2025-09-30', 3, '2025-12-30'],
    ['2025-10-31', 2, '2025-12-31'], // New Year's Eve counts
    ['2025-11-30', 3, '2026-03-02'], // 28.2.2026 Saturday
    ['2025-06-16', 6, '2025-12-16'],
  ])('%s + %i months is %s', (start, n, due) => {
    expect(monthsAfter(start, n)).toBe(due);
  });
});

describe('nextBusinessDayOnOrAfter and businessDaysBetween', () => {
  it('rolls forward only when needed', () => {
    expect(nextBusinessDayOnOrAfter('2025-06-19')).toBe('2025-06-19');
    expect(nextBusinessDayOnOrAfter('2025-06-20')).toBe('2025-06-23');
    expect(nextBusinessDayOnOrAfter('2025-12-24')).toBe('2025-12-29');
  });

  it('counts the half-open interval and is antisymmetric', () => {
    expect(businessDaysBetween('2025-06-16', '2025-06-16')).toBe(0);
    expect(businessDaysBetween('2025-06-13', '2025-06-16')).toBe(1);
    expect(businessDaysBetween('2025-06-16', '2025-06-13')).toBe(-1);
    expect(businessDaysBetween('2025-01-01', '2025-12-31')).toBe(251); // 261 weekdays minus 10 weekday holidays
  });
});

describe('an injected calendar', () => {
  it('drives every function', () => {
    const everyDay: Calendar = { isBusinessDay: () => true };
    expect(nthBusinessDayAfter('2025-06-19', 2, everyDay)).toBe('2025-06-21');
    expect(calendarDaysAfter('2025-06-13', 7, everyDay)).toBe('2025-06-20');
    expect(monthsAfter('2026-01-31', 1, everyDay)).toBe('2026-02-28');
  });

  it('caches holidays per year', () => {
    const years: number[] = [];
    const calendar = createHolidayCalendar((year) => {
      years.push(year);
      return [`${year}-01-02`];
    });
    for (let day = '2025-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) calendar.isBusinessDay(day);
    expect(years).toEqual([2025, 2026]);
    expect(calendar.isBusinessDay('2025-01-02')).toBe(false);
    expect(dayOfWeek('2025-01-02')).toBe(4);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIsoDate } from '../../../src/domain/calendar/errors.js';
import {
  addDays,
  addMonths,
  compareDates,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  IsoDate,
  isIsoDate,
  isoDateOf,
  maxDate,
  minDate,
  monthOf,
  parseIsoDate,
  toDayNumber,
} from '../../../src/domain/calendar/isoDate.js';

const MS_PER_DAY = 86_400_000;
const serviceDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('IsoDate validation', () => {
  it.each(['2024-02-29', '1900-01-01', '2199-12-31', '2000-02-29'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
    expect(parseIsoDate(value)).toBe(value);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2100-02-29',
    '2025-13-01',
    '2025-04-31',
    '2025-00-10',
    '1899-12-31',
    '2200-01-01',
    '2025-1-01',
    '20250101',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '',
  ])('refuses %j', (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(() => parseIsoDate(value)).toThrow(InvalidIsoDate);
  });

  it('is usable as a zod schema', () => {
    expect(IsoDate.safeParse('2026-01-01').success).toBe(true);
    expect(IsoDate.safeParse(20260101).success).toBe(false);
  });

  it('reports invalid dates with a stable code', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE', kind: 'invalid' }));
    expect(() => isoDateOf(2025, 2, 29)).toThrow(InvalidIsoDate);
  });
});

describe('day numbers', () => {
  it('agree with Date.UTC over 1900–2199', () => {
    fc.assert(
      fc.property(serviceDate, (date) => {
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        expect(toDayNumber(date)).toBe(Date.UTC(y, m - 1, d) / MS_PER_DAY);
        expect(fromDayNumber(toDayNumber(date))).toBe(date);
      }),
      { numRuns: 2000 },
    );
  });

  it('are 0 on 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
  });
});

describe('addDays and daysBetween', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2025-03-30', 1, '2025-03-31'], // daylight saving starts in Helsinki: no effect
    ['2025-10-26', 1, '2025-10-27'],
    ['2025-06-16', 0, '2025-06-16'],
    ['2000-01-01', 36_889, '2100-12-31'],
  ])('%s + %i days = %s', (start, days, expected) => {
    expect(addDays(start, days)).toBe(expected);
    expect(daysBetween(start, expected)).toBe(days);
  });
});

describe('addMonths (Act 150/1930 § 3)', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-01-15', 1, '2025-02-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-10-31', 14, '2026-12-31'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-05-31', -3, '2025-02-28'],
    ['2026-03-15', -15, '2024-12-15'],
    ['2025-06-16', 0, '2025-06-16'],
  ])('%s + %i months = %s', (start, months, expected) => {
    expect(addMonths(start, months)).toBe(expected);
  });
});

describe('dayOfWeek', () => {
  it.each([
    ['2025-06-16', 1],
    ['2025-06-20', 5],
    ['2025-06-22', 7],
    ['1970-01-01', 4],
    ['1900-01-01', 1],
    ['2026-03-31', 2],
  ])('%s is day %i', (date, weekday) => {
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it('agrees with Date.getUTCDay', () => {
    fc.assert(
      fc.property(serviceDate, (date) => {
        expect(dayOfWeek(date) % 7).toBe(new Date(`${date}T00:00:00Z`).getUTCDay());
      }),
    );
  });
});

describe('comparison and months', () => {
  it('compares, picks the latest and earliest', () => {
    expect(compareDates('2025-01-02', '2025-01-10')).toBeLessThan(0);
    expect(compareDates('2025-01-10', '2025-01-10')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBeGreaterThan(0);
    expect(maxDate('2025-03-01', '2026-01-01', '2025-12-31')).toBe('2026-01-01');
    expect(minDate('2025-03-01', '2026-01-01', '2025-02-28')).toBe('2025-02-28');
  });

  it('gives the month of a date', () => {
    expect(monthOf('2025-06-16')).toBe('2025-06');
    expect(() => monthOf('2025-06')).toThrow(InvalidIsoDate);
  });
});

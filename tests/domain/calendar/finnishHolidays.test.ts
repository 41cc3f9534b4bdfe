import { describe, expect, it } from 'vitest';
import { easterSunday, finnishHolidays, midsummerEve } from '../../../src/domain/calendar/finnishHolidays.js';
import { dayOfWeek } from '../../../src/domain/calendar/isoDate.js';

describe('Easter Sunday (Gregorian rule)', () => {
  it.each([
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [1818, '1818-03-22'], // earliest possible
    [2038, '2038-04-25'], // latest possible
    [2000, '2000-04-23'],
    [2100, '2100-03-28'],
  ])('%i: %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
    expect(dayOfWeek(expected)).toBe(7);
  });
});

describe('Midsummer Eve (the Friday between 19 and 25 June)', () => {
  it.each([
    [2021, '2021-06-25'],
    [2022, '2022-06-24'],
    [2023, '2023-06-23'],
    [2024, '2024-06-21'],
    [2025, '2025-06-20'],
    [2026, '2026-06-19'],
  ])('%i: %s', (year, expected) => {
    expect(midsummerEve(year)).toBe(expected);
  });

  it('is always a Friday from 19 to 25 June', () => {
    for (let year = 1900; year <= 2199; year++) {
      const eve = midsummerEve(year);
      expect(dayOfWeek(eve)).toBe(5);
      expect(eve >= `${year}-06-19` && eve <= `${year}-06-25`).toBe(true);
    }
  });
});

describe('finnishHolidays', () => {
  it('lists the 2026 holidays in date order', () => {
    expect(finnishHolidays(2026).map((h) => `${h.date} ${h.name}`)).toEqual([
      "2026-01-01 New Year's Day",
      '2026-01-06 Epiphany',
      '2026-04-03 Good Friday',
      '2026-04-05 Easter Sunday',
      '2026-04-06 Easter Monday',
      '2026-05-01 May Day',
      '2026-05-14 Ascension Day',
      '2026-05-24 Whit Sunday',
      '2026-06-19 Midsummer Eve',
      '2026-06-20 Midsummer Day',
      "2026-10-31 All Saints' Day",
      '2026-12-06 Independence Day',
      '2026-12-24 Christmas Eve',
      '2026-12-25 Christmas Day',
      "2026-12-26 St Stephen's Day (Boxing Day)",
    ]);
  });

  it("never lists New Year's Eve", () => {
    for (let year = 1900; year <= 2199; year++)
      expect(finnishHolidays(year).some((h) => h.date === `${year}-12-31`)).toBe(false);
  });
});

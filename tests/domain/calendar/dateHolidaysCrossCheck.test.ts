import Holidays, { type HolidaysTypes } from 'date-holidays';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '../../../src/domain/calendar/businessDays.js';

// date-holidays is an independent cross-check, not the legal calendar (stack.md gotcha 8). For FI it types
// Midsummer Eve, Christmas Eve and New Year's Eve as 'bank': select the legal set explicitly by rule.
const finland = new Holidays('FI');
const BANK_HOLIDAYS_IN_LAW = new Set(['friday after 06-19', '12-24']); // Act 150/1930 § 5: juhannus- ja jouluaatto
const isLegalHoliday = (h: HolidaysTypes.Holiday): boolean =>
  h.type === 'public' || (h.type === 'bank' && BANK_HOLIDAYS_IN_LAW.has(h.rule));

const legalHolidays = new Map<number, ReadonlySet<string>>();
const legalHolidaysOf = (year: number): ReadonlySet<string> => {
  let set = legalHolidays.get(year);
  if (!set) {
    set = new Set(
      finland
        .getHolidays(year)
        .filter(isLegalHoliday)
        .map((h) => h.date.slice(0, 10)),
    );
    legalHolidays.set(year, set);
  }
  return set;
};

const independentIsBusinessDay = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !legalHolidaysOf(Number(date.slice(0, 4))).has(date);
};

const MS_PER_DAY = 86_400_000;
const isoOfUtcDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const FIRST = Date.UTC(2000, 0, 1) / MS_PER_DAY;
const LAST = Date.UTC(2100, 11, 31) / MS_PER_DAY;

describe('finnishCalendar cross-checked against date-holidays (FI)', () => {
  it("selects the legal set: the two eves are 'bank' and kept, New Year's Eve is 'bank' and dropped", () => {
    const year2025 = finland.getHolidays(2025);
    const byDate = (date: string) => year2025.find((h) => h.date.startsWith(date));
    expect(byDate('2025-06-20')).toMatchObject({ type: 'bank' });
    expect(byDate('2025-12-24')).toMatchObject({ type: 'bank' });
    expect(byDate('2025-12-31')).toMatchObject({ type: 'bank', rule: '12-31' });
    expect([...legalHolidaysOf(2025)]).toContain('2025-06-20');
    expect([...legalHolidaysOf(2025)]).toContain('2025-12-24');
    expect([...legalHolidaysOf(2025)]).not.toContain('2025-12-31');
  });

  it('agrees on every date from 2000 to 2100', () => {
    const disagreements: string[] = [];
    for (let day = FIRST; day <= LAST; day++) {
      const date = isoOfUtcDay(day);
      if (isBusinessDay(date) !== independentIsBusinessDay(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('agrees on random dates from 2000 to 2100 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }).map(isoOfUtcDay), (date) => {
        expect(isBusinessDay(date)).toBe(independentIsBusinessDay(date));
      }),
      { numRuns: 5000 },
    );
  });
});

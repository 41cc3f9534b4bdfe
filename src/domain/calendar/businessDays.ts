import { InvalidTimeLimitCount } from './errors.js';
import { finnishHolidays } from './finnishHolidays.js';
import { addDays, addMonths, type IsoDate, isWeekend, yearOf } from './isoDate.js';

/** Which days count as business days (arkipäivä). Inject one into the functions below to test them in isolation. */
export interface Calendar {
  /** True when the date is a business day: a time limit may end on it and it counts as a business day. */
  isBusinessDay(date: IsoDate): boolean;
}

/**
 * A Monday–Friday calendar minus the holidays `holidaysOf(year)` returns. Holidays are computed once per year
 * and cached in the returned calendar.
 */
export const createHolidayCalendar = (holidaysOf: (year: number) => readonly IsoDate[]): Calendar => {
  const cache = new Map<number, ReadonlySet<IsoDate>>();
  const holidaysIn = (year: number): ReadonlySet<IsoDate> => {
    let holidays = cache.get(year);
    if (!holidays) {
      holidays = new Set(holidaysOf(year));
      cache.set(year, holidays);
    }
    return holidays;
  };
  return { isBusinessDay: (date) => !isWeekend(date) && !holidaysIn(yearOf(date)).has(date) };
};

/** The Finnish legal calendar: Act 150/1930 § 5, holidays from finnishHolidays(). 31.12 is a business day. */
export const finnishCalendar: Calendar = createHolidayCalendar((year) => finnishHolidays(year).map((h) => h.date));

export const isBusinessDay = (date: IsoDate, calendar: Calendar = finnishCalendar): boolean =>
  calendar.isBusinessDay(date);

const assertCount = (count: number): void => {
  if (!Number.isSafeInteger(count) || count < 0) throw new InvalidTimeLimitCount(count);
};

/** The date itself when it is a business day, else the next business day (roll-forward, Act 150/1930 § 5). */
export const nextBusinessDayOnOrAfter = (date: IsoDate, calendar: Calendar = finnishCalendar): IsoDate => {
  let day = date;
  while (!calendar.isBusinessDay(day)) day = addDays(day, 1);
  return day;
};

/**
 * The end of the n-th business day after `start` (domain.md §8.2). The start day never counts
 * (Act 150/1930 § 2); business day 1 is the first business day after it, even when `start` is a weekend
 * or holiday. `n = 0` returns `start`.
 */
export const nthBusinessDayAfter = (start: IsoDate, n: number, calendar: Calendar = finnishCalendar): IsoDate => {
  assertCount(n);
  let day = start;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (calendar.isBusinessDay(day)) counted++;
  }
  return day;
};

/**
 * `n` calendar days after `start` (the start day does not count, Act 150/1930 § 2); when that day is not a
 * business day, the next business day (§ 5). domain.md §8.3.
 */
export const calendarDaysAfter = (start: IsoDate, n: number, calendar: Calendar = finnishCalendar): IsoDate => {
  assertCount(n);
  return nextBusinessDayOnOrAfter(addDays(start, n), calendar);
};

/**
 * `n` months after `start`: the same day number, or the last day of a shorter month (Act 150/1930 § 3);
 * then rolled forward to a business day (§ 5). domain.md §8.4.
 */
export const monthsAfter = (start: IsoDate, n: number, calendar: Calendar = finnishCalendar): IsoDate => {
  assertCount(n);
  return nextBusinessDayOnOrAfter(addMonths(start, n), calendar);
};

/**
 * Business days in the half-open interval (from, to]: the count `nthBusinessDayAfter` would need, so
 * `businessDaysBetween(s, nthBusinessDayAfter(s, n)) === n`. Negative when `to` is before `from`.
 */
export const businessDaysBetween = (from: IsoDate, to: IsoDate, calendar: Calendar = finnishCalendar): number => {
  if (to < from) return -businessDaysBetween(to, from, calendar);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (calendar.isBusinessDay(day)) count++;
  return count;
};

import { z } from 'zod';
import { InvalidIsoDate } from './errors.js';

/**
 * A calendar date `'YYYY-MM-DD'` in Europe/Helsinki (domain.md §8.5). Plain strings so that they compare,
 * serialise and key maps without surprises; all arithmetic below is pure integer math on UTC day numbers,
 * so no local time zone or daylight-saving change can shift a date.
 */
export type IsoDate = string;
/** A calendar month `'YYYY-MM'`. */
export type IsoMonth = string;

/** First and last year accepted for service dates (job-search starts, interviews, deadlines). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const yearOfText = (value: string): number => Number(value.slice(0, 4));

/** zod schema of a service date: a real calendar date in the years 1900–2199. */
export const IsoDate = z.iso.date().refine((value) => yearOfText(value) >= MIN_YEAR && yearOfText(value) <= MAX_YEAR, {
  message: `Year must be between ${MIN_YEAR} and ${MAX_YEAR}`,
});

/** Day of the week, ISO numbering: 1 = Monday ... 7 = Sunday. */
export type DayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Number of days in a month (1–12) of a Gregorian year. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** True when year/month/day name a real Gregorian date (any year 1–9999; no range policy). */
export const isValidCalendarDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  year >= 1 &&
  year <= 9999 &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Builds `'YYYY-MM-DD'` from numbers; throws InvalidIsoDate when they name no real date. */
export const isoDateOf = (year: number, month: number, day: number): IsoDate => {
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (!isValidCalendarDate(year, month, day)) throw new InvalidIsoDate(text);
  return text;
};

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Splits a date into numbers; throws InvalidIsoDate on anything but a real `'YYYY-MM-DD'` date. */
export const dateParts = (date: IsoDate): DateParts => {
  const match = DATE_PATTERN.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (!isValidCalendarDate(year, month, day)) throw new InvalidIsoDate(date);
  return { year, month, day };
};

/** True for a real calendar date `'YYYY-MM-DD'` in the years 1900–2199. */
export const isIsoDate = (value: unknown): value is IsoDate => IsoDate.safeParse(value).success;

/** Validates a service date (years 1900–2199) and returns it; throws InvalidIsoDate otherwise. */
export const parseIsoDate = (value: string): IsoDate => {
  if (!isIsoDate(value)) throw new InvalidIsoDate(value);
  return value;
};

/** Days since 1970-01-01 (negative before); proleptic Gregorian, pure integer math (H. Hinnant, days_from_civil). */
export const toDayNumber = (date: IsoDate): number => {
  const { year, month, day } = dateParts(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
};

/** Inverse of toDayNumber (civil_from_days). */
export const fromDayNumber = (dayNumber: number): IsoDate => {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return isoDateOf(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day);
};

export const addDays = (date: IsoDate, days: number): IsoDate => fromDayNumber(toDayNumber(date) + days);

/**
 * Same day number `months` later (or earlier when negative); when that month is shorter, its last day.
 * Act 150/1930 § 3. No roll-forward here: see `monthsAfter` in businessDays.ts for time limits.
 */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return isoDateOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
};

/** ISO day of week: 1 = Monday ... 7 = Sunday. */
export const dayOfWeek = (date: IsoDate): DayOfWeek => {
  const daysSinceThursday = toDayNumber(date); // 1970-01-01 was a Thursday
  return (((((daysSinceThursday + 3) % 7) + 7) % 7) + 1) as DayOfWeek;
};

export const isWeekend = (date: IsoDate): boolean => dayOfWeek(date) >= 6;

/** Negative when a < b, 0 when equal, positive when a > b (valid dates compare as strings). */
export const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

export const maxDate = (first: IsoDate, ...rest: IsoDate[]): IsoDate =>
  rest.reduce((latest, date) => (compareDates(date, latest) > 0 ? date : latest), first);

export const minDate = (first: IsoDate, ...rest: IsoDate[]): IsoDate =>
  rest.reduce((earliest, date) => (compareDates(date, earliest) < 0 ? date : earliest), first);

/** Calendar days from `from` to `to`: `daysBetween('2025-01-01', '2025-01-31') === 30`; negative when to < from. */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toDayNumber(to) - toDayNumber(from);

export const yearOf = (date: IsoDate): number => dateParts(date).year;

/** `'YYYY-MM'` of a date, for monthly reporting. */
export const monthOf = (date: IsoDate): IsoMonth => {
  dateParts(date);
  return date.slice(0, 7);
};

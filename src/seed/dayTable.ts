import { type Calendar, finnishCalendar } from '../domain/calendar/businessDays.js';
import { fromDayNumber, type IsoDate, toDayNumber } from '../domain/calendar/isoDate.js';

/**
 * Dates as day numbers (days since 1970-01-01) over a fixed range, with their ISO strings and the Finnish
 * business days precomputed, so that generating millions of events does no date parsing.
 */
export interface DayTable {
  readonly first: number;
  readonly last: number;
  iso(day: number): IsoDate;
  day(date: IsoDate): number;
  isBusinessDay(day: number): boolean;
  /** The day itself when it is a business day, else the next one (Act 150/1930 § 5). */
  businessDayOnOrAfter(day: number): number;
  /** The end of the n-th business day after `day`; the start day never counts (Act 150/1930 § 2). */
  nthBusinessDayAfter(day: number, n: number): number;
  /** A business day in [from, to] chosen by `u` in [0, 1); `to` itself when there is none. */
  businessDayWithin(from: number, to: number, u: number): number;
}

const tables = new Map<string, DayTable>();

/** The table for the Finnish calendar over first..last, built once per range. */
export const finnishDayTable = (first: IsoDate, last: IsoDate): DayTable => {
  const key = `${first}..${last}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = createDayTable(first, last);
    tables.set(key, table);
  }
  return table;
};

export const createDayTable = (first: IsoDate, last: IsoDate, calendar: Calendar = finnishCalendar): DayTable => {
  const firstDay = toDayNumber(first);
  const lastDay = toDayNumber(last);
  const size = lastDay - firstDay + 1;
  const isos: IsoDate[] = new Array(size);
  const dayNumbers = new Map<IsoDate, number>();
  const business = new Uint8Array(size);
  // Number of business days in [first, day]; the list of business days in order.
  const cumulative = new Int32Array(size);
  const businessDays: number[] = [];
  for (let offset = 0; offset < size; offset++) {
    const iso = fromDayNumber(firstDay + offset);
    isos[offset] = iso;
    dayNumbers.set(iso, firstDay + offset);
    if (calendar.isBusinessDay(iso)) {
      business[offset] = 1;
      businessDays.push(firstDay + offset);
    }
    cumulative[offset] = businessDays.length;
  }
  const offsetOf = (day: number): number => {
    const offset = day - firstDay;
    if (offset < 0 || offset >= size) throw new RangeError(`Day ${day} is outside ${first}..${last}`);
    return offset;
  };
  const lastBusinessDay = businessDays.at(-1) ?? lastDay;
  return {
    first: firstDay,
    last: lastDay,
    iso: (day) => isos[offsetOf(day)] as IsoDate,
    day: (date) => dayNumbers.get(date) ?? toDayNumber(date),
    isBusinessDay: (day) => business[offsetOf(day)] === 1,
    businessDayOnOrAfter: (day) => {
      const offset = offsetOf(day);
      if (business[offset] === 1) return day;
      return businessDays[cumulative[offset] as number] ?? lastBusinessDay;
    },
    nthBusinessDayAfter: (day, n) =>
      n <= 0 ? day : (businessDays[(cumulative[offsetOf(day)] as number) + n - 1] ?? lastBusinessDay),
    businessDayWithin: (from, to, u) => {
      const low = cumulative[offsetOf(from)]! - (business[offsetOf(from)] as number);
      const high = cumulative[offsetOf(to)]! - 1;
      return high < low ? to : (businessDays[low + Math.floor(u * (high - low + 1))] as number);
    },
  };
};

import { addDays, dayOfWeek, type IsoDate, isoDateOf } from './isoDate.js';

/** A day on which, under Act 150/1930 § 5, a time limit cannot end (besides Saturdays and Sundays). */
export interface FinnishHoliday {
  readonly date: IsoDate;
  readonly name: string;
  /** Finnish name (as in the statutes). */
  readonly finnishName: string;
}

/** Easter Sunday by the Gregorian rule (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export const easterSunday = (year: number): IsoDate => {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monthAndDay = h + l - 7 * m + 114;
  return isoDateOf(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
};

/** The first given ISO weekday (1 = Monday ... 7 = Sunday) on or after a date. */
const weekdayOnOrAfter = (date: IsoDate, weekday: number): IsoDate =>
  addDays(date, (weekday - dayOfWeek(date) + 7) % 7);

/** Midsummer Eve (juhannusaatto): the Friday between 19 and 25 June. */
export const midsummerEve = (year: number): IsoDate => weekdayOnOrAfter(isoDateOf(year, 6, 19), 5);

/**
 * Every holiday of a year on which a time limit cannot end, Act 150/1930 § 5: the church holidays
 * (pyhäpäivät), Independence Day, May Day, Christmas Eve and Midsummer Eve. Easter Sunday, Whit Sunday,
 * Midsummer Day and All Saints' Day always fall on a weekend and are listed for completeness.
 * New Year's Eve is not among them: it is a business day. Sorted by date.
 */
export const finnishHolidays = (year: number): readonly FinnishHoliday[] => {
  const easter = easterSunday(year);
  const eve = midsummerEve(year);
  const holidays: FinnishHoliday[] = [
    { date: isoDateOf(year, 1, 1), name: "New Year's Day", finnishName: 'uudenvuodenpäivä' },
    { date: isoDateOf(year, 1, 6), name: 'Epiphany', finnishName: 'loppiainen' },
    { date: addDays(easter, -2), name: 'Good Friday', finnishName: 'pitkäperjantai' },
    { date: easter, name: 'Easter Sunday', finnishName: 'pääsiäispäivä' },
    { date: addDays(easter, 1), name: 'Easter Monday', finnishName: 'toinen pääsiäispäivä' },
    { date: isoDateOf(year, 5, 1), name: 'May Day', finnishName: 'vapunpäivä' },
    { date: addDays(easter, 39), name: 'Ascension Day', finnishName: 'helatorstai' },
    { date: addDays(easter, 49), name: 'Whit Sunday', finnishName: 'helluntaipäivä' },
    { date: eve, name: 'Midsummer Eve', finnishName: 'juhannusaatto' },
    { date: addDays(eve, 1), name: 'Midsummer Day', finnishName: 'juhannuspäivä' },
    { date: weekdayOnOrAfter(isoDateOf(year, 10, 31), 6), name: "All Saints' Day", finnishName: 'pyhäinpäivä' },
    { date: isoDateOf(year, 12, 6), name: 'Independence Day', finnishName: 'itsenäisyyspäivä' },
    { date: isoDateOf(year, 12, 24), name: 'Christmas Eve', finnishName: 'jouluaatto' },
    { date: isoDateOf(year, 12, 25), name: 'Christmas Day', finnishName: 'joulupäivä' },
    { date: isoDateOf(year, 12, 26), name: "St Stephen's Day (Boxing Day)", finnishName: 'tapaninpäivä' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
};

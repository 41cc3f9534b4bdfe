import { isBusinessDay } from '../domain/calendar/businessDays.js';
import { type FinnishHoliday, finnishHolidays } from '../domain/calendar/finnishHolidays.js';
import { dayOfWeek, daysInMonth, isoDateOf, MAX_YEAR, MIN_YEAR } from '../domain/calendar/isoDate.js';
import { defineCommand, UsageError } from './command.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface YearCalendar {
  year: number;
  holidays: ReadonlyArray<FinnishHoliday & { weekday: string }>;
  months: ReadonlyArray<{ month: string; name: string; days: number; businessDays: number }>;
  businessDays: number;
}

/** The business-day calendar of a year (Act 150/1930 § 5): its holidays and business days per month. */
export const yearCalendar = (year: number): YearCalendar => {
  const months = MONTHS.map((name, index) => {
    const days = daysInMonth(year, index + 1);
    let businessDays = 0;
    for (let day = 1; day <= days; day++) if (isBusinessDay(isoDateOf(year, index + 1, day))) businessDays++;
    return { month: `${year}-${String(index + 1).padStart(2, '0')}`, name, days, businessDays };
  });
  return {
    year,
    holidays: finnishHolidays(year).map((holiday) => ({
      ...holiday,
      weekday: WEEKDAYS[dayOfWeek(holiday.date) - 1] ?? '?',
    })),
    months,
    businessDays: months.reduce((sum, month) => sum + month.businessDays, 0),
  };
};

export const formatYearCalendar = (calendar: YearCalendar): string => {
  const nameWidth = Math.max(...calendar.holidays.map((h) => h.name.length));
  const lines = [
    `Finnish business days ${calendar.year} (Act 150/1930 § 5: not Saturdays, Sundays or these holidays)`,
    '',
    'Holidays',
    ...calendar.holidays.map(
      (h) => `  ${h.weekday} ${h.date}  ${h.name.padEnd(nameWidth)}  ${h.finnishName}${weekendNote(h.weekday)}`,
    ),
    '',
    'Business days per month',
    ...calendar.months.map((m) => `  ${m.name.padEnd(10)} ${String(m.businessDays).padStart(3)} of ${m.days}`),
    `  ${'Total'.padEnd(10)} ${String(calendar.businessDays).padStart(3)}`,
  ];
  return `${lines.join('\n')}\n`;
};

const weekendNote = (weekday: string): string => (weekday === 'Sat' || weekday === 'Sun' ? ' (weekend)' : '');

export const parseYear = (text: string | undefined): number => {
  if (text === undefined) throw new UsageError('calendar needs a YEAR, e.g. `calendar 2026`');
  const year = Number(text);
  if (!/^\d{4}$/.test(text) || year < MIN_YEAR || year > MAX_YEAR)
    throw new UsageError(`YEAR must be a year between ${MIN_YEAR} and ${MAX_YEAR}, got ${JSON.stringify(text)}`);
  return year;
};

export const calendarCommand = defineCommand({
  usage: 'calendar YEAR [--json]',
  description:
    'Prints the Finnish business-day calendar of a year: the holidays on which a time limit cannot end ' +
    '(Act 150/1930 § 5) and the number of business days in each month.',
  arguments: [{ name: 'YEAR', description: `a year from ${MIN_YEAR} to ${MAX_YEAR}` }],
  options: { json: { type: 'boolean', description: 'print JSON instead of a table' } },
  async run({ values, positionals, io }) {
    if (positionals.length > 1) throw new UsageError(`calendar takes one YEAR, got ${positionals.length}`);
    const calendar = yearCalendar(parseYear(positionals[0]));
    io.stdout.write(values.json ? `${JSON.stringify(calendar, null, 2)}\n` : formatYearCalendar(calendar));
    return 0;
  },
});

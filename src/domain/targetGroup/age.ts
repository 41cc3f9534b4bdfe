import { dateParts, type IsoDate, isoDateOf, isValidCalendarDate } from '../calendar/isoDate.js';

/** Completed years on `date`; a person born on 29 February turns a year older on 1 March in common years. */
export const ageOn = (birthDate: IsoDate, date: IsoDate): number => {
  const born = dateParts(birthDate);
  const on = dateParts(date);
  const birthdayPassed = on.month > born.month || (on.month === born.month && on.day >= born.day);
  return on.year - born.year - (birthdayPassed ? 0 : 1);
};

/** The day the person turns `years` old (1 March for a 29 February birthday in a common year). */
export const birthdayOf = (birthDate: IsoDate, years: number): IsoDate => {
  const { year, month, day } = dateParts(birthDate);
  return isValidCalendarDate(year + years, month, day)
    ? isoDateOf(year + years, month, day)
    : isoDateOf(year + years, 3, 1);
};

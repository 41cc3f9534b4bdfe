import {
  type Calendar,
  calendarDaysAfter,
  finnishCalendar,
  monthsAfter,
  nthBusinessDayAfter,
} from '../calendar/businessDays.js';
import { addDays, addMonths, type IsoDate } from '../calendar/isoDate.js';
import type { DeadlinePolicy, InitialInterviewPolicy, PlanUpToDatePolicy, TimeLimit } from './deadlinePolicy.js';

/** The last day on which a time limit counted from `start` is met (Act 150/1930 §§ 2, 3, 5). */
export const applyTimeLimit = (limit: TimeLimit, start: IsoDate, calendar: Calendar = finnishCalendar): IsoDate => {
  switch (limit.unit) {
    case 'BUSINESS_DAYS':
      return nthBusinessDayAfter(start, limit.count, calendar);
    case 'CALENDAR_DAYS':
      return limit.rollForward ? calendarDaysAfter(start, limit.count, calendar) : addDays(start, limit.count);
    case 'MONTHS':
      return limit.rollForward ? monthsAfter(start, limit.count, calendar) : addMonths(start, limit.count);
    default: {
      const unhandled: never = limit;
      return unhandled;
    }
  }
};

/**
 * The due date of a deadline whose clock started on `clockStart` under `policy`: met when the act happens on
 * or before it. Null when the policy generates no deadline (for example needs-based supplementary
 * discussions from 1.1.2026).
 */
export const dueDate = (
  policy: DeadlinePolicy,
  clockStart: IsoDate,
  calendar: Calendar = finnishCalendar,
): IsoDate | null => (policy.timeLimit ? applyTimeLimit(policy.timeLimit, clockStart, calendar) : null);

/**
 * True when no new initial interview is due because the previous job search ended fewer than
 * `reregistrationWaiverMonths` months before the new T0 (month arithmetic, Act 150/1930 § 3; domain.md §6.2).
 */
export const initialInterviewWaived = (
  policy: InitialInterviewPolicy,
  previousJobSearchEnd: IsoDate | null,
  t0: IsoDate,
): boolean => {
  const months = policy.parameters.reregistrationWaiverMonths;
  return months !== null && previousJobSearchEnd !== null && t0 < addMonths(previousJobSearchEnd, months);
};

/**
 * Plan up to date on `date` (domain.md §6.6): the latest plan drawn up or reviewed is within the policy's
 * window before `date`, or the current unemployment spell started less than the window before `date`.
 */
export const isPlanUpToDate = (
  policy: PlanUpToDatePolicy,
  latestPlanOn: IsoDate | null,
  spellStartedOn: IsoDate,
  date: IsoDate,
  calendar: Calendar = finnishCalendar,
): boolean => {
  const limit = policy.timeLimit;
  if (!limit) return true;
  const planFresh =
    latestPlanOn !== null && latestPlanOn <= date && date <= applyTimeLimit(limit, latestPlanOn, calendar);
  return planFresh || date < applyTimeLimit(limit, spellStartedOn, calendar);
};

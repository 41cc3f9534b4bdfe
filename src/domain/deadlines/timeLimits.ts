import type { Calendar } from '../calendar/businessDays.js';
import type { IsoDate } from '../calendar/isoDate.js';
import type { DeadlinePolicy, TimeLimit } from '../policies/deadlinePolicy.js';
import { applyTimeLimit, dueDate } from '../policies/dueDate.js';

const MAX_ENTRIES = 50_000;

/**
 * Remembers a pure function of (calendar, rule object, start date). Rule tables and calendars are built once and
 * never mutated, so object identity is a sound key; each map is emptied when it grows past MAX_ENTRIES.
 */
const memoised = <K extends object, V>(compute: (key: K, start: IsoDate, calendar: Calendar) => V) => {
  const byCalendar = new WeakMap<Calendar, WeakMap<K, Map<IsoDate, V>>>();
  return (key: K, start: IsoDate, calendar: Calendar): V => {
    let byKey = byCalendar.get(calendar);
    if (byKey === undefined) {
      byKey = new WeakMap();
      byCalendar.set(calendar, byKey);
    }
    let byStart = byKey.get(key);
    if (byStart === undefined) {
      byStart = new Map();
      byKey.set(key, byStart);
    }
    let value = byStart.get(start);
    if (value === undefined && !byStart.has(start)) {
      value = compute(key, start, calendar);
      if (byStart.size >= MAX_ENTRIES) byStart.clear();
      byStart.set(start, value);
    }
    return value as V;
  };
};

/** `dueDate`, remembered per policy, clock start and calendar (derivation asks for the same dates again and again). */
export const cachedDueDate: (policy: DeadlinePolicy, clockStart: IsoDate, calendar: Calendar) => IsoDate | null =
  memoised(dueDate);

/** `applyTimeLimit`, remembered per time limit, start and calendar. */
export const cachedTimeLimit: (limit: TimeLimit, start: IsoDate, calendar: Calendar) => IsoDate =
  memoised(applyTimeLimit);

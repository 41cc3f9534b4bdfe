import type { Figures } from './readModelTypes.js';
import { MONTH_COUNTERS, type MonthCounter } from './statisticsContributions.js';

/** Everything the figures of a set of months are computed from. */
export interface MonthAggregate {
  counters: Record<MonthCounter, number>;
  /** Active and plan-up-to-date clients at the end of the (last) month. */
  active: number;
  upToDate: number;
  /** Sum over the months of the distinct experts who held contacts in each. */
  expertMonths: number;
  interviewDays: Map<number, number>;
  statementDays: Map<number, number>;
}

export const emptyAggregate = (): MonthAggregate => ({
  counters: Object.fromEntries(MONTH_COUNTERS.map((counter) => [counter, 0])) as Record<MonthCounter, number>,
  active: 0,
  upToDate: 0,
  expertMonths: 0,
  interviewDays: new Map(),
  statementDays: new Map(),
});

const addHistogram = (into: Map<number, number>, from: Map<number, number>): void => {
  for (const [days, n] of from) into.set(days, (into.get(days) ?? 0) + n);
};

/** Sums months in order; the month-end counts are those of the last month. */
export const combine = (months: readonly MonthAggregate[]): MonthAggregate => {
  const total = emptyAggregate();
  for (const month of months) {
    for (const counter of MONTH_COUNTERS) total.counters[counter] += month.counters[counter];
    total.expertMonths += month.expertMonths;
    addHistogram(total.interviewDays, month.interviewDays);
    addHistogram(total.statementDays, month.statementDays);
    total.active = month.active;
    total.upToDate = month.upToDate;
  }
  return total;
};

export const median = (histogram: Map<number, number>): number | null => {
  const entries = [...histogram].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const count = entries.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const [days, n] of entries) {
      seen += n;
      if (index < seen) return days;
    }
    return entries.at(-1)![0];
  };
  return count % 2 === 1 ? at((count - 1) / 2) : (at(count / 2 - 1) + at(count / 2)) / 2;
};

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** The figures of domain.md §7 from an aggregate. */
export const toFigures = ({ counters: c, active, upToDate, expertMonths, ...rest }: MonthAggregate): Figures => ({
  activeClients: active,
  statutoryContacts: c.contacts,
  contactsPerExpertPerMonth: share(c.contacts, expertMonths),
  faceToFaceShare: share(c.face_to_face, c.contacts),
  medianDaysToInitialInterview: median(rest.interviewDays),
  initialInterviewsOnTimeShare: share(c.interviews_on_time, c.interviews),
  planUpToDateShare: share(upToDate, active),
  planDebt: active === 0 ? null : active - upToDate,
  statementMedianDays: median(rest.statementDays),
  statementMeanDays: share(c.statement_days_sum, c.statements),
  statementsWithinTargetShare: share(c.statements_within_target, c.statements),
  satisfactionMean: share(c.feedback_sum, c.feedback_count),
  satisfactionResponses: c.feedback_count,
});

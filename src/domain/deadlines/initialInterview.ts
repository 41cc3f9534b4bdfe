import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState, JobSearchPeriod } from '../client/state.js';
import { initialInterviewWaived } from '../policies/dueDate.js';
import { findPolicy } from '../policies/policyFor.js';
import { contactsIn, type DeadlineContext, periodsUpTo } from './context.js';
import { cancelledByEnd, type DeadlineDraft, factRef } from './deadline.js';
import { cachedDueDate } from './timeLimits.js';

/**
 * True when no initial interview is due for the job search because the previous one ended fewer than 6 months
 * before its T0 (re-registration, domain.md §6.2).
 */
export const isInitialInterviewWaived = (
  period: JobSearchPeriod,
  previousEndedOn: IsoDate | null,
  { policies }: DeadlineContext,
): boolean => {
  const policy = findPolicy('INITIAL_INTERVIEW', period.startedOn, policies);
  return policy !== undefined && initialInterviewWaived(policy, previousEndedOn, period.startedOn);
};

/**
 * One initial-interview deadline per job search started on or before `date`, by the policy in force on T0:
 * 14 days before 2.5.2022, 5 business days to 31.12.2025, 10 business days from 1.1.2026 (domain.md §6.1).
 */
export const initialInterviewDeadlines = (
  state: ClientState,
  date: IsoDate,
  context: DeadlineContext,
): DeadlineDraft[] =>
  periodsUpTo(state, date).flatMap(({ period, previousEndedOn }) => {
    const t0 = period.startedOn;
    const policy = findPolicy('INITIAL_INTERVIEW', t0, context.policies);
    if (policy === undefined || isInitialInterviewWaived(period, previousEndedOn, context)) return [];
    const dueOn = cachedDueDate(policy, t0, context.calendar);
    if (dueOn === null) return [];
    const interview = contactsIn(state, period, 'INITIAL_INTERVIEW')[0];
    const closedOn = interview?.on ?? null;
    return [
      {
        n: 1,
        anchor: t0,
        kind: 'INITIAL_INTERVIEW',
        clockStart: t0,
        dueOn,
        policyId: policy.id,
        citation: policy.citation,
        openedBy: factRef('JobSearchStarted', t0),
        closedOn,
        closedBy: closedOn === null ? null : factRef('InitialInterviewHeld', closedOn),
        cancelledOn: cancelledByEnd(period.endedOn, dueOn, closedOn),
      },
    ];
  });

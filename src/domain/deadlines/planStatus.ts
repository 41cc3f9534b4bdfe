import { addDays, type IsoDate, maxDate } from '../calendar/isoDate.js';
import { jobSearchOn, latestPlanOn } from '../client/queries.js';
import type { ClientState } from '../client/state.js';
import { findPolicy } from '../policies/policyFor.js';
import { type DeadlineOptions, resolveDeadlineContext } from './context.js';
import { cachedTimeLimit } from './timeLimits.js';

export interface PlanStatus {
  upToDate: boolean;
  /** The latest plan drawn up or reviewed on or before the date (a plan stays binding across a transfer). */
  latestPlanOn: IsoDate | null;
  /** The last day the plan counts as up to date without a new review. */
  dueOn: IsoDate;
  policyId: string;
}

/**
 * Plan up to date on `date` (domain.md §6.6, policy chosen by the date): the latest plan is at most the window
 * (default 3 months) old, or the job search started less than the window before. Null when the client has no
 * job search on the date (plan debt counts active clients only) or the policy sets no window.
 */
export const planStatusOn = (state: ClientState, date: IsoDate, options: DeadlineOptions = {}): PlanStatus | null => {
  const { calendar, policies } = resolveDeadlineContext(options);
  const jobSearch = jobSearchOn(state, date);
  const policy = findPolicy('PLAN_UP_TO_DATE', date, policies);
  if (jobSearch === undefined || policy === undefined || policy.timeLimit === null) return null;
  const plan = latestPlanOn(state, date)?.on ?? null;
  const spellEnd = cachedTimeLimit(policy.timeLimit, jobSearch.startedOn, calendar);
  const planEnd = plan === null ? null : cachedTimeLimit(policy.timeLimit, plan, calendar);
  const spellGrace = addDays(spellEnd, -1);
  const dueOn = planEnd === null ? spellGrace : maxDate(planEnd, spellGrace);
  // `isPlanUpToDate` over the two limits computed above (domain.md §6.6).
  const planFresh = plan !== null && planEnd !== null && plan <= date && date <= planEnd;
  return {
    upToDate: planFresh || date < spellEnd,
    latestPlanOn: plan,
    dueOn,
    policyId: policy.id,
  };
};

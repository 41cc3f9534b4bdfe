import { addDays, type IsoDate, maxDate } from '../calendar/isoDate.js';
import { jobSearchOn, latestPlanOn } from '../client/queries.js';
import type { ClientState } from '../client/state.js';
import { applyTimeLimit, isPlanUpToDate } from '../policies/dueDate.js';
import { findPolicy } from '../policies/policyFor.js';
import { type DeadlineOptions, resolveDeadlineContext } from './context.js';

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
  const spellGrace = addDays(applyTimeLimit(policy.timeLimit, jobSearch.startedOn, calendar), -1);
  const dueOn = plan === null ? spellGrace : maxDate(applyTimeLimit(policy.timeLimit, plan, calendar), spellGrace);
  return {
    upToDate: isPlanUpToDate(policy, plan, jobSearch.startedOn, date, calendar),
    latestPlanOn: plan,
    dueOn,
    policyId: policy.id,
  };
};

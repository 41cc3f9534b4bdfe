import { addDays, addMonths, type IsoDate, maxDate } from '../calendar/isoDate.js';
import { employmentStatusOn } from '../client/queries.js';
import type { ClientState, ServiceEntry } from '../client/state.js';
import { JOB_SEARCH_DISCUSSION_EMPLOYMENT_STATUSES } from '../events/vocabulary.js';
import type { JobSearchDiscussionPolicy } from '../policies/deadlinePolicy.js';

const serviceEnd = (service: ServiceEntry): IsoDate | null => service.endedOn ?? service.expectedEndOn;

const isLongService = (service: ServiceEntry, months: number): boolean => {
  const end = serviceEnd(service);
  return end !== null && end > addMonths(service.startedOn, months);
};

/**
 * No job-search discussion falls due on `date` when the client's status is not one of domain.md §6.4
 * (unemployed, threatened, part-time, laid off with reduced hours, subsidised work) or, when the policy says
 * so, they are in a service expected to last longer than its limit (configurable exemption, §6.4).
 */
export const exemptFromJobSearchDiscussion = (
  state: ClientState,
  date: IsoDate,
  policy: JobSearchDiscussionPolicy,
): boolean => {
  const status = employmentStatusOn(state, date);
  if (status === undefined || !JOB_SEARCH_DISCUSSION_EMPLOYMENT_STATUSES.includes(status)) return true;
  const months = policy.parameters.exemptInServiceLongerThanMonths;
  if (months === null) return false;
  return state.services.some((service) => {
    const end = serviceEnd(service);
    return service.startedOn <= date && (end === null || date <= end) && isLongService(service, months);
  });
};

/** Dates on which the exemption can start or stop. */
const exemptionChangePoints = (state: ClientState): IsoDate[] => {
  const dates = new Set<IsoDate>(state.employmentStatus.map((entry) => entry.from));
  for (const service of state.services) {
    dates.add(service.startedOn);
    const end = serviceEnd(service);
    if (end !== null) dates.add(addDays(end, 1));
  }
  return [...dates].sort();
};

/** The exempt interval around an exempt `date`: its first day (not before `notBefore`) and the first day after it. */
export const exemptionAround = (
  state: ClientState,
  date: IsoDate,
  notBefore: IsoDate,
  policy: JobSearchDiscussionPolicy,
): { from: IsoDate; until: IsoDate | null } => {
  const points = exemptionChangePoints(state);
  let from = date;
  for (const point of points.filter((p) => p <= date).reverse()) {
    if (!exemptFromJobSearchDiscussion(state, point, policy)) break;
    from = point;
  }
  const until = points.find((p) => p > date && !exemptFromJobSearchDiscussion(state, p, policy)) ?? null;
  return { from: maxDate(from, notBefore), until };
};

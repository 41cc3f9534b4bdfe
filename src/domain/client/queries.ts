import type { OrganisationId } from '../events/organisation.js';
import type { IsoDate } from '../events/primitives.js';
import type { EmploymentStatus } from '../events/vocabulary.js';
import type { ClientState, Dated, JobSearchPeriod, PlanEntry, ResponsibilityEntry, ServiceEntry } from './state.js';

/** Inserts after every entry dated on or before `on`, so equal dates keep their recording order. */
export const insertByDate = <T>(list: readonly T[], entry: T, dateOf: (item: T) => IsoDate): T[] => {
  const on = dateOf(entry);
  let index = list.length;
  while (index > 0 && dateOf(list[index - 1] as T) > on) index--;
  return [...list.slice(0, index), entry, ...list.slice(index)];
};

/** The last entry in effect on `date` (entries sorted by `from`). */
export const entryOn = <T extends { from: IsoDate }>(history: readonly T[], date: IsoDate): T | undefined =>
  history.findLast((entry) => entry.from <= date);

export const valueOn = <T>(history: readonly Dated<T>[], date: IsoDate): T | undefined => entryOn(history, date)?.value;

export const hasHistory = (state: ClientState): boolean => state.jobSearches.length > 0;

/** Index of the job-search period covering `date` (start and end days included), or -1. */
export const jobSearchIndexOn = (state: ClientState, date: IsoDate): number =>
  state.jobSearches.findLastIndex(
    (period) => period.startedOn <= date && (period.endedOn === null || date <= period.endedOn),
  );

export const jobSearchOn = (state: ClientState, date: IsoDate): JobSearchPeriod | undefined =>
  state.jobSearches[jobSearchIndexOn(state, date)];

/** The open job-search period (not ended), if any. */
export const activeJobSearch = (state: ClientState): JobSearchPeriod | undefined => {
  const last = state.jobSearches.at(-1);
  return last?.endedOn === null ? last : undefined;
};

export const responsibilityOn = (state: ClientState, date: IsoDate): ResponsibilityEntry | undefined =>
  entryOn(state.responsibility, date);

export const responsibleOrganisationOn = (state: ClientState, date: IsoDate): OrganisationId | undefined =>
  responsibilityOn(state, date)?.organisation;

/** The organisation answerable for a deadline due on `date`: the one responsible then, else the latest recorded. */
export const organisationAnswerableOn = (state: ClientState, date: IsoDate): OrganisationId | null =>
  (entryOn(state.responsibility, date) ?? state.responsibility.at(-1))?.organisation ?? null;

export const homeMunicipalityOn = (state: ClientState, date: IsoDate): string | undefined =>
  valueOn(state.homeMunicipality, date);

export const earningsRelatedAllowanceEligibleOn = (state: ClientState, date: IsoDate): boolean | undefined =>
  valueOn(state.earningsRelatedAllowanceEligible, date);

export const employmentStatusOn = (state: ClientState, date: IsoDate): EmploymentStatus | undefined =>
  valueOn(state.employmentStatus, date);

export const coachOn = (state: ClientState, date: IsoDate): string | undefined => valueOn(state.coach, date);

/** The latest plan drawn up or reviewed on or before `date`. */
export const latestPlanOn = (state: ClientState, date: IsoDate): PlanEntry | undefined =>
  state.plans.findLast((plan) => plan.on <= date);

/** Services running on `date` (started on or before it, not ended before it). */
export const servicesOn = (state: ClientState, date: IsoDate): ServiceEntry[] =>
  state.services.filter(
    (service) => service.startedOn <= date && (service.endedOn === null || date <= service.endedOn),
  );

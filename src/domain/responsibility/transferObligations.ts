import { type Calendar, finnishCalendar } from '../calendar/businessDays.js';
import { addDays, type IsoDate, minDate } from '../calendar/isoDate.js';
import { entryOn } from '../client/queries.js';
import type { ClientState, JobSearchPeriod } from '../client/state.js';
import { cachedDueDate } from '../deadlines/timeLimits.js';
import type { OrganisationId } from '../events/organisation.js';
import type { PolicyTable } from '../policies/deadlinePolicy.js';
import { findPolicy } from '../policies/policyFor.js';
import { type DomainSettings, defaultDomainSettings } from '../policies/settings.js';
import type { Organisations } from '../reference/referenceData.js';
import { birthdayOf } from '../targetGroup/age.js';
import { UNDER_AGE_LIMIT } from '../targetGroup/criteria.js';
import { isTransferDueReason, type TransferDueReason } from './placement.js';
import { shouldBe } from './shouldBe.js';

/** A period in which the client should have been elsewhere, and how it ended. */
export interface TransferObligation {
  to: OrganisationId;
  reason: TransferDueReason;
  /** The job-search start or the change that made the transfer due (Act 1269/2020 § 5). */
  clockStart: IsoDate;
  /** Null when the rules in force on `clockStart` set no time limit. */
  dueOn: IsoDate | null;
  policyId: string;
  citation: string;
  /** `TRANSFERRED`: the client arrived at `to`; `LAPSED`: it stopped being due (e.g. moved again); null: open. */
  endedHow: 'TRANSFERRED' | 'LAPSED' | 'JOB_SEARCH_ENDED' | null;
  endedOn: IsoDate | null;
}

export interface TransferOptions {
  settings?: DomainSettings;
  policies?: PolicyTable;
  calendar?: Calendar;
}

const trialDatesByOrganisations = new WeakMap<Organisations, readonly IsoDate[]>();

/** The fixed dates on which the trial rules change, and every trial area's and member's start and day after its end. */
const trialDates = (organisations: Organisations): readonly IsoDate[] => {
  let dates = trialDatesByOrganisations.get(organisations);
  if (dates === undefined) {
    const set = new Set<IsoDate>(['2021-03-01', '2025-01-01']);
    for (const area of organisations.data.trialAreas)
      for (const period of [area, ...area.members]) {
        set.add(period.from);
        if (period.to !== null) set.add(addDays(period.to, 1));
      }
    dates = [...set].sort();
    trialDatesByOrganisations.set(organisations, dates);
  }
  return dates;
};

/** Dates on which `shouldBe` or the recorded responsibility can change inside a job search, up to `until`. */
const changePoints = (
  state: ClientState,
  period: JobSearchPeriod,
  until: IsoDate,
  organisations: Organisations,
  settings: DomainSettings,
): IsoDate[] => {
  const dates = new Set<IsoDate>([period.startedOn]);
  for (const history of [state.homeMunicipality, state.earningsRelatedAllowanceEligible, state.employmentStatus])
    for (const entry of history) dates.add(entry.from);
  for (const entry of state.responsibility) dates.add(entry.from);
  for (const date of trialDates(organisations)) if (date >= period.startedOn && date <= until) dates.add(date);
  if (settings.ageTestedOn === 'EVALUATION_DATE' && state.person !== null)
    dates.add(birthdayOf(state.person.birthDate, UNDER_AGE_LIMIT));
  return [...dates].filter((date) => date >= period.startedOn && date <= until).sort();
};

/**
 * Every transfer that fell due in the job searches started on or before `date`, judged on the facts dated up
 * to `date`: a transfer is due while `shouldBe` names another organisation than the recorded one for a
 * target-group, returning-client or home-municipality reason. Clock: that day; due within 7 days, rolled
 * forward (Act 1269/2020 § 5, the TRANSFER policy).
 */
export const transferObligations = (
  state: ClientState,
  date: IsoDate,
  organisations: Organisations,
  { settings = defaultDomainSettings, policies, calendar = finnishCalendar }: TransferOptions = {},
): TransferObligation[] => {
  const obligations: TransferObligation[] = [];
  for (const period of state.jobSearches.filter((p) => p.startedOn <= date)) {
    const until = period.endedOn === null ? date : minDate(period.endedOn, date);
    let open = null as TransferObligation | null;
    for (const point of changePoints(state, period, until, organisations, settings)) {
      const should = shouldBe(state, point, organisations, settings);
      const recorded = entryOn(state.responsibility, point)?.organisation;
      const due =
        should !== null && should.organisation !== recorded && isTransferDueReason(should.basis)
          ? { organisation: should.organisation, reason: should.basis }
          : null;
      if (open !== null && due?.organisation !== open.to) {
        open.endedHow = recorded === open.to ? 'TRANSFERRED' : 'LAPSED';
        open.endedOn = point;
        open = null;
      }
      if (due !== null && open === null) {
        const policy = findPolicy('TRANSFER', point, policies);
        if (policy === undefined) continue;
        const created: TransferObligation = {
          to: due.organisation,
          reason: due.reason,
          clockStart: point,
          dueOn: cachedDueDate(policy, point, calendar),
          policyId: policy.id,
          citation: policy.citation,
          endedHow: null,
          endedOn: null,
        };
        obligations.push(created);
        open = created;
      }
    }
    if (open !== null && period.endedOn !== null && period.endedOn <= date) {
      open.endedHow = 'JOB_SEARCH_ENDED';
      open.endedOn = period.endedOn;
    }
  }
  return obligations;
};

export interface TransferDue {
  to: OrganisationId;
  reason: TransferDueReason;
  clockStart: IsoDate;
  dueOn: IsoDate;
  policyId: string;
  citation: string;
  /** True when `date` is after `dueOn` and the client has still not been transferred: a transfer breach. */
  breached: boolean;
}

/**
 * The transfer due on `date`, if any: the client should be elsewhere (`shouldBe`) for a reason that obliges
 * a transfer within 7 days (Act 1269/2020 § 5). Null when none is due or the rules set no time limit
 * (no trial assignments after 31.12.2024).
 */
export const transferDue = (
  state: ClientState,
  date: IsoDate,
  organisations: Organisations,
  options: TransferOptions = {},
): TransferDue | null => {
  const open = transferObligations(state, date, organisations, options).find((o) => o.endedHow === null);
  if (open === undefined || open.dueOn === null) return null;
  const { to, reason, clockStart, dueOn, policyId, citation } = open;
  return { to, reason, clockStart, dueOn, policyId, citation, breached: date > dueOn };
};

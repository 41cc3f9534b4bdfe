import { type Calendar, finnishCalendar } from '../calendar/businessDays.js';
import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState, Contact, ContactKind, JobSearchPeriod } from '../client/state.js';
import type { PolicyTable } from '../policies/deadlinePolicy.js';
import { buildPolicyTable, defaultPolicyTable } from '../policies/policyTable.js';
import { type DomainSettings, defaultDomainSettings } from '../policies/settings.js';
import type { Organisations } from '../reference/referenceData.js';

/** What deadline derivation needs besides the history; every part has a default. */
export interface DeadlineOptions {
  calendar?: Calendar;
  /** Defaults to `buildPolicyTable(settings)`. */
  policies?: PolicyTable;
  settings?: DomainSettings;
  /** Needed for TRANSFER deadlines; without it none are derived. */
  organisations?: Organisations;
}

export interface DeadlineContext {
  calendar: Calendar;
  policies: PolicyTable;
  settings: DomainSettings;
  organisations: Organisations | null;
}

export const resolveDeadlineContext = (options: DeadlineOptions = {}): DeadlineContext => {
  const settings = options.settings ?? defaultDomainSettings;
  const policies =
    options.policies ?? (settings === defaultDomainSettings ? defaultPolicyTable : buildPolicyTable(settings));
  return {
    calendar: options.calendar ?? finnishCalendar,
    policies,
    settings,
    organisations: options.organisations ?? null,
  };
};

/** Contacts of one kind held inside a job-search period (start and end days included), in date order. */
export const contactsIn = (state: ClientState, period: JobSearchPeriod, kind: ContactKind): Contact[] =>
  state.contacts.filter(
    (contact) =>
      contact.kind === kind &&
      contact.on >= period.startedOn &&
      (period.endedOn === null || contact.on <= period.endedOn),
  );

/** The job-search periods started on or before `date`, each with the end of the one before it. */
export const periodsUpTo = (
  state: ClientState,
  date: IsoDate,
): Array<{ period: JobSearchPeriod; previousEndedOn: IsoDate | null }> =>
  state.jobSearches
    .map((period, index) => ({ period, previousEndedOn: state.jobSearches[index - 1]?.endedOn ?? null }))
    .filter(({ period }) => period.startedOn <= date);

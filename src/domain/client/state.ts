import type { OrganisationId } from '../events/organisation.js';
import type { IsoDate } from '../events/primitives.js';
import type {
  ContactChannel,
  EmploymentStatus,
  JobSearchEndReason,
  PlanType,
  ServiceType,
  StatementOutcome,
  StatementSubject,
  TransferReason,
} from '../events/vocabulary.js';

/** A value that holds from `from` until the next entry of its history. Histories are sorted by `from`. */
export interface Dated<T> {
  from: IsoDate;
  value: T;
}

export interface JobSearchPeriod {
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  endReason: JobSearchEndReason | null;
  /** Latest date of a fact recorded inside the period; a job search cannot end before it. */
  lastFactOn: IsoDate;
}

export interface ResponsibilityEntry {
  from: IsoDate;
  organisation: OrganisationId;
  /** `REGISTRATION` for the organisation that registered a job search, else the transfer reason. */
  basis: 'REGISTRATION' | TransferReason;
  /** The transfer's `from`; null for a registration. */
  transferredFrom: OrganisationId | null;
}

export type ContactKind = 'INITIAL_INTERVIEW' | 'SUPPLEMENTARY_DISCUSSION' | 'JOB_SEARCH_DISCUSSION';

export interface Contact {
  kind: ContactKind;
  on: IsoDate;
  channel: ContactChannel;
}

export interface PlanEntry {
  kind: 'DRAWN_UP' | 'REVIEWED';
  on: IsoDate;
  planType: PlanType;
  jobSearchObligationPerMonth: number;
}

export interface ServiceEntry {
  serviceId: string;
  serviceType: ServiceType;
  startedOn: IsoDate;
  expectedEndOn: IsoDate | null;
  endedOn: IsoDate | null;
}

export interface Clarification {
  requestedOn: IsoDate;
  replyDueOn: IsoDate;
  receivedOn: IsoDate | null;
}

export interface StatementCase {
  caseId: string;
  subject: StatementSubject;
  arrivedOn: IsoDate;
  clarifications: Clarification[];
  issuedOn: IsoDate | null;
  outcome: StatementOutcome | null;
}

export interface PersonDetails {
  birthDate: IsoDate;
  motherTongue: string;
  citizenship: string;
}

/**
 * Everything later parts need to know about one client, built by `evolve` from its events. Plain JSON
 * (no Map, no Date, no class): it can be snapshotted. Every list is sorted by date; among equal dates, in
 * the order the events were recorded.
 */
export interface ClientState {
  /** From the latest JobSearchStarted; null while the client has no history. */
  person: PersonDetails | null;
  jobSearches: JobSearchPeriod[];
  responsibility: ResponsibilityEntry[];
  homeMunicipality: Dated<string>[];
  earningsRelatedAllowanceEligible: Dated<boolean>[];
  employmentStatus: Dated<EmploymentStatus>[];
  coach: Dated<string>[];
  contacts: Contact[];
  plans: PlanEntry[];
  services: ServiceEntry[];
  statementCases: StatementCase[];
  /** Set by PersonalDataErased: the personal facts are gone and no further facts are recorded. */
  personalDataErasedOn: IsoDate | null;
}

export const initialState: ClientState = {
  person: null,
  jobSearches: [],
  responsibility: [],
  homeMunicipality: [],
  earningsRelatedAllowanceEligible: [],
  employmentStatus: [],
  coach: [],
  contacts: [],
  plans: [],
  services: [],
  statementCases: [],
  personalDataErasedOn: null,
};

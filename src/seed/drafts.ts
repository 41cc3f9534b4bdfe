import type { ClientEventType } from '../domain/events/catalogue.js';
import type { ClientEvent, ClientEventOf } from '../domain/events/clientEvent.js';
import type { EventMetadata } from '../eventStore/eventStore.js';
import type { DayTable } from './dayTable.js';
import type { SeedOrganisation } from './organisations.js';
import type { SeedPolicies } from './policies.js';
import type { Random } from './random.js';

/** Order of facts recorded on the same day: the job search opens first and closes last. */
const SAME_DAY_ORDER: Readonly<Record<ClientEventType, number>> = {
  JobSearchStarted: 0,
  HomeMunicipalityChanged: 1,
  BenefitEligibilityChanged: 1,
  ClientTransferred: 2,
  InitialInterviewHeld: 3,
  EmploymentPlanDrawnUp: 4,
  CoachAssigned: 5,
  SupplementaryJobSearchDiscussionHeld: 5,
  JobSearchDiscussionHeld: 5,
  EmploymentPlanReviewed: 6,
  ServiceStarted: 7,
  ServiceEnded: 7,
  EmploymentStatusChanged: 7,
  StatementCaseOpened: 8,
  ClarificationRequested: 8,
  ClarificationReceived: 8,
  StatementIssued: 8,
  ClientFeedbackRecorded: 9,
  JobSearchEnded: 10,
  PersonalDataErased: 11,
};

/** One generated event: a client event with the id and metadata an import line or an append carries. */
export type SeedEvent = ClientEvent & { id: string; metadata: EventMetadata };

export const SYSTEM_ACTOR = 'system:seed';

/** One frozen metadata object per actor, shared by that actor's events (millions of events, few actors). */
const metadataByActor = new Map<string, Readonly<EventMetadata>>();
const SYSTEM_METADATA: EventMetadata = Object.freeze({ actor: SYSTEM_ACTOR });
const metadataOf = (actor: string): EventMetadata => {
  if (actor === SYSTEM_ACTOR) return SYSTEM_METADATA;
  let metadata = metadataByActor.get(actor);
  if (metadata === undefined) {
    metadata = Object.freeze({ actor });
    metadataByActor.set(actor, metadata);
  }
  return metadata as EventMetadata;
};

/** The facts of one client before they are sorted, cut at today and given ids. */
export class Drafts {
  /** Events in the order they were generated; ids are given after sorting. */
  readonly events: SeedEvent[] = [];
  /** Per event: day * 16 + same-day order; sorting on it (stable) gives date order. */
  readonly keys: number[] = [];

  add<T extends ClientEventType>(day: number, type: T, data: ClientEventOf<T>['data'], actor = SYSTEM_ACTOR): void {
    this.keys.push(day * 16 + SAME_DAY_ORDER[type]);
    this.events.push({ id: '', type, data, metadata: metadataOf(actor) } as SeedEvent);
  }
}

/** The largest key of an event dated on or before `day`. */
export const lastKeyOn = (day: number): number => day * 16 + 15;

/** Who is responsible from a day on (registration or transfer). */
export interface ResponsibilitySpan {
  readonly from: number;
  readonly organisation: SeedOrganisation;
}

/** Everything the parts of one job search share. */
export interface JobSearchContext {
  readonly random: Random;
  readonly days: DayTable;
  readonly policies: SeedPolicies;
  readonly drafts: Drafts;
  readonly t0: number;
  /** The day the job search ends (may be after today: then it is still active). */
  readonly end: number;
  /** The last day a fact of this job search can be dated: min(end, today). */
  readonly horizon: number;
  readonly today: number;
  readonly responsibility: ResponsibilitySpan[];
}

export const organisationOn = (context: JobSearchContext, day: number): SeedOrganisation => {
  const spans = context.responsibility;
  for (let index = spans.length - 1; index > 0; index--) {
    const span = spans[index] as ResponsibilitySpan;
    if (span.from <= day) return span.organisation;
  }
  return (spans[0] as ResponsibilitySpan).organisation;
};

/** A staff member of the organisation responsible on the day (`staff-<n>`). */
export const staffOn = (context: JobSearchContext, day: number): string =>
  context.random.pick(organisationOn(context, day).staff);

import { z } from 'zod';
import type { ClientEventType } from './catalogue.js';
import { eventCatalogue } from './catalogue.js';
import type { IsoDate } from './primitives.js';

const envelope = <T extends ClientEventType, Data extends z.ZodType>(type: T, data: Data) =>
  z.strictObject({ type: z.literal(type), data });

export const JobSearchStarted = envelope('JobSearchStarted', eventCatalogue.JobSearchStarted.storedSchema);
export type JobSearchStarted = z.infer<typeof JobSearchStarted>;
export const JobSearchEnded = envelope('JobSearchEnded', eventCatalogue.JobSearchEnded.storedSchema);
export type JobSearchEnded = z.infer<typeof JobSearchEnded>;
export const ClientTransferred = envelope('ClientTransferred', eventCatalogue.ClientTransferred.storedSchema);
export type ClientTransferred = z.infer<typeof ClientTransferred>;
export const CoachAssigned = envelope('CoachAssigned', eventCatalogue.CoachAssigned.storedSchema);
export type CoachAssigned = z.infer<typeof CoachAssigned>;
export const HomeMunicipalityChanged = envelope(
  'HomeMunicipalityChanged',
  eventCatalogue.HomeMunicipalityChanged.storedSchema,
);
export type HomeMunicipalityChanged = z.infer<typeof HomeMunicipalityChanged>;
export const BenefitEligibilityChanged = envelope(
  'BenefitEligibilityChanged',
  eventCatalogue.BenefitEligibilityChanged.storedSchema,
);
export type BenefitEligibilityChanged = z.infer<typeof BenefitEligibilityChanged>;
export const EmploymentStatusChanged = envelope(
  'EmploymentStatusChanged',
  eventCatalogue.EmploymentStatusChanged.storedSchema,
);
export type EmploymentStatusChanged = z.infer<typeof EmploymentStatusChanged>;
export const InitialInterviewHeld = envelope('InitialInterviewHeld', eventCatalogue.InitialInterviewHeld.storedSchema);
export type InitialInterviewHeld = z.infer<typeof InitialInterviewHeld>;
export const SupplementaryJobSearchDiscussionHeld = envelope(
  'SupplementaryJobSearchDiscussionHeld',
  eventCatalogue.SupplementaryJobSearchDiscussionHeld.storedSchema,
);
export type SupplementaryJobSearchDiscussionHeld = z.infer<typeof SupplementaryJobSearchDiscussionHeld>;
export const JobSearchDiscussionHeld = envelope(
  'JobSearchDiscussionHeld',
  eventCatalogue.JobSearchDiscussionHeld.storedSchema,
);
export type JobSearchDiscussionHeld = z.infer<typeof JobSearchDiscussionHeld>;
export const EmploymentPlanDrawnUp = envelope(
  'EmploymentPlanDrawnUp',
  eventCatalogue.EmploymentPlanDrawnUp.storedSchema,
);
export type EmploymentPlanDrawnUp = z.infer<typeof EmploymentPlanDrawnUp>;
export const EmploymentPlanReviewed = envelope(
  'EmploymentPlanReviewed',
  eventCatalogue.EmploymentPlanReviewed.storedSchema,
);
export type EmploymentPlanReviewed = z.infer<typeof EmploymentPlanReviewed>;
export const ClientFeedbackRecorded = envelope(
  'ClientFeedbackRecorded',
  eventCatalogue.ClientFeedbackRecorded.storedSchema,
);
export type ClientFeedbackRecorded = z.infer<typeof ClientFeedbackRecorded>;
export const ServiceStarted = envelope('ServiceStarted', eventCatalogue.ServiceStarted.storedSchema);
export type ServiceStarted = z.infer<typeof ServiceStarted>;
export const ServiceEnded = envelope('ServiceEnded', eventCatalogue.ServiceEnded.storedSchema);
export type ServiceEnded = z.infer<typeof ServiceEnded>;
export const StatementCaseOpened = envelope('StatementCaseOpened', eventCatalogue.StatementCaseOpened.storedSchema);
export type StatementCaseOpened = z.infer<typeof StatementCaseOpened>;
export const ClarificationRequested = envelope(
  'ClarificationRequested',
  eventCatalogue.ClarificationRequested.storedSchema,
);
export type ClarificationRequested = z.infer<typeof ClarificationRequested>;
export const ClarificationReceived = envelope(
  'ClarificationReceived',
  eventCatalogue.ClarificationReceived.storedSchema,
);
export type ClarificationReceived = z.infer<typeof ClarificationReceived>;
export const StatementIssued = envelope('StatementIssued', eventCatalogue.StatementIssued.storedSchema);
export type StatementIssued = z.infer<typeof StatementIssued>;
export const PersonalDataErased = envelope('PersonalDataErased', eventCatalogue.PersonalDataErased.storedSchema);
export type PersonalDataErased = z.infer<typeof PersonalDataErased>;

/** Any client event at its current version as read from the log (personal fields null once erased). */
export const ClientEvent = z.discriminatedUnion('type', [
  JobSearchStarted,
  JobSearchEnded,
  ClientTransferred,
  CoachAssigned,
  HomeMunicipalityChanged,
  BenefitEligibilityChanged,
  EmploymentStatusChanged,
  InitialInterviewHeld,
  SupplementaryJobSearchDiscussionHeld,
  JobSearchDiscussionHeld,
  EmploymentPlanDrawnUp,
  EmploymentPlanReviewed,
  ClientFeedbackRecorded,
  ServiceStarted,
  ServiceEnded,
  StatementCaseOpened,
  ClarificationRequested,
  ClarificationReceived,
  StatementIssued,
  PersonalDataErased,
]);
export type ClientEvent = z.infer<typeof ClientEvent>;

/** The event of a given type. */
export type ClientEventOf<T extends ClientEventType> = Extract<ClientEvent, { type: T }>;

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyCatalogueTypeIsInTheUnion: Exactly<ClientEvent['type'], ClientEventType> = true;
void everyCatalogueTypeIsInTheUnion;

/** The date of the fact an event records (the date its rules are judged on). */
export const eventDate = (event: ClientEvent): IsoDate => {
  switch (event.type) {
    case 'JobSearchStarted':
    case 'ServiceStarted':
      return event.data.startedOn;
    case 'JobSearchEnded':
    case 'ServiceEnded':
      return event.data.endedOn;
    case 'ClientTransferred':
    case 'HomeMunicipalityChanged':
    case 'BenefitEligibilityChanged':
    case 'EmploymentStatusChanged':
      return event.data.effectiveOn;
    case 'CoachAssigned':
      return event.data.assignedOn;
    case 'InitialInterviewHeld':
    case 'SupplementaryJobSearchDiscussionHeld':
    case 'JobSearchDiscussionHeld':
      return event.data.heldOn;
    case 'EmploymentPlanDrawnUp':
      return event.data.drawnUpOn;
    case 'EmploymentPlanReviewed':
      return event.data.reviewedOn;
    case 'ClientFeedbackRecorded':
      return event.data.givenOn;
    case 'StatementCaseOpened':
      return event.data.arrivedOn;
    case 'ClarificationRequested':
      return event.data.requestedOn;
    case 'ClarificationReceived':
      return event.data.receivedOn;
    case 'StatementIssued':
      return event.data.issuedOn;
    case 'PersonalDataErased':
      return event.data.erasedOn;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

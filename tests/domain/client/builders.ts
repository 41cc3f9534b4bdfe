import type { ClientCommand } from '../../../src/domain/client/decide.js';
import { clientDecider } from '../../../src/domain/client/decide.js';
import type { ClientEventType } from '../../../src/domain/events/catalogue.js';
import type { ClientEventOf } from '../../../src/domain/events/clientEvent.js';
import { deciderSpec } from '../../support/deciderSpec.js';

export const TODAY = '2026-06-30';
export const AREA = 'employment-area:jyvaskylan-seutu';
export const OTHER_AREA = 'employment-area:oulun-seutu';

export const given = deciderSpec(clientDecider, { today: TODAY });

export const record = (event: ClientCommand['event']): ClientCommand => ({ type: 'RecordClientEvent', event });

const builder =
  <T extends ClientEventType>(type: T, defaults: ClientEventOf<T>['data']) =>
  (overrides: Partial<ClientEventOf<T>['data']> = {}): ClientEventOf<T> =>
    ({ type, data: { ...defaults, ...overrides } }) as unknown as ClientEventOf<T>;

export const jobSearchStarted = builder('JobSearchStarted', {
  startedOn: '2026-03-02',
  employmentStatus: 'UNEMPLOYED',
  registeredBy: AREA,
  person: {
    birthDate: '1995-05-17',
    homeMunicipality: '179',
    motherTongue: 'fi',
    citizenship: 'FI',
    earningsRelatedAllowanceEligible: true,
  },
});
export const jobSearchEnded = builder('JobSearchEnded', { endedOn: '2026-05-29', reason: 'EMPLOYED_OPEN_MARKET' });
export const clientTransferred = builder('ClientTransferred', {
  from: AREA,
  to: OTHER_AREA,
  effectiveOn: '2026-04-01',
  reason: 'HOME_MUNICIPALITY_CHANGED',
});
export const coachAssigned = builder('CoachAssigned', { coachId: 'staff-1', assignedOn: '2026-03-05' });
export const homeMunicipalityChanged = builder('HomeMunicipalityChanged', {
  municipality: '564',
  effectiveOn: '2026-03-20',
});
export const benefitEligibilityChanged = builder('BenefitEligibilityChanged', {
  earningsRelatedAllowanceEligible: false,
  effectiveOn: '2026-04-10',
});
export const employmentStatusChanged = builder('EmploymentStatusChanged', {
  status: 'IN_EMPLOYMENT_PROMOTING_SERVICE',
  effectiveOn: '2026-04-13',
});
const contact = { heldOn: '2026-03-09', channel: 'FACE_TO_FACE', staffId: 'staff-1' } as const;
export const initialInterviewHeld = builder('InitialInterviewHeld', contact);
export const supplementaryDiscussionHeld = builder('SupplementaryJobSearchDiscussionHeld', {
  ...contact,
  heldOn: '2026-03-23',
});
export const jobSearchDiscussionHeld = builder('JobSearchDiscussionHeld', { ...contact, heldOn: '2026-06-08' });
export const planDrawnUp = builder('EmploymentPlanDrawnUp', {
  drawnUpOn: '2026-03-09',
  planType: 'EMPLOYMENT',
  jobSearchObligationPerMonth: 4,
});
export const planReviewed = builder('EmploymentPlanReviewed', {
  reviewedOn: '2026-06-08',
  planType: 'EMPLOYMENT',
  jobSearchObligationPerMonth: 3,
});
export const feedbackRecorded = builder('ClientFeedbackRecorded', { score: 4, givenOn: '2026-03-10' });
export const serviceStarted = builder('ServiceStarted', {
  serviceId: 'svc-1',
  serviceType: 'WORK_TRIAL',
  startedOn: '2026-04-13',
});
export const serviceEnded = builder('ServiceEnded', { serviceId: 'svc-1', endedOn: '2026-05-15' });
export const statementCaseOpened = builder('StatementCaseOpened', {
  caseId: 'case-1',
  arrivedOn: '2026-04-01',
  subject: 'RESIGNATION',
});
export const clarificationRequested = builder('ClarificationRequested', {
  caseId: 'case-1',
  requestedOn: '2026-04-02',
  replyDueOn: '2026-04-16',
});
export const clarificationReceived = builder('ClarificationReceived', { caseId: 'case-1', receivedOn: '2026-04-10' });
export const statementIssued = builder('StatementIssued', {
  caseId: 'case-1',
  issuedOn: '2026-04-20',
  outcome: 'NO_OBSTACLE',
});

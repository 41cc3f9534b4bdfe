import type { ClientEvent, ClientEventOf } from '../events/clientEvent.js';
import type { IsoDate } from '../events/primitives.js';
import { insertByDate, jobSearchIndexOn } from './queries.js';
import type { ClientState, ContactKind, Dated, PlanEntry, StatementCase } from './state.js';

const byFrom = <T extends { from: IsoDate }>(entry: T): IsoDate => entry.from;
const byOn = <T extends { on: IsoDate }>(entry: T): IsoDate => entry.on;
const dated = <T>(from: IsoDate, value: T): Dated<T> => ({ from, value });

/** Records a fact inside the job-search period covering its date (if any). */
const touchJobSearch = (state: ClientState, on: IsoDate): ClientState => {
  const index = jobSearchIndexOn(state, on);
  const period = state.jobSearches[index];
  if (period === undefined || period.lastFactOn >= on) return state;
  const jobSearches = state.jobSearches.with(index, { ...period, lastFactOn: on });
  return { ...state, jobSearches };
};

const startJobSearch = (state: ClientState, { data }: ClientEventOf<'JobSearchStarted'>): ClientState => {
  const { startedOn: on, person } = data;
  const started: ClientState = {
    ...state,
    jobSearches: [...state.jobSearches, { startedOn: on, endedOn: null, endReason: null, lastFactOn: on }],
    responsibility: insertByDate(
      state.responsibility,
      { from: on, organisation: data.registeredBy, basis: 'REGISTRATION', transferredFrom: null },
      byFrom,
    ),
    employmentStatus: insertByDate(state.employmentStatus, dated(on, data.employmentStatus), byFrom),
  };
  if (person === null) return { ...started, person: null };
  return {
    ...started,
    person: { birthDate: person.birthDate, motherTongue: person.motherTongue, citizenship: person.citizenship },
    homeMunicipality: insertByDate(state.homeMunicipality, dated(on, person.homeMunicipality), byFrom),
    earningsRelatedAllowanceEligible: insertByDate(
      state.earningsRelatedAllowanceEligible,
      dated(on, person.earningsRelatedAllowanceEligible),
      byFrom,
    ),
  };
};

/**
 * Forgets every personal fact (domain §9): what a replay sees once the client's data key is destroyed, so a
 * rebuilt state equals the live one.
 */
const erasePersonalData = (state: ClientState, erasedOn: IsoDate): ClientState => ({
  ...state,
  person: null,
  homeMunicipality: [],
  earningsRelatedAllowanceEligible: [],
  personalDataErasedOn: erasedOn,
});

const endJobSearch = (state: ClientState, { data }: ClientEventOf<'JobSearchEnded'>): ClientState => {
  const index = state.jobSearches.findLastIndex((period) => period.endedOn === null);
  const period = state.jobSearches[index];
  if (period === undefined) return state;
  const ended = { ...period, endedOn: data.endedOn, endReason: data.reason };
  return { ...state, jobSearches: state.jobSearches.with(index, ended) };
};

type ContactData = ClientEventOf<'InitialInterviewHeld'>['data'];

const addContact = (state: ClientState, kind: ContactKind, { heldOn, channel }: ContactData): ClientState =>
  touchJobSearch({ ...state, contacts: insertByDate(state.contacts, { kind, on: heldOn, channel }, byOn) }, heldOn);

const addPlan = (state: ClientState, plan: PlanEntry): ClientState =>
  touchJobSearch({ ...state, plans: insertByDate(state.plans, plan, byOn) }, plan.on);

const updateCase = (state: ClientState, caseId: string, update: (found: StatementCase) => StatementCase) => ({
  ...state,
  statementCases: state.statementCases.map((found) => (found.caseId === caseId ? update(found) : found)),
});

/** Applies one event to the state. Total: never throws, whatever the event and the state. */
export const evolve = (state: ClientState, event: ClientEvent): ClientState => {
  switch (event.type) {
    case 'JobSearchStarted':
      return startJobSearch(state, event);
    case 'JobSearchEnded':
      return endJobSearch(state, event);
    case 'ClientTransferred': {
      const { from, to, effectiveOn, reason } = event.data;
      const entry = { from: effectiveOn, organisation: to, basis: reason, transferredFrom: from };
      return touchJobSearch(
        { ...state, responsibility: insertByDate(state.responsibility, entry, byFrom) },
        effectiveOn,
      );
    }
    case 'CoachAssigned': {
      const { coachId, assignedOn } = event.data;
      return touchJobSearch(
        { ...state, coach: insertByDate(state.coach, dated(assignedOn, coachId), byFrom) },
        assignedOn,
      );
    }
    case 'HomeMunicipalityChanged': {
      const { municipality, effectiveOn } = event.data;
      if (municipality === null) return touchJobSearch(state, effectiveOn);
      const homeMunicipality = insertByDate(state.homeMunicipality, dated(effectiveOn, municipality), byFrom);
      return touchJobSearch({ ...state, homeMunicipality }, effectiveOn);
    }
    case 'BenefitEligibilityChanged': {
      const { earningsRelatedAllowanceEligible: eligible, effectiveOn } = event.data;
      if (eligible === null) return touchJobSearch(state, effectiveOn);
      const history = insertByDate(state.earningsRelatedAllowanceEligible, dated(effectiveOn, eligible), byFrom);
      return touchJobSearch({ ...state, earningsRelatedAllowanceEligible: history }, effectiveOn);
    }
    case 'EmploymentStatusChanged': {
      const { status, effectiveOn } = event.data;
      const employmentStatus = insertByDate(state.employmentStatus, dated(effectiveOn, status), byFrom);
      return touchJobSearch({ ...state, employmentStatus }, effectiveOn);
    }
    case 'InitialInterviewHeld':
      return addContact(state, 'INITIAL_INTERVIEW', event.data);
    case 'SupplementaryJobSearchDiscussionHeld':
      return addContact(state, 'SUPPLEMENTARY_DISCUSSION', event.data);
    case 'JobSearchDiscussionHeld':
      return addContact(state, 'JOB_SEARCH_DISCUSSION', event.data);
    case 'EmploymentPlanDrawnUp': {
      const { drawnUpOn: on, planType, jobSearchObligationPerMonth } = event.data;
      return addPlan(state, { kind: 'DRAWN_UP', on, planType, jobSearchObligationPerMonth });
    }
    case 'EmploymentPlanReviewed': {
      const { reviewedOn: on, planType, jobSearchObligationPerMonth } = event.data;
      return addPlan(state, { kind: 'REVIEWED', on, planType, jobSearchObligationPerMonth });
    }
    case 'ClientFeedbackRecorded':
      return state;
    case 'PersonalDataErased':
      return erasePersonalData(state, event.data.erasedOn);
    case 'ServiceStarted': {
      const { serviceId, serviceType, startedOn, expectedEndOn } = event.data;
      const service = { serviceId, serviceType, startedOn, expectedEndOn: expectedEndOn ?? null, endedOn: null };
      const services = [...state.services.filter((s) => s.serviceId !== serviceId), service];
      return touchJobSearch({ ...state, services }, startedOn);
    }
    case 'ServiceEnded': {
      const { serviceId, endedOn } = event.data;
      const services = state.services.map((s) => (s.serviceId === serviceId ? { ...s, endedOn } : s));
      return { ...state, services };
    }
    case 'StatementCaseOpened': {
      const { caseId, arrivedOn, subject } = event.data;
      const opened = { caseId, subject, arrivedOn, clarifications: [], issuedOn: null, outcome: null };
      return { ...state, statementCases: [...state.statementCases.filter((c) => c.caseId !== caseId), opened] };
    }
    case 'ClarificationRequested': {
      const { caseId, requestedOn, replyDueOn } = event.data;
      return updateCase(state, caseId, (found) => ({
        ...found,
        clarifications: insertByDate(
          found.clarifications,
          { requestedOn, replyDueOn, receivedOn: null },
          (c) => c.requestedOn,
        ),
      }));
    }
    case 'ClarificationReceived': {
      const { caseId, receivedOn } = event.data;
      return updateCase(state, caseId, (found) => {
        const index = found.clarifications.findLastIndex((c) => c.receivedOn === null && c.requestedOn <= receivedOn);
        const answered = found.clarifications[index];
        if (answered === undefined) return found;
        return { ...found, clarifications: found.clarifications.with(index, { ...answered, receivedOn }) };
      });
    }
    case 'StatementIssued': {
      const { caseId, issuedOn, outcome } = event.data;
      return updateCase(state, caseId, (found) => ({ ...found, issuedOn, outcome }));
    }
    default: {
      const unhandled: never = event;
      void unhandled;
      return state;
    }
  }
};

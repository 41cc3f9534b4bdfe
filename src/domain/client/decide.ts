import type { ClientEvent } from '../events/clientEvent.js';
import { eventDate } from '../events/clientEvent.js';
import type { IsoDate } from '../events/primitives.js';
import {
  checkClarificationReceived,
  checkClarificationRequested,
  checkServiceEnded,
  checkServiceStarted,
  checkStatementCaseOpened,
  checkStatementIssued,
} from './caseRules.js';
import { ClientNotFound, ClientRuleViolation, UnknownClientCommand } from './errors.js';
import { evolve } from './evolve.js';
import {
  checkClientTransferred,
  checkEmploymentPlanReviewed,
  checkInitialInterviewHeld,
  checkJobSearchEnded,
  checkJobSearchStarted,
} from './jobSearchRules.js';
import { hasHistory } from './queries.js';
import type { Check } from './ruleHelpers.js';
import { refuse, requireAfterFirstJobSearchStart, requireJobSearchOn } from './ruleHelpers.js';
import type { ClientState } from './state.js';
import { initialState } from './state.js';

/** What the decider needs besides the state; `today` is the business date in Europe/Helsinki. */
export interface DecisionContext {
  today: IsoDate;
}

/** Integrators post facts: the only command is "record this event". */
export type ClientCommand = { type: 'RecordClientEvent'; event: ClientEvent };

export interface Decider<State, Command, Event, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState: State;
}

const checkEvent = (event: ClientEvent, state: ClientState): Check => {
  switch (event.type) {
    case 'JobSearchStarted':
      return checkJobSearchStarted(state, event);
    case 'JobSearchEnded':
      return checkJobSearchEnded(state, event);
    case 'ClientTransferred':
      return checkClientTransferred(state, event);
    case 'InitialInterviewHeld':
      return checkInitialInterviewHeld(state, event);
    case 'EmploymentPlanReviewed':
      return checkEmploymentPlanReviewed(state, event);
    case 'CoachAssigned':
    case 'HomeMunicipalityChanged':
    case 'BenefitEligibilityChanged':
    case 'EmploymentStatusChanged':
    case 'SupplementaryJobSearchDiscussionHeld':
    case 'JobSearchDiscussionHeld':
    case 'EmploymentPlanDrawnUp':
      return requireJobSearchOn(state, eventDate(event), event.type);
    case 'ClientFeedbackRecorded':
      return requireAfterFirstJobSearchStart(state, event.data.givenOn, 'The feedback');
    case 'ServiceStarted':
      return checkServiceStarted(state, event);
    case 'ServiceEnded':
      return checkServiceEnded(state, event);
    case 'StatementCaseOpened':
      return checkStatementCaseOpened(state, event);
    case 'ClarificationRequested':
      return checkClarificationRequested(state, event);
    case 'ClarificationReceived':
      return checkClarificationReceived(state, event);
    case 'StatementIssued':
      return checkStatementIssued(state, event);
    case 'PersonalDataErased':
      return undefined;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

/** Accepts one event (returned as is) or throws why it cannot be true; `eventIndex` is its place in a batch. */
const record = (event: ClientEvent, state: ClientState, { today }: DecisionContext, eventIndex = 0): ClientEvent[] => {
  if (!hasHistory(state) && event.type !== 'JobSearchStarted') throw new ClientNotFound(event.type, eventIndex);
  const date = eventDate(event);
  const violation =
    state.personalDataErasedOn !== null
      ? refuse('PERSONAL_DATA_ERASED', `The client's personal data was erased on ${state.personalDataErasedOn}`, {
          erasedOn: state.personalDataErasedOn,
        })
      : date > today
        ? refuse('DATE_IN_FUTURE', `${event.type} is dated ${date}, after today ${today}`, { date, today })
        : checkEvent(event, state);
  if (violation !== undefined)
    throw new ClientRuleViolation(violation.code, violation.message, eventIndex, {
      ...violation.facts,
      eventType: event.type,
    });
  return [event];
};

/**
 * @throws ClientRuleViolation (kind `unprocessable`, `code` per rule) when the event cannot be true.
 * @throws ClientNotFound when the client has no history and the event is not JobSearchStarted.
 */
export const decide = (command: ClientCommand, state: ClientState, context: DecisionContext): ClientEvent[] => {
  switch (command.type) {
    case 'RecordClientEvent':
      return record(command.event, state, context);
    default: {
      const unhandled: never = command.type;
      throw new UnknownClientCommand(unhandled);
    }
  }
};

export const clientDecider = { decide, evolve, initialState } satisfies Decider<
  ClientState,
  ClientCommand,
  ClientEvent,
  DecisionContext
>;

export const evolveAll = (events: readonly ClientEvent[], from: ClientState = initialState): ClientState =>
  events.reduce(evolve, from);

/**
 * Validates a batch in order, each event against the state evolved by the ones before it, and returns the
 * events to append. `history` is the client's events so far or a state already folded from them.
 * @throws ClientRuleViolation or ClientNotFound, with `eventIndex` of the first refused event.
 */
export const decideClientEvents = (
  history: readonly ClientEvent[] | ClientState,
  incoming: readonly ClientEvent[],
  context: DecisionContext,
): ClientEvent[] => {
  let state = Array.isArray(history) ? evolveAll(history) : (history as ClientState);
  return incoming.flatMap((event, index) => {
    const accepted = record(event, state, context, index);
    state = accepted.reduce(evolve, state);
    return accepted;
  });
};

import { AppError } from '../errors.js';

/** Every rule the client decider enforces, by stable code, with what it refuses. */
export const clientRules = {
  DATE_IN_FUTURE: 'The fact is dated after today.',
  JOB_SEARCH_ALREADY_ACTIVE: 'A job search is started while another one is active.',
  JOB_SEARCH_START_BEFORE_PREVIOUS_END: 'A job search is started before the previous one ended.',
  NO_ACTIVE_JOB_SEARCH: 'The fact needs a job search active on its date, and none is.',
  DATE_BEFORE_JOB_SEARCH_START: 'The fact is dated before the job search it belongs to started.',
  END_BEFORE_START: 'An end is dated before its start.',
  END_BEFORE_RECORDED_FACT: 'A job search or statement case is closed before a fact already recorded in it.',
  ORGANISATION_NOT_IN_OPERATION: 'The organisation cannot take on clients on that date (e.g. a trial after 2024).',
  TRANSFER_FROM_MISMATCH: '`from` is not the organisation responsible on the effective date.',
  TRANSFER_CONFLICTS_WITH_LATER_TRANSFER: 'A later recorded transfer starts from another organisation than `to`.',
  INITIAL_INTERVIEW_ALREADY_HELD: 'A second initial interview in the same job search.',
  PLAN_REVIEW_WITHOUT_PLAN: 'A plan is reviewed while no plan had been drawn up by that date.',
  SERVICE_ALREADY_ACTIVE: 'A service is started again under the id of a running service.',
  SERVICE_ID_REUSED: 'A service is started under the id of an ended service.',
  SERVICE_NOT_STARTED: 'A service that was never started is ended.',
  SERVICE_ALREADY_ENDED: 'A service is ended twice.',
  STATEMENT_CASE_ALREADY_OPEN: 'A statement case is opened twice under the same id.',
  UNKNOWN_STATEMENT_CASE: 'The statement case was never opened.',
  DATE_BEFORE_CASE_ARRIVAL: 'A statement-case fact is dated before the case arrived.',
  STATEMENT_ALREADY_ISSUED: 'The statement was already issued on or before the fact’s date.',
  CLARIFICATION_ALREADY_PENDING: 'A clarification is requested while an earlier one awaits a reply.',
  CLARIFICATION_NOT_REQUESTED: 'A reply arrives with no unanswered clarification request on or before its date.',
  PERSONAL_DATA_ERASED: "The client's personal data was erased: no further facts are recorded for the client.",
} as const;

export type ClientRuleCode = keyof typeof clientRules;

/** A client event that cannot be true given the client's history. */
export class ClientRuleViolation extends AppError {
  readonly kind = 'unprocessable';
  constructor(
    readonly code: ClientRuleCode,
    message: string,
    /** Position of the refused event in the batch (0 for a single event). */
    readonly eventIndex: number,
    facts: Readonly<Record<string, unknown>> = {},
  ) {
    super(message, { ...facts, rule: code, eventIndex });
  }
}

/** An event other than JobSearchStarted for a client with no history. */
export class ClientNotFound extends AppError {
  readonly code = 'CLIENT_NOT_FOUND';
  readonly kind = 'notFound';
  constructor(
    readonly eventType: string,
    readonly eventIndex: number,
  ) {
    super(`No job search has been recorded for this client; ${eventType} needs one`, { eventType, eventIndex });
  }
}

/** A command type the decider does not know (only reachable from untyped callers). */
export class UnknownClientCommand extends AppError {
  readonly code = 'UNKNOWN_CLIENT_COMMAND';
  readonly kind = 'invalid';
  constructor(commandType: unknown) {
    super(`Unknown client command: ${String(commandType)}`, { commandType: String(commandType) });
  }
}

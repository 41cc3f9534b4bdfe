import type { IsoDate } from '../events/primitives.js';
import type { ClientRuleCode } from './errors.js';
import { jobSearchIndexOn } from './queries.js';
import type { ClientState } from './state.js';

/** A refusal before it becomes an error (the batch adds the event's index). */
export interface Violation {
  code: ClientRuleCode;
  message: string;
  facts: Record<string, unknown>;
}

export type Check = Violation | undefined;

export const refuse = (code: ClientRuleCode, message: string, facts: Record<string, unknown> = {}): Violation => ({
  code,
  message,
  facts,
});

/** The first refusal among checks evaluated in order. */
export const firstOf = (...checks: Array<() => Check>): Check => {
  for (const check of checks) {
    const violation = check();
    if (violation !== undefined) return violation;
  }
  return undefined;
};

/** The fact must fall inside a job-search period (start and end days included), ended or not. */
export const requireJobSearchOn = (state: ClientState, date: IsoDate, what: string): Check => {
  if (jobSearchIndexOn(state, date) >= 0) return undefined;
  const next = state.jobSearches.find((period) => period.startedOn > date);
  if (next !== undefined)
    return refuse(
      'DATE_BEFORE_JOB_SEARCH_START',
      `${what} is dated ${date}, before the job search started on ${next.startedOn}`,
      { date, jobSearchStartedOn: next.startedOn },
    );
  const lastEndedOn = state.jobSearches.at(-1)?.endedOn ?? null;
  return refuse('NO_ACTIVE_JOB_SEARCH', `${what} is dated ${date}, when no job search was active`, {
    date,
    lastJobSearchEndedOn: lastEndedOn,
  });
};

/** The fact must not predate the client's first job search. */
export const requireAfterFirstJobSearchStart = (state: ClientState, date: IsoDate, what: string): Check => {
  const first = state.jobSearches[0];
  return first !== undefined && date < first.startedOn
    ? refuse('DATE_BEFORE_JOB_SEARCH_START', `${what} is dated ${date}, before the first job search started`, {
        date,
        jobSearchStartedOn: first.startedOn,
      })
    : undefined;
};

export const requireNotBefore = (end: IsoDate, start: IsoDate, what: string): Check =>
  end < start
    ? refuse('END_BEFORE_START', `${what} ends on ${end}, before it started on ${start}`, { end, start })
    : undefined;

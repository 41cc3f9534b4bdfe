import type { ClientEventOf } from '../events/clientEvent.js';
import type { IsoDate } from '../events/primitives.js';
import type { Check } from './ruleHelpers.js';
import {
  firstOf,
  refuse,
  requireAfterFirstJobSearchStart,
  requireJobSearchOn,
  requireNotBefore,
} from './ruleHelpers.js';
import type { ClientState, StatementCase } from './state.js';

export const checkServiceStarted = (state: ClientState, { data }: ClientEventOf<'ServiceStarted'>): Check => {
  const existing = state.services.find((service) => service.serviceId === data.serviceId);
  return firstOf(
    () => requireJobSearchOn(state, data.startedOn, 'The service'),
    () => {
      if (existing === undefined) return undefined;
      const facts = { serviceId: data.serviceId, startedOn: existing.startedOn, endedOn: existing.endedOn };
      return existing.endedOn === null
        ? refuse('SERVICE_ALREADY_ACTIVE', `Service ${data.serviceId} has run since ${existing.startedOn}`, facts)
        : refuse('SERVICE_ID_REUSED', `Service ${data.serviceId} already ended on ${existing.endedOn}`, facts);
    },
  );
};

export const checkServiceEnded = (state: ClientState, { data }: ClientEventOf<'ServiceEnded'>): Check => {
  const service = state.services.find((found) => found.serviceId === data.serviceId);
  if (service === undefined)
    return refuse('SERVICE_NOT_STARTED', `Service ${data.serviceId} was never started`, { serviceId: data.serviceId });
  if (service.endedOn !== null)
    return refuse('SERVICE_ALREADY_ENDED', `Service ${data.serviceId} already ended on ${service.endedOn}`, {
      serviceId: data.serviceId,
      endedOn: service.endedOn,
    });
  return requireNotBefore(data.endedOn, service.startedOn, `Service ${data.serviceId}`);
};

export const checkStatementCaseOpened = (state: ClientState, { data }: ClientEventOf<'StatementCaseOpened'>): Check =>
  firstOf(
    () =>
      state.statementCases.some((found) => found.caseId === data.caseId)
        ? refuse('STATEMENT_CASE_ALREADY_OPEN', `Statement case ${data.caseId} is already open`, {
            caseId: data.caseId,
          })
        : undefined,
    () => requireAfterFirstJobSearchStart(state, data.arrivedOn, 'The statement case'),
  );

/** Checks every fact of an open case shares: the case exists, the fact is within its life. */
const withCase = (state: ClientState, caseId: string, on: IsoDate, then: (found: StatementCase) => Check): Check => {
  const found = state.statementCases.find((candidate) => candidate.caseId === caseId);
  if (found === undefined)
    return refuse('UNKNOWN_STATEMENT_CASE', `Statement case ${caseId} was never opened`, { caseId });
  if (on < found.arrivedOn)
    return refuse('DATE_BEFORE_CASE_ARRIVAL', `Dated ${on}, before the case arrived on ${found.arrivedOn}`, {
      caseId,
      date: on,
      arrivedOn: found.arrivedOn,
    });
  if (found.issuedOn !== null && on > found.issuedOn)
    return refuse('STATEMENT_ALREADY_ISSUED', `The statement was issued on ${found.issuedOn}`, {
      caseId,
      issuedOn: found.issuedOn,
    });
  return then(found);
};

const overlaps = (a: [IsoDate, IsoDate], b: [IsoDate, IsoDate]): boolean => a[0] <= b[1] && b[0] <= a[1];

export const checkClarificationRequested = (
  state: ClientState,
  { data }: ClientEventOf<'ClarificationRequested'>,
): Check =>
  withCase(state, data.caseId, data.requestedOn, (found) => {
    const pending = found.clarifications.find((c) =>
      overlaps([c.requestedOn, c.receivedOn ?? c.replyDueOn], [data.requestedOn, data.replyDueOn]),
    );
    return (
      pending &&
      refuse('CLARIFICATION_ALREADY_PENDING', `A clarification requested on ${pending.requestedOn} is open then`, {
        caseId: data.caseId,
        pendingRequestedOn: pending.requestedOn,
      })
    );
  });

export const checkClarificationReceived = (
  state: ClientState,
  { data }: ClientEventOf<'ClarificationReceived'>,
): Check =>
  withCase(state, data.caseId, data.receivedOn, (found) =>
    found.clarifications.some((c) => c.receivedOn === null && c.requestedOn <= data.receivedOn)
      ? undefined
      : refuse('CLARIFICATION_NOT_REQUESTED', `No clarification awaited a reply on ${data.receivedOn}`, {
          caseId: data.caseId,
          receivedOn: data.receivedOn,
        }),
  );

export const checkStatementIssued = (state: ClientState, { data }: ClientEventOf<'StatementIssued'>): Check =>
  withCase(state, data.caseId, data.issuedOn, (found) => {
    if (found.issuedOn !== null)
      return refuse('STATEMENT_ALREADY_ISSUED', `The statement was issued on ${found.issuedOn}`, {
        caseId: data.caseId,
        issuedOn: found.issuedOn,
      });
    const factDates = found.clarifications.flatMap((c) => [c.requestedOn, c.receivedOn ?? c.requestedOn]);
    const lastFactOn = [found.arrivedOn, ...factDates].sort().at(-1) ?? found.arrivedOn;
    return data.issuedOn < lastFactOn
      ? refuse('END_BEFORE_RECORDED_FACT', `Issued on ${data.issuedOn}, before a fact recorded on ${lastFactOn}`, {
          caseId: data.caseId,
          issuedOn: data.issuedOn,
          lastFactOn,
        })
      : undefined;
  });

import { describe, it } from 'vitest';
import { ClientRuleViolation } from '../../../src/domain/client/errors.js';
import {
  clarificationReceived,
  clarificationRequested,
  given,
  jobSearchEnded,
  jobSearchStarted,
  record,
  serviceEnded,
  serviceStarted,
  statementCaseOpened,
  statementIssued,
} from './builders.js';

const started = jobSearchStarted();
const refusedWith = (code: string) => [ClientRuleViolation, { code }] as const;

describe('client decider: services', () => {
  it('starts and ends a service', () => {
    given([started]).when(record(serviceStarted())).thenEmits([serviceStarted()]);
    given([started, serviceStarted()]).when(record(serviceEnded())).thenEmits([serviceEnded()]);
  });

  it('refuses a service starting outside a job search', () =>
    given([started])
      .when(record(serviceStarted({ startedOn: '2026-02-02' })))
      .thenThrows(...refusedWith('DATE_BEFORE_JOB_SEARCH_START')));

  it('refuses a second start under a running service id (SERVICE_ALREADY_ACTIVE)', () =>
    given([started, serviceStarted()])
      .when(record(serviceStarted({ startedOn: '2026-04-20' })))
      .thenThrows(...refusedWith('SERVICE_ALREADY_ACTIVE')));

  it('refuses a start under the id of an ended service (SERVICE_ID_REUSED)', () =>
    given([started, serviceStarted(), serviceEnded()])
      .when(record(serviceStarted({ startedOn: '2026-06-01' })))
      .thenThrows(...refusedWith('SERVICE_ID_REUSED')));

  it('refuses to end a service never started (SERVICE_NOT_STARTED)', () =>
    given([started])
      .when(record(serviceEnded()))
      .thenThrows(...refusedWith('SERVICE_NOT_STARTED')));

  it('refuses to end a service twice (SERVICE_ALREADY_ENDED)', () =>
    given([started, serviceStarted(), serviceEnded()])
      .when(record(serviceEnded({ endedOn: '2026-05-20' })))
      .thenThrows(...refusedWith('SERVICE_ALREADY_ENDED')));

  it('refuses a service ending before it started (END_BEFORE_START)', () =>
    given([started, serviceStarted()])
      .when(record(serviceEnded({ endedOn: '2026-04-10' })))
      .thenThrows(...refusedWith('END_BEFORE_START')));

  it('accepts a service ending after the job search ended', () =>
    given([started, serviceStarted(), jobSearchEnded()])
      .when(record(serviceEnded({ endedOn: '2026-06-05' })))
      .thenEmits([serviceEnded({ endedOn: '2026-06-05' })]));
});

describe('client decider: labour-policy statements', () => {
  const opened = statementCaseOpened();
  const requested = clarificationRequested();

  it('runs a case: opened, clarification requested and received, statement issued', () => {
    given([started]).when(record(opened)).thenEmits([opened]);
    given([started, opened]).when(record(requested)).thenEmits([requested]);
    given([started, opened, requested]).when(record(clarificationReceived())).thenEmits([clarificationReceived()]);
    given([started, opened, requested, clarificationReceived()])
      .when(record(statementIssued()))
      .thenEmits([statementIssued()]);
  });

  it('accepts a case arriving after the job search ended, refuses one before the first start', () => {
    given([started, jobSearchEnded()])
      .when(record(statementCaseOpened({ arrivedOn: '2026-06-10' })))
      .thenEmits([statementCaseOpened({ arrivedOn: '2026-06-10' })]);
    given([started])
      .when(record(statementCaseOpened({ arrivedOn: '2026-01-10' })))
      .thenThrows(...refusedWith('DATE_BEFORE_JOB_SEARCH_START'));
  });

  it('refuses a case opened twice (STATEMENT_CASE_ALREADY_OPEN)', () =>
    given([started, opened])
      .when(record(opened))
      .thenThrows(...refusedWith('STATEMENT_CASE_ALREADY_OPEN')));

  it.each([
    ['a clarification request', clarificationRequested()],
    ['a reply', clarificationReceived()],
    ['a statement', statementIssued()],
  ])('refuses %s for an unknown case (UNKNOWN_STATEMENT_CASE)', (_name, event) =>
    given([started])
      .when(record(event))
      .thenThrows(...refusedWith('UNKNOWN_STATEMENT_CASE')),
  );

  it('refuses case facts dated before the case arrived (DATE_BEFORE_CASE_ARRIVAL)', () => {
    given([started, opened])
      .when(record(clarificationRequested({ requestedOn: '2026-03-31' })))
      .thenThrows(...refusedWith('DATE_BEFORE_CASE_ARRIVAL'));
    given([started, opened])
      .when(record(statementIssued({ issuedOn: '2026-03-31' })))
      .thenThrows(...refusedWith('DATE_BEFORE_CASE_ARRIVAL'));
  });

  it('refuses a second statement and facts after the issue (STATEMENT_ALREADY_ISSUED)', () => {
    const issued = statementIssued({ issuedOn: '2026-04-08' });
    given([started, opened, issued])
      .when(record(issued))
      .thenThrows(...refusedWith('STATEMENT_ALREADY_ISSUED'));
    given([started, opened, issued])
      .when(record(clarificationRequested({ requestedOn: '2026-04-09', replyDueOn: '2026-04-20' })))
      .thenThrows(...refusedWith('STATEMENT_ALREADY_ISSUED'));
    given([started, opened, requested, issued])
      .when(record(clarificationReceived({ receivedOn: '2026-04-09' })))
      .thenThrows(...refusedWith('STATEMENT_ALREADY_ISSUED'));
  });

  it('refuses a reply with no open request on its date (CLARIFICATION_NOT_REQUESTED)', () => {
    given([started, opened])
      .when(record(clarificationReceived()))
      .thenThrows(...refusedWith('CLARIFICATION_NOT_REQUESTED'));
    given([started, opened, requested, clarificationReceived()])
      .when(record(clarificationReceived({ receivedOn: '2026-04-12' })))
      .thenThrows(...refusedWith('CLARIFICATION_NOT_REQUESTED'));
    given([started, opened, clarificationRequested({ requestedOn: '2026-04-08', replyDueOn: '2026-04-15' })])
      .when(record(clarificationReceived({ receivedOn: '2026-04-07' })))
      .thenThrows(...refusedWith('CLARIFICATION_NOT_REQUESTED'));
  });

  it('refuses a request while another awaits a reply (CLARIFICATION_ALREADY_PENDING)', () => {
    given([started, opened, requested])
      .when(record(clarificationRequested({ requestedOn: '2026-04-09', replyDueOn: '2026-04-23' })))
      .thenThrows(...refusedWith('CLARIFICATION_ALREADY_PENDING'));
    const again = clarificationRequested({ requestedOn: '2026-04-17', replyDueOn: '2026-04-30' });
    given([started, opened, requested]).when(record(again)).thenEmits([again]);
    given([started, opened, requested, clarificationReceived()])
      .when(record(clarificationRequested({ requestedOn: '2026-04-13', replyDueOn: '2026-04-27' })))
      .thenEmits([clarificationRequested({ requestedOn: '2026-04-13', replyDueOn: '2026-04-27' })]);
  });

  it('refuses a statement issued before a recorded reply (END_BEFORE_RECORDED_FACT)', () =>
    given([started, opened, requested, clarificationReceived()])
      .when(record(statementIssued({ issuedOn: '2026-04-09' })))
      .thenThrows(...refusedWith('END_BEFORE_RECORDED_FACT')));
});

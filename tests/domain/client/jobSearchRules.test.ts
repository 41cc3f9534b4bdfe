import { describe, it } from 'vitest';
import { ClientNotFound, ClientRuleViolation } from '../../../src/domain/client/errors.js';
import {
  AREA,
  benefitEligibilityChanged,
  clientTransferred,
  coachAssigned,
  employmentStatusChanged,
  feedbackRecorded,
  given,
  homeMunicipalityChanged,
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchEnded,
  jobSearchStarted,
  OTHER_AREA,
  planDrawnUp,
  planReviewed,
  record,
  supplementaryDiscussionHeld,
} from './builders.js';

const started = jobSearchStarted();
const ended = jobSearchEnded();
const refusedWith = (code: string) => [ClientRuleViolation, { code, kind: 'unprocessable' }] as const;

describe('client decider: job search', () => {
  it('accepts a first job search', () => given([]).when(record(started)).thenEmits([started]));

  it('refuses any other first event with CLIENT_NOT_FOUND', () =>
    given([])
      .when(record(initialInterviewHeld()))
      .thenThrows(ClientNotFound, { code: 'CLIENT_NOT_FOUND', kind: 'notFound' }));

  it('refuses a fact dated after today (DATE_IN_FUTURE), accepts one dated today', () => {
    given([])
      .when(record(jobSearchStarted({ startedOn: '2026-07-01' })))
      .thenThrows(...refusedWith('DATE_IN_FUTURE'));
    given([started])
      .when(record(initialInterviewHeld({ heldOn: '2026-06-30' })))
      .thenEmits([initialInterviewHeld({ heldOn: '2026-06-30' })]);
  });

  it('refuses a second job search while one is active (JOB_SEARCH_ALREADY_ACTIVE)', () =>
    given([started])
      .when(record(jobSearchStarted({ startedOn: '2026-04-01' })))
      .thenThrows(...refusedWith('JOB_SEARCH_ALREADY_ACTIVE')));

  it('accepts a new job search after the previous one ended, on or after its end', () => {
    given([started, ended])
      .when(record(jobSearchStarted({ startedOn: '2026-05-29' })))
      .thenEmits([jobSearchStarted({ startedOn: '2026-05-29' })]);
  });

  it('refuses a job search starting before the previous one ended (JOB_SEARCH_START_BEFORE_PREVIOUS_END)', () =>
    given([started, ended])
      .when(record(jobSearchStarted({ startedOn: '2026-05-28' })))
      .thenThrows(...refusedWith('JOB_SEARCH_START_BEFORE_PREVIOUS_END')));

  it('refuses a registration by an organisation not in operation (ORGANISATION_NOT_IN_OPERATION)', () => {
    given([])
      .when(record(jobSearchStarted({ registeredBy: 'te-office:keski-suomi' })))
      .thenThrows(...refusedWith('ORGANISATION_NOT_IN_OPERATION'));
    const inTrial = jobSearchStarted({ startedOn: '2024-03-04', registeredBy: 'te-office:keski-suomi' });
    given([]).when(record(inTrial)).thenEmits([inTrial]);
  });

  it('ends an active job search, and refuses to end one that is not active (NO_ACTIVE_JOB_SEARCH)', () => {
    given([started]).when(record(ended)).thenEmits([ended]);
    given([started, ended])
      .when(record(ended))
      .thenThrows(...refusedWith('NO_ACTIVE_JOB_SEARCH'));
  });

  it('refuses an end before the start (END_BEFORE_START)', () =>
    given([started])
      .when(record(jobSearchEnded({ endedOn: '2026-03-01' })))
      .thenThrows(...refusedWith('END_BEFORE_START')));

  it('refuses an end before a fact already recorded in the job search (END_BEFORE_RECORDED_FACT)', () => {
    const interview = initialInterviewHeld({ heldOn: '2026-03-09' });
    given([started, interview])
      .when(record(jobSearchEnded({ endedOn: '2026-03-06' })))
      .thenThrows(...refusedWith('END_BEFORE_RECORDED_FACT'));
    given([started, interview])
      .when(record(jobSearchEnded({ endedOn: '2026-03-09' })))
      .thenEmits([jobSearchEnded({ endedOn: '2026-03-09' })]);
  });

  const datedFacts = [
    ['initial interview', (on: string) => initialInterviewHeld({ heldOn: on })],
    ['supplementary discussion', (on: string) => supplementaryDiscussionHeld({ heldOn: on })],
    ['job-search discussion', (on: string) => jobSearchDiscussionHeld({ heldOn: on })],
    ['plan drawn up', (on: string) => planDrawnUp({ drawnUpOn: on })],
    ['coach assigned', (on: string) => coachAssigned({ assignedOn: on })],
    ['home municipality changed', (on: string) => homeMunicipalityChanged({ effectiveOn: on })],
    ['eligibility changed', (on: string) => benefitEligibilityChanged({ effectiveOn: on })],
    ['status changed', (on: string) => employmentStatusChanged({ effectiveOn: on })],
    ['transfer', (on: string) => clientTransferred({ effectiveOn: on })],
  ] as const;

  describe.each(datedFacts)('a %s', (_name, fact) => {
    it('is accepted on the start day and inside the job search', () => {
      given([started])
        .when(record(fact('2026-03-02')))
        .thenEmits([fact('2026-03-02')]);
      given([started])
        .when(record(fact('2026-05-04')))
        .thenEmits([fact('2026-05-04')]);
    });
    it('is refused before the start (DATE_BEFORE_JOB_SEARCH_START)', () =>
      given([started])
        .when(record(fact('2026-02-27')))
        .thenThrows(...refusedWith('DATE_BEFORE_JOB_SEARCH_START')));
    it('is refused after the job search ended (NO_ACTIVE_JOB_SEARCH)', () =>
      given([started, ended])
        .when(record(fact('2026-06-01')))
        .thenThrows(...refusedWith('NO_ACTIVE_JOB_SEARCH')));
  });

  it('refuses a second initial interview in the same job search (INITIAL_INTERVIEW_ALREADY_HELD)', () => {
    given([started, initialInterviewHeld()])
      .when(record(initialInterviewHeld({ heldOn: '2026-03-12' })))
      .thenThrows(...refusedWith('INITIAL_INTERVIEW_ALREADY_HELD'));
    const restarted = jobSearchStarted({ startedOn: '2026-06-01' });
    given([started, initialInterviewHeld(), ended, restarted])
      .when(record(initialInterviewHeld({ heldOn: '2026-06-03' })))
      .thenEmits([initialInterviewHeld({ heldOn: '2026-06-03' })]);
  });

  it('refuses a plan review without a plan drawn up by then (PLAN_REVIEW_WITHOUT_PLAN)', () => {
    given([started])
      .when(record(planReviewed()))
      .thenThrows(...refusedWith('PLAN_REVIEW_WITHOUT_PLAN'));
    given([started, planDrawnUp({ drawnUpOn: '2026-06-10' })])
      .when(record(planReviewed({ reviewedOn: '2026-06-08' })))
      .thenThrows(...refusedWith('PLAN_REVIEW_WITHOUT_PLAN'));
    given([started, planDrawnUp()]).when(record(planReviewed())).thenEmits([planReviewed()]);
  });

  it('accepts feedback after the job search ended, refuses it before the first start', () => {
    given([started, ended])
      .when(record(feedbackRecorded({ givenOn: '2026-06-02' })))
      .thenEmits([feedbackRecorded({ givenOn: '2026-06-02' })]);
    given([started])
      .when(record(feedbackRecorded({ givenOn: '2026-02-01' })))
      .thenThrows(...refusedWith('DATE_BEFORE_JOB_SEARCH_START'));
  });
});

describe('client decider: transfers', () => {
  it('refuses a transfer whose from is not the responsible organisation (TRANSFER_FROM_MISMATCH)', () =>
    given([started])
      .when(record(clientTransferred({ from: OTHER_AREA, to: AREA })))
      .thenThrows(ClientRuleViolation, {
        code: 'TRANSFER_FROM_MISMATCH',
        details: { from: OTHER_AREA, responsible: AREA },
      }));

  it('follows the chain of transfers by effective date', () => {
    const first = clientTransferred({ effectiveOn: '2026-04-01' });
    const back = clientTransferred({ from: OTHER_AREA, to: AREA, effectiveOn: '2026-05-04', reason: 'CLIENT_REQUEST' });
    given([started, first]).when(record(back)).thenEmits([back]);
    given([started, first])
      .when(record(clientTransferred({ effectiveOn: '2026-05-04' })))
      .thenThrows(...refusedWith('TRANSFER_FROM_MISMATCH'));
  });

  it('refuses a transfer to a trial area after 31.12.2024 (ORGANISATION_NOT_IN_OPERATION)', () =>
    given([started])
      .when(record(clientTransferred({ to: 'trial-area:jyvaskyla', reason: 'TARGET_GROUP' })))
      .thenThrows(...refusedWith('ORGANISATION_NOT_IN_OPERATION')));

  it('accepts the TE office to trial transfer during the trial, and the trial to TE24 move on 1.1.2025', () => {
    const registered = jobSearchStarted({ startedOn: '2024-09-02', registeredBy: 'te-office:keski-suomi' });
    const toTrial = clientTransferred({
      from: 'te-office:keski-suomi',
      to: 'trial-area:jyvaskyla',
      effectiveOn: '2024-09-06',
      reason: 'TARGET_GROUP',
    });
    const toArea = clientTransferred({
      from: 'trial-area:jyvaskyla',
      to: AREA,
      effectiveOn: '2025-01-01',
      reason: 'TRIAL_ENDED',
    });
    given([registered]).when(record(toTrial)).thenEmits([toTrial]);
    given([registered, toTrial]).when(record(toArea)).thenEmits([toArea]);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  clarificationRequested,
  feedbackRecorded,
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchStarted,
  planDrawnUp,
  statementCaseOpened,
  statementIssued,
} from '../../domain/client/builders.js';
import { appendClient, logStore, startReadModels } from './support.js';

const JKL = 'employment-area:jyvaskyla';
const OULU = 'employment-area:oulu';
const oulu = { birthDate: '1990-01-01', homeMunicipality: '564', motherTongue: 'fi', citizenship: 'FI' };

describe('statistics', () => {
  it('computes the figures of a small known data set, per month, in total and nationally', async () => {
    const { store } = logStore();
    // Jyväskylä client A: T0 2.3, interview 9.3 (7 days, on time, face to face, staff-1), plan 9.3,
    // discussion 8.4 by phone (staff-2), feedback 4 and 2, statement 1.4 -> 21.4 (20 days).
    const a = jobSearchStarted({ startedOn: '2026-03-02', registeredBy: JKL });
    await appendClient(store, randomUUID(), [
      a,
      initialInterviewHeld({ heldOn: '2026-03-09', channel: 'FACE_TO_FACE', staffId: 'staff-1' }),
      planDrawnUp({ drawnUpOn: '2026-03-09' }),
      jobSearchDiscussionHeld({ heldOn: '2026-04-08', channel: 'PHONE', staffId: 'staff-2' }),
      feedbackRecorded({ score: 4, givenOn: '2026-03-10' }),
      feedbackRecorded({ score: 2, givenOn: '2026-04-10' }),
      statementCaseOpened({ caseId: 'c-1', arrivedOn: '2026-04-01' }),
      statementIssued({ caseId: 'c-1', issuedOn: '2026-04-21' }),
    ]);
    // Jyväskylä client B: T0 2.3, interview 20.3 (18 days, late: due 16.3), by video with staff-1; no plan.
    // Statement 2.3 -> 13.4 (42 days, over the 30-day target).
    await appendClient(store, randomUUID(), [
      jobSearchStarted({ startedOn: '2026-03-02', registeredBy: JKL }),
      initialInterviewHeld({ heldOn: '2026-03-20', channel: 'VIDEO', staffId: 'staff-1' }),
      statementCaseOpened({ caseId: 'c-2', arrivedOn: '2026-03-02' }),
      clarificationRequested({ caseId: 'c-2', requestedOn: '2026-03-03', replyDueOn: '2026-03-10' }),
      statementIssued({ caseId: 'c-2', issuedOn: '2026-04-13' }),
    ]);
    // Oulu client C: T0 2.3, interview 3.3 (1 day, face to face, staff-9), plan 3.3.
    await appendClient(store, randomUUID(), [
      jobSearchStarted({
        startedOn: '2026-03-02',
        registeredBy: OULU,
        person: { ...oulu, earningsRelatedAllowanceEligible: true },
      }),
      initialInterviewHeld({ heldOn: '2026-03-03', channel: 'FACE_TO_FACE', staffId: 'staff-9' }),
      planDrawnUp({ drawnUpOn: '2026-03-03' }),
    ]);
    const { queries } = await startReadModels(store);
    const result = queries.statistics({ organisation: JKL, from: '2026-03-01', to: '2026-07-31' });

    expect(result.months.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07']);
    const [march, april, , june] = result.months;
    expect(march!.figures).toMatchObject({
      activeClients: 2,
      statutoryContacts: 2,
      contactsPerExpertPerMonth: 2,
      faceToFaceShare: 0.5,
      medianDaysToInitialInterview: 12.5,
      initialInterviewsOnTimeShare: 0.5,
      // Both within 3 months of T0 on 31.3 (domain.md §6.6).
      planUpToDateShare: 1,
      planDebt: 0,
      satisfactionMean: 4,
      satisfactionResponses: 1,
      statementMedianDays: null,
    });
    expect(april!.figures).toMatchObject({
      statutoryContacts: 1,
      contactsPerExpertPerMonth: 1,
      faceToFaceShare: 0,
      statementMedianDays: 31,
      statementMeanDays: 31,
      statementsWithinTargetShare: 0.5,
      satisfactionMean: 2,
    });
    // 30.6: A's plan (9.3) is older than 3 months and B never had one; both are past the 3-month grace.
    expect(june!.figures).toMatchObject({ activeClients: 2, planUpToDateShare: 0, planDebt: 2 });
    expect(march!.national).toMatchObject({
      activeClients: 3,
      statutoryContacts: 3,
      medianDaysToInitialInterview: 7,
      contactsPerExpertPerMonth: 1.5,
    });
    expect(result.total).toMatchObject({
      activeClients: 2,
      statutoryContacts: 3,
      contactsPerExpertPerMonth: 1.5,
      satisfactionMean: 3,
      satisfactionResponses: 2,
      statementMedianDays: 31,
    });
    expect(result.national).toMatchObject({ statutoryContacts: 4, activeClients: 3 });
  });
});

import { describe, expect, it } from 'vitest';
import type { ClientState } from '../../../src/domain/client/state.js';
import type { Deadline } from '../../../src/domain/deadlines/deadline.js';
import { deadlineStateOn } from '../../../src/domain/deadlines/deadline.js';
import { deriveDeadlines } from '../../../src/domain/deadlines/deriveDeadlines.js';
import { responsibilityOn } from '../../../src/domain/responsibility/responsibilityOn.js';
import { shouldBe } from '../../../src/domain/responsibility/shouldBe.js';
import { transferDue } from '../../../src/domain/responsibility/transferObligations.js';
import { evaluateTargetGroup } from '../../../src/domain/targetGroup/evaluateTargetGroup.js';
import {
  clarificationReceived,
  clarificationRequested,
  clientTransferred,
  initialInterviewHeld,
  jobSearchEnded,
  statementCaseOpened,
  statementIssued,
} from '../client/builders.js';
import {
  EA_JYVASKYLA,
  historyOf,
  organisations,
  startedAtTeOffice,
  TE_KESKI_SUOMI,
  TRIAL_JYVASKYLA,
} from './history.js';

const deadline = (state: ClientState, on: string, kind: Deadline['kind']): Deadline | undefined =>
  deriveDeadlines(state, on, { organisations }).find((d) => d.kind === kind);

describe('rule book scenarios', () => {
  describe('(a) a 24-year-old foreign-language speaker registers in Muurame on Mon 16.6.2025', () => {
    const registered = startedAtTeOffice({
      startedOn: '2025-06-16',
      registeredBy: EA_JYVASKYLA,
      person: {
        birthDate: '2001-03-14',
        motherTongue: 'uk',
        citizenship: 'UA',
        earningsRelatedAllowanceEligible: false,
      },
    });
    const noInterview = historyOf([registered], '2025-06-25');

    it('is due an initial interview by Tue 24.6.2025 (Midsummer Eve skipped)', () => {
      expect(deadline(noInterview, '2025-06-24', 'INITIAL_INTERVIEW')).toMatchObject({
        dueOn: '2025-06-24',
        policyId: 'initial-interview/2025-01-01',
        state: 'PENDING',
      });
    });

    it('is OVERDUE on 25.6.2025 without an interview', () => {
      expect(deadline(noInterview, '2025-06-25', 'INITIAL_INTERVIEW')?.state).toBe('OVERDUE');
    });

    it('is MET_LATE once the interview is recorded on 26.6, and stays a breach as of 25.6', () => {
      const late = historyOf([registered, initialInterviewHeld({ heldOn: '2025-06-26' })], '2025-06-26');
      const met = deadline(late, '2025-06-26', 'INITIAL_INTERVIEW');
      expect(met).toMatchObject({
        state: 'MET_LATE',
        closedOn: '2025-06-26',
        closedBy: 'InitialInterviewHeld@2025-06-26',
      });
      expect(deadline(late, '2025-06-25', 'INITIAL_INTERVIEW')?.state).toBe('OVERDUE');
      if (met !== undefined) expect(deadlineStateOn(met, '2025-06-24')).toBe('PENDING');
    });

    it('belongs to the employment area: the trial ended on 31.12.2024, though the criteria still match', () => {
      expect(evaluateTargetGroup(noInterview, '2025-06-16', organisations)).toEqual({
        member: false,
        trialArea: null,
        criteria: ['NO_EARNINGS_RELATED_ALLOWANCE', 'UNDER_30', 'IMMIGRANT', 'FOREIGN_LANGUAGE_SPEAKER'],
        failed: ['MUNICIPALITY_NOT_IN_TRIAL'],
      });
      expect(shouldBe(noInterview, '2025-06-16', organisations)?.organisation).toBe(EA_JYVASKYLA);
    });
  });

  it('(b) a trial client who left for education rejoins at 31 while eligible for earnings-related allowance', () => {
    const person = { birthDate: '1992-02-10', earningsRelatedAllowanceEligible: true };
    const history = [
      startedAtTeOffice({ startedOn: '2021-09-06', person }),
      clientTransferred({
        from: TE_KESKI_SUOMI,
        to: TRIAL_JYVASKYLA,
        effectiveOn: '2021-09-08',
        reason: 'TARGET_GROUP',
      }),
      jobSearchEnded({ endedOn: '2022-08-26', reason: 'EDUCATION' }),
      startedAtTeOffice({ startedOn: '2023-06-05', person }),
    ];
    const state = historyOf(history);
    expect(evaluateTargetGroup(state, '2023-06-05', organisations)).toMatchObject({ member: false, criteria: [] });
    expect(shouldBe(state, '2023-06-05', organisations)).toEqual({
      organisation: TRIAL_JYVASKYLA,
      basis: 'RETURNING_CLIENT',
      criteria: [],
    });
    expect(transferDue(state, '2023-06-05', organisations)).toMatchObject({
      reason: 'RETURNING_CLIENT',
      dueOn: '2023-06-12',
    });
    const transferred = historyOf([
      ...history,
      clientTransferred({
        from: TE_KESKI_SUOMI,
        to: TRIAL_JYVASKYLA,
        effectiveOn: '2023-06-07',
        reason: 'RETURNING_CLIENT',
      }),
    ]);
    expect(responsibilityOn(transferred, '2023-06-07', organisations)).toMatchObject({
      organisation: TRIAL_JYVASKYLA,
      basis: 'RETURNING_CLIENT',
    });
    const transfers = deriveDeadlines(transferred, '2023-06-30', { organisations }).filter(
      (d) => d.kind === 'TRANSFER',
    );
    expect(transfers.map((d) => [d.clockStart, d.openedBy, d.closedOn, d.state])).toEqual([
      ['2021-09-06', 'TargetGroupMet@2021-09-06', '2021-09-08', 'MET'],
      ['2023-06-05', 'ReturningClient@2023-06-05', '2023-06-07', 'MET'],
    ]);
  });

  it('(c) a job search started on Tue 31.3.2026 has its initial interview due Thu 16.4.2026', () => {
    const state = historyOf([startedAtTeOffice({ startedOn: '2026-03-31', registeredBy: EA_JYVASKYLA })]);
    expect(deadline(state, '2026-03-31', 'INITIAL_INTERVIEW')).toMatchObject({
      dueOn: '2026-04-16',
      policyId: 'initial-interview/2026-01-01',
    });
  });

  it.each([
    { t0: '2025-06-16', due: '2025-06-24', why: 'Midsummer Eve Fri 20.6 skipped' },
    { t0: '2024-12-20', due: '2025-01-02', why: '24–26.12 and 1.1 skipped; crosses into TE24' },
    { t0: '2025-12-19', due: '2025-12-31', why: '24–26.12 skipped; 31.12 counts' },
    { t0: '2026-03-31', due: '2026-04-16', why: 'Good Friday and Easter Monday skipped (10 BD)' },
  ])('(d) §8 vector: T0 $t0 -> initial interview due $due ($why)', ({ t0, due }) => {
    const registeredBy = t0 < '2025-01-01' ? TE_KESKI_SUOMI : EA_JYVASKYLA;
    const state = historyOf([startedAtTeOffice({ startedOn: t0, registeredBy })]);
    expect(deadline(state, t0, 'INITIAL_INTERVIEW')?.dueOn).toBe(due);
  });

  describe('(e) a target-group client left at the TE office in 2022', () => {
    const registered = startedAtTeOffice({ startedOn: '2022-03-07', person: { birthDate: '1998-01-20' } });

    it('is a transfer breach 8 days after T0', () => {
      const state = historyOf([registered]);
      expect(transferDue(state, '2022-03-14', organisations)).toMatchObject({ dueOn: '2022-03-14', breached: false });
      expect(transferDue(state, '2022-03-15', organisations)).toEqual({
        to: TRIAL_JYVASKYLA,
        reason: 'TARGET_GROUP',
        clockStart: '2022-03-07',
        dueOn: '2022-03-14',
        policyId: 'transfer/2021-03-01',
        citation: 'Act 1269/2020 § 5',
        breached: true,
      });
      expect(deadline(state, '2022-03-15', 'TRANSFER')).toMatchObject({
        id: `TRANSFER:2022-03-07:${TRIAL_JYVASKYLA}`,
        openedBy: 'TargetGroupMet@2022-03-07',
        state: 'OVERDUE',
      });
    });

    it('is MET_LATE when the transfer comes on the 9th day', () => {
      const state = historyOf([
        registered,
        clientTransferred({
          from: TE_KESKI_SUOMI,
          to: TRIAL_JYVASKYLA,
          effectiveOn: '2022-03-16',
          reason: 'TARGET_GROUP',
        }),
      ]);
      expect(transferDue(state, '2022-03-16', organisations)).toBeNull();
      expect(deadline(state, '2022-03-31', 'TRANSFER')).toMatchObject({
        state: 'MET_LATE',
        closedBy: 'ClientTransferred@2022-03-16',
      });
    });
  });

  it('(f) a statement case with a clarification: 30 days from the reply, issued on time', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2025-09-01', registeredBy: EA_JYVASKYLA }),
      statementCaseOpened({ caseId: 'tpl-1', arrivedOn: '2025-10-06' }),
      clarificationRequested({ caseId: 'tpl-1', requestedOn: '2025-10-07', replyDueOn: '2025-10-21' }),
      clarificationReceived({ caseId: 'tpl-1', receivedOn: '2025-10-24' }),
      statementIssued({ caseId: 'tpl-1', issuedOn: '2025-11-19' }),
    ]);
    // The reply came after its deadline: the clock runs from the deadline's expiry, 21.10 + 30 = Thu 20.11.2025.
    expect(deadline(state, '2025-12-01', 'STATEMENT')).toMatchObject({
      clockStart: '2025-10-21',
      dueOn: '2025-11-20',
      openedBy: 'ClarificationReplyDue@2025-10-21',
      state: 'MET',
    });
  });
});

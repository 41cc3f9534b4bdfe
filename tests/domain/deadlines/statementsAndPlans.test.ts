import { describe, expect, it } from 'vitest';
import { deriveDeadlines } from '../../../src/domain/deadlines/deriveDeadlines.js';
import { planStatusOn } from '../../../src/domain/deadlines/planStatus.js';
import { parseDomainSettings } from '../../../src/domain/policies/settings.js';
import {
  clarificationReceived,
  clarificationRequested,
  planDrawnUp,
  planReviewed,
  statementCaseOpened,
  statementIssued,
} from '../client/builders.js';
import { EA_JYVASKYLA, historyOf, startedAtTeOffice } from '../scenarios/history.js';

const start = startedAtTeOffice({ startedOn: '2025-06-16', registeredBy: EA_JYVASKYLA });
const statements = (state: ReturnType<typeof historyOf>, on: string, settings = parseDomainSettings()) =>
  deriveDeadlines(state, on, { settings }).filter((d) => d.kind === 'STATEMENT');

describe('labour-policy statements (domain.md §6.7)', () => {
  it('is due 30 days after arrival, rolled forward to a business day', () => {
    // 7.11.2025 + 30 = Sun 7.12.2025 -> Mon 8.12.2025 (Act 150/1930 § 5)
    const state = historyOf([start, statementCaseOpened({ caseId: 'c-1', arrivedOn: '2025-11-07' })]);
    expect(statements(state, '2025-12-08')[0]).toMatchObject({
      id: 'STATEMENT:2025-11-07:c-1',
      clockStart: '2025-11-07',
      dueOn: '2025-12-08',
      policyId: 'statement/2025-01-01',
      openedBy: 'StatementCaseOpened@2025-11-07',
      state: 'PENDING',
    });
    expect(statements(state, '2025-12-09')[0]?.state).toBe('OVERDUE');
  });

  it('counts from the reply, or from the reply deadline while no reply has come', () => {
    const asked = [
      start,
      statementCaseOpened({ caseId: 'c-1', arrivedOn: '2025-10-06' }),
      clarificationRequested({ caseId: 'c-1', requestedOn: '2025-10-07', replyDueOn: '2025-10-21' }),
    ];
    expect(statements(historyOf(asked), '2025-10-10')[0]).toMatchObject({
      clockStart: '2025-10-21',
      dueOn: '2025-11-20',
    });
    const replied = historyOf([...asked, clarificationReceived({ caseId: 'c-1', receivedOn: '2025-10-15' })]);
    expect(statements(replied, '2025-10-16')[0]).toMatchObject({
      clockStart: '2025-10-15',
      dueOn: '2025-11-14',
      openedBy: 'ClarificationReceived@2025-10-15',
    });
  });

  it('is met when issued, late when issued after the due date', () => {
    const base = [start, statementCaseOpened({ caseId: 'c-1', arrivedOn: '2025-10-06' })];
    expect(
      statements(historyOf([...base, statementIssued({ caseId: 'c-1', issuedOn: '2025-11-05' })]), '2025-11-30')[0],
    ).toMatchObject({ state: 'MET', closedBy: 'StatementIssued@2025-11-05' });
    expect(
      statements(historyOf([...base, statementIssued({ caseId: 'c-1', issuedOn: '2025-11-06' })]), '2025-11-30')[0]
        ?.state,
    ).toBe('MET_LATE');
  });

  it('has no time limit from 1.1.2025 when the setting says the 30-day limit ended', () => {
    const state = historyOf([start, statementCaseOpened({ caseId: 'c-1', arrivedOn: '2025-11-07' })]);
    expect(statements(state, '2025-12-09', parseDomainSettings({ statementTimeLimitFrom2025: false }))).toEqual([]);
  });
});

describe('plan up to date (domain.md §6.6)', () => {
  const state = historyOf([
    start,
    planDrawnUp({ drawnUpOn: '2025-06-18' }),
    planReviewed({ reviewedOn: '2025-09-10' }),
  ]);

  it.each([
    { on: '2025-06-16', upToDate: true, latestPlanOn: null, dueOn: '2025-09-15' },
    { on: '2025-09-09', upToDate: true, latestPlanOn: '2025-06-18', dueOn: '2025-09-18' },
    { on: '2025-12-10', upToDate: true, latestPlanOn: '2025-09-10', dueOn: '2025-12-10' },
    { on: '2025-12-11', upToDate: false, latestPlanOn: '2025-09-10', dueOn: '2025-12-10' },
  ])('on $on: up to date $upToDate', ({ on, ...expected }) => {
    expect(planStatusOn(state, on)).toEqual({ ...expected, policyId: 'plan-up-to-date/1900-01-01' });
  });

  it('is null without a job search on the date', () => {
    expect(planStatusOn(state, '2025-06-15')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { deriveDeadlines } from '../../../src/domain/deadlines/deriveDeadlines.js';
import { initialInterviewHeld, jobSearchEnded } from '../client/builders.js';
import { EA_JYVASKYLA, historyOf, startedAtTeOffice, TE_KESKI_SUOMI } from '../scenarios/history.js';

const interviewsOf = (state: ReturnType<typeof historyOf>, on: string) =>
  deriveDeadlines(state, on).filter((d) => d.kind === 'INITIAL_INTERVIEW');

const start = (startedOn: string) =>
  startedAtTeOffice({ startedOn, registeredBy: startedOn < '2025-01-01' ? TE_KESKI_SUOMI : EA_JYVASKYLA });

describe('initial-interview deadlines by T0 (domain.md §6.1)', () => {
  it.each([
    { t0: '2022-04-29', due: '2022-05-13', policy: 'initial-interview/1900-01-01' },
    { t0: '2022-05-01', due: '2022-05-16', policy: 'initial-interview/1900-01-01' },
    { t0: '2022-05-02', due: '2022-05-09', policy: 'initial-interview/2022-05-02' },
    { t0: '2022-05-03', due: '2022-05-10', policy: 'initial-interview/2022-05-02' },
    { t0: '2024-12-31', due: '2025-01-09', policy: 'initial-interview/2022-05-02' },
    { t0: '2025-01-01', due: '2025-01-09', policy: 'initial-interview/2025-01-01' },
    { t0: '2025-12-31', due: '2026-01-09', policy: 'initial-interview/2025-01-01' },
    { t0: '2026-01-01', due: '2026-01-16', policy: 'initial-interview/2026-01-01' },
    { t0: '2026-01-02', due: '2026-01-19', policy: 'initial-interview/2026-01-01' },
  ])('T0 $t0: due $due under $policy', ({ t0, due, policy }) => {
    const [deadline] = interviewsOf(historyOf([start(t0)]), t0);
    expect(deadline).toMatchObject({
      id: `INITIAL_INTERVIEW:${t0}:1`,
      clockStart: t0,
      dueOn: due,
      policyId: policy,
      openedBy: `JobSearchStarted@${t0}`,
      state: 'PENDING',
    });
  });

  it('is cancelled when the job search ends on or before the due date', () => {
    const state = historyOf([start('2025-06-16'), jobSearchEnded({ endedOn: '2025-06-20' })]);
    const [deadline] = interviewsOf(state, '2025-06-30');
    expect(deadline).toMatchObject({ cancelledOn: '2025-06-20', state: 'CANCELLED' });
    expect(interviewsOf(state, '2025-06-19')[0]?.state).toBe('PENDING');
  });

  it('stays a breach when the job search ends after the due date without an interview', () => {
    const state = historyOf([start('2025-06-16'), jobSearchEnded({ endedOn: '2025-06-27' })]);
    expect(interviewsOf(state, '2025-07-01')[0]).toMatchObject({ cancelledOn: null, state: 'OVERDUE' });
  });

  it('is not due on a re-registration within 6 months of the previous end (domain.md §6.2)', () => {
    const first = [
      start('2025-01-07'),
      initialInterviewHeld({ heldOn: '2025-01-09' }),
      jobSearchEnded({ endedOn: '2025-01-10' }),
    ];
    const within = historyOf([...first, start('2025-07-09')]);
    expect(interviewsOf(within, '2025-07-20').map((d) => d.clockStart)).toEqual(['2025-01-07']);
    const after = historyOf([...first, start('2025-07-10')]);
    expect(interviewsOf(after, '2025-07-20').map((d) => d.clockStart)).toEqual(['2025-01-07', '2025-07-10']);
  });

  it('ignores job searches started after the evaluation date', () => {
    expect(interviewsOf(historyOf([start('2025-06-16')]), '2025-06-15')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Deadline } from '../../../src/domain/deadlines/deadline.js';
import { deriveDeadlines } from '../../../src/domain/deadlines/deriveDeadlines.js';
import { parseDomainSettings } from '../../../src/domain/policies/settings.js';
import {
  employmentStatusChanged,
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchEnded,
  serviceStarted,
  supplementaryDiscussionHeld,
} from '../client/builders.js';
import { EA_JYVASKYLA, historyOf, startedAtTeOffice, TE_KESKI_SUOMI } from '../scenarios/history.js';

type State = ReturnType<typeof historyOf>;
const ofKind = (state: State, on: string, kind: string, settings = parseDomainSettings()) =>
  deriveDeadlines(state, on, { settings }).filter((d) => d.kind === kind);
const pick = ({ clockStart, dueOn, state, openedBy, closedOn, cancelledOn }: Deadline) => ({
  clockStart,
  dueOn,
  state,
  openedBy,
  closedOn,
  cancelledOn,
});

const june2025 = [
  startedAtTeOffice({ startedOn: '2025-06-16', registeredBy: EA_JYVASKYLA }),
  initialInterviewHeld({ heldOn: '2025-06-18' }),
];

describe('job-search discussions (domain.md §6.4)', () => {
  it('chains every 3 months from the initial interview, then from each discussion', () => {
    const state = historyOf([...june2025, jobSearchDiscussionHeld({ heldOn: '2025-09-10' })]);
    expect(ofKind(state, '2025-10-01', 'JOB_SEARCH_DISCUSSION').map(pick)).toEqual([
      {
        clockStart: '2025-06-18',
        dueOn: '2025-09-18',
        state: 'MET',
        openedBy: 'InitialInterviewHeld@2025-06-18',
        closedOn: '2025-09-10',
        cancelledOn: null,
      },
      {
        clockStart: '2025-09-10',
        dueOn: '2025-12-10',
        state: 'PENDING',
        openedBy: 'JobSearchDiscussionHeld@2025-09-10',
        closedOn: null,
        cancelledOn: null,
      },
    ]);
    expect(ofKind(state, '2025-12-11', 'JOB_SEARCH_DISCUSSION')[1]?.state).toBe('OVERDUE');
  });

  it('is cancelled while the client is exempt, and restarts when the exemption ends', () => {
    const state = historyOf([
      ...june2025,
      employmentStatusChanged({ status: 'IN_EMPLOYMENT_PROMOTING_SERVICE', effectiveOn: '2025-08-01' }),
      employmentStatusChanged({ status: 'UNEMPLOYED', effectiveOn: '2025-10-15' }),
    ]);
    expect(ofKind(state, '2025-11-01', 'JOB_SEARCH_DISCUSSION').map(pick)).toEqual([
      expect.objectContaining({ clockStart: '2025-06-18', cancelledOn: '2025-08-01', state: 'CANCELLED' }),
      expect.objectContaining({ clockStart: '2025-10-15', dueOn: '2026-01-15', openedBy: 'ExemptionEnded@2025-10-15' }),
    ]);
  });

  it('exempts a client in a service expected to last over a month, unless switched off', () => {
    const state = historyOf([
      ...june2025,
      serviceStarted({ serviceId: 'svc-1', startedOn: '2025-09-01', expectedEndOn: '2025-11-28' }),
    ]);
    expect(ofKind(state, '2025-09-20', 'JOB_SEARCH_DISCUSSION')[0]).toMatchObject({ cancelledOn: '2025-09-01' });
    const noExemption = parseDomainSettings({ jobSearchDiscussionExemptInLongService: false });
    expect(ofKind(state, '2025-09-20', 'JOB_SEARCH_DISCUSSION', noExemption)[0]?.state).toBe('OVERDUE');
  });

  it('starts a clock begun before 2.5.2022 on the day the schedule came into force', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2022-02-28', registeredBy: TE_KESKI_SUOMI }),
      initialInterviewHeld({ heldOn: '2022-03-01' }),
    ]);
    expect(ofKind(state, '2022-06-01', 'JOB_SEARCH_DISCUSSION').map(pick)).toEqual([
      {
        clockStart: '2022-05-02',
        dueOn: '2022-08-02',
        state: 'PENDING',
        openedBy: 'PolicyInForce@2022-05-02',
        closedOn: null,
        cancelledOn: null,
      },
    ]);
  });

  it('is cancelled when the job search ends before the due date', () => {
    const state = historyOf([...june2025, jobSearchEnded({ endedOn: '2025-08-29' })]);
    expect(ofKind(state, '2025-10-01', 'JOB_SEARCH_DISCUSSION')[0]).toMatchObject({ state: 'CANCELLED' });
  });
});

describe('supplementary job-search discussions (domain.md §6.5)', () => {
  it('schedules 5 every 2 weeks after the initial interview; each clock starts at the previous discussion', () => {
    const state = historyOf([
      ...june2025,
      supplementaryDiscussionHeld({ heldOn: '2025-07-01' }),
      supplementaryDiscussionHeld({ heldOn: '2025-07-18' }),
    ]);
    const deadlines = ofKind(state, '2025-10-01', 'SUPPLEMENTARY_DISCUSSION');
    expect(deadlines.map((d) => [d.id, d.clockStart, d.dueOn, d.state])).toEqual([
      ['SUPPLEMENTARY_DISCUSSION:2025-06-18:1', '2025-06-18', '2025-07-02', 'MET'],
      ['SUPPLEMENTARY_DISCUSSION:2025-06-18:2', '2025-07-01', '2025-07-15', 'MET_LATE'],
      ['SUPPLEMENTARY_DISCUSSION:2025-06-18:3', '2025-07-18', '2025-08-01', 'OVERDUE'],
      ['SUPPLEMENTARY_DISCUSSION:2025-06-18:4', '2025-08-01', '2025-08-15', 'OVERDUE'],
      ['SUPPLEMENTARY_DISCUSSION:2025-06-18:5', '2025-08-15', '2025-08-29', 'OVERDUE'],
    ]);
  });

  it('takes the count from settings', () => {
    const settings = parseDomainSettings({ supplementaryDiscussionCount: 3 });
    expect(ofKind(historyOf(june2025), '2025-10-01', 'SUPPLEMENTARY_DISCUSSION', settings)).toHaveLength(3);
  });

  it.each([
    { t0: '2022-04-29', count: 0 },
    { t0: '2022-05-02', count: 5 },
    { t0: '2025-12-31', count: 5 },
    { t0: '2026-01-01', count: 0 },
  ])('T0 $t0: $count in the first phase', ({ t0, count }) => {
    const registeredBy = t0 < '2025-01-01' ? TE_KESKI_SUOMI : EA_JYVASKYLA;
    const state = historyOf([startedAtTeOffice({ startedOn: t0, registeredBy }), initialInterviewHeld({ heldOn: t0 })]);
    const deadlines = deriveDeadlines(state, '2026-06-30').filter((d) => d.kind === 'SUPPLEMENTARY_DISCUSSION');
    expect(deadlines.filter((d) => d.openedBy !== `ContinuousUnemployment@${d.clockStart}`)).toHaveLength(count);
  });

  it('asks for two within a month after every 6 months of continuous unemployment', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2023-01-02' }),
      initialInterviewHeld({ heldOn: '2023-01-04' }),
      supplementaryDiscussionHeld({ heldOn: '2023-07-10' }),
    ]);
    const recurring = ofKind(state, '2023-08-15', 'SUPPLEMENTARY_DISCUSSION').filter((d) =>
      d.openedBy.startsWith('ContinuousUnemployment'),
    );
    expect(recurring.map((d) => [d.id, d.dueOn, d.state])).toEqual([
      ['SUPPLEMENTARY_DISCUSSION:2023-07-02:1', '2023-08-02', 'MET'],
      ['SUPPLEMENTARY_DISCUSSION:2023-07-02:2', '2023-08-02', 'OVERDUE'],
    ]);
  });

  it('restarts the 6 months when unemployment is interrupted', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2023-01-02' }),
      initialInterviewHeld({ heldOn: '2023-01-04' }),
      employmentStatusChanged({ status: 'SUBSIDISED_EMPLOYMENT', effectiveOn: '2023-03-01' }),
      employmentStatusChanged({ status: 'UNEMPLOYED', effectiveOn: '2023-05-02' }),
    ]);
    const windows = ofKind(state, '2023-12-31', 'SUPPLEMENTARY_DISCUSSION')
      .filter((d) => d.openedBy.startsWith('ContinuousUnemployment'))
      .map((d) => d.clockStart);
    expect(windows).toEqual(['2023-11-02', '2023-11-02']);
  });
});

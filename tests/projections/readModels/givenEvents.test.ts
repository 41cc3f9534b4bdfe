import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  coachAssigned,
  initialInterviewHeld,
  jobSearchStarted,
  planDrawnUp,
  serviceStarted,
} from '../../domain/client/builders.js';
import { appendClient, logStore, startReadModels } from './support.js';

const EA = 'employment-area:jyvaskyla';
// T0 Mon 2.3.2026: the initial interview is due by the 10th business day, Mon 16.3.2026 (domain.md §6.1).
const started = jobSearchStarted({ startedOn: '2026-03-02', registeredBy: EA });

describe('read models given events', () => {
  it('keeps the current client row', async () => {
    const { store } = logStore();
    const id = randomUUID();
    const events = [
      started,
      coachAssigned({ coachId: 'staff-7', assignedOn: '2026-03-05' }),
      initialInterviewHeld({ heldOn: '2026-03-09' }),
      planDrawnUp({ drawnUpOn: '2026-03-09' }),
      serviceStarted({ serviceId: 'svc-9', serviceType: 'WORK_TRIAL', startedOn: '2026-04-13' }),
    ];
    await appendClient(store, id, events);
    const { queries } = await startReadModels(store);
    expect(queries.clientsByIds([id, randomUUID()]).get(id)).toEqual({
      clientId: id,
      status: 'ACTIVE',
      organisation: EA,
      basis: 'TE24_EMPLOYMENT_AREA',
      criteria: [],
      responsibleSince: '2026-03-02',
      homeMunicipality: '179',
      coach: 'staff-7',
      jobSearchStartedOn: '2026-03-02',
      jobSearchEndedOn: null,
      latestPlanOn: '2026-03-09',
      activeServices: [{ serviceId: 'svc-9', serviceType: 'WORK_TRIAL', startedOn: '2026-04-13', expectedEndOn: null }],
      lastRevision: 4n,
      lastPosition: 5n,
    });
    const deadlines = queries.deadlinesOfClients([id]).get(id) ?? [];
    expect(deadlines.find((d) => d.kind === 'INITIAL_INTERVIEW')).toMatchObject({
      clientId: id,
      dueOn: '2026-03-16',
      closedOn: '2026-03-09',
      openedBy: 'JobSearchStarted@2026-03-02',
      organisation: EA,
    });
    expect(deadlines.find((d) => d.kind === 'JOB_SEARCH_DISCUSSION')).toMatchObject({ clockStart: '2026-03-09' });
  });

  it('turns an OVERDUE interview into MET_LATE when the interview is recorded days later', async () => {
    const { store } = logStore();
    const id = randomUUID();
    await appendClient(store, id, [started]);
    const { queries, catchUp } = await startReadModels(store);
    const breachesOn = (asOf: string) =>
      queries.deadlineBreaches({ organisation: EA, kind: 'INITIAL_INTERVIEW', asOf }, { first: 10 }).items;

    expect(breachesOn('2026-03-16')).toEqual([]);
    expect(
      queries.upcomingDeadlines({ organisation: EA, asOf: '2026-03-10', dueBy: '2026-03-16' }, { first: 10 }),
    ).toMatchObject({ totalCount: 1, items: [{ clientId: id, dueOn: '2026-03-16' }] });
    expect(breachesOn('2026-03-19')).toMatchObject([{ clientId: id, closedOn: null }]);
    expect(queries.deadlinesFallingDue('2026-03-15', '2026-03-16', EA)).toMatchObject([{ clientId: id }]);

    await appendClient(store, id, [initialInterviewHeld({ heldOn: '2026-03-18' })], [started]);
    await catchUp();
    expect(breachesOn('2026-03-17')).toMatchObject([{ clientId: id, closedOn: '2026-03-18' }]);
    expect(breachesOn('2026-03-19')).toMatchObject([{ clientId: id, closedOn: '2026-03-18' }]);
    expect(
      queries.upcomingDeadlines({ organisation: EA, asOf: '2026-03-10', dueBy: '2026-03-16' }, { first: 10 }),
    ).toMatchObject({ totalCount: 1 });
    expect(queries.deadlinesFallingDue('2026-03-15', '2026-03-16', EA)).toMatchObject([{ clientId: id }]);
  });

  it('is no breach when the interview is held on time', async () => {
    const { store } = logStore();
    await appendClient(store, randomUUID(), [started, initialInterviewHeld({ heldOn: '2026-03-16' })]);
    const { queries } = await startReadModels(store);
    expect(queries.deadlineBreaches({ kind: 'INITIAL_INTERVIEW', asOf: '2026-04-30' }, { first: 10 }).totalCount).toBe(
      0,
    );
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientTransferred, coachAssigned, jobSearchEnded, jobSearchStarted } from '../../domain/client/builders.js';
import { appendClient, logStore, startReadModels } from './support.js';

const TE = 'te-office:keski-suomi';
const TRIAL = 'trial-area:jyvaskyla';
const young = { birthDate: '1999-01-15', homeMunicipality: '500', motherTongue: 'fi', citizenship: 'FI' };
const startedAtTe = jobSearchStarted({
  startedOn: '2023-05-02',
  registeredBy: TE,
  person: { ...young, earningsRelatedAllowanceEligible: true },
});
const transferred = clientTransferred({ from: TE, to: TRIAL, effectiveOn: '2023-05-08', reason: 'TARGET_GROUP' });

describe('caseload', () => {
  it('answers as of a past date after a transfer', async () => {
    const { store } = logStore();
    const id = randomUUID();
    await appendClient(store, id, [startedAtTe, transferred]);
    const { queries } = await startReadModels(store);
    const ids = (organisation: string, asOf: string) =>
      queries.caseload({ organisation, asOf }, { first: 10 }).items.map((row) => row.clientId);

    expect(ids(TE, '2023-05-01')).toEqual([]);
    expect(ids(TE, '2023-05-05')).toEqual([id]);
    expect(ids(TRIAL, '2023-05-05')).toEqual([]);
    expect(ids(TE, '2023-05-08')).toEqual([]);
    expect(ids(TRIAL, '2023-05-08')).toEqual([id]);
    expect(queries.caseload({ organisation: TE, asOf: '2023-05-05' }, { first: 10 }).items[0]).toMatchObject({
      organisation: TE,
      basis: 'TE_OFFICE',
      status: 'ACTIVE',
    });
    expect(queries.clientsByIds([id]).get(id)).toMatchObject({ organisation: TRIAL, basis: 'TARGET_GROUP' });
    expect(queries.caseloadSummary(['ORGANISATION', 'STATUS'], { asOf: '2023-05-05' })).toEqual([
      { organisation: TE, status: 'ACTIVE', count: 1 },
    ]);
  });

  it('keeps ended clients with their last organisation, filterable by status', async () => {
    const { store } = logStore();
    const id = randomUUID();
    await appendClient(store, id, [startedAtTe, jobSearchEnded({ endedOn: '2023-06-30' })]);
    const { queries } = await startReadModels(store);
    expect(queries.caseload({ organisation: TE, status: 'ACTIVE', asOf: '2023-06-30' }, { first: 5 }).totalCount).toBe(
      1,
    );
    expect(queries.caseload({ organisation: TE, status: 'ACTIVE', asOf: '2023-07-01' }, { first: 5 }).totalCount).toBe(
      0,
    );
    expect(queries.caseload({ organisation: TE, status: 'ENDED', asOf: '2023-07-01' }, { first: 5 }).totalCount).toBe(
      1,
    );
    expect(queries.clientsByIds([id]).get(id)).toMatchObject({ status: 'ENDED', jobSearchEndedOn: '2023-06-30' });
  });

  it('pages in a stable order: pages concatenate to the whole list without duplicates', async () => {
    const { store } = logStore();
    const ids: string[] = [];
    for (let n = 0; n < 23; n++) {
      const id = randomUUID();
      ids.push(id);
      await appendClient(store, id, [
        startedAtTe,
        coachAssigned({ coachId: `staff-${n % 3}`, assignedOn: '2023-05-03' }),
      ]);
    }
    const { queries } = await startReadModels(store);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = queries.caseload({ organisation: TE, asOf: '2023-05-04' }, { first: 5, after });
      expect(page.totalCount).toBe(23);
      seen.push(...page.items.map((row) => row.clientId));
      if (!page.hasNextPage) break;
      after = page.endCursor ?? undefined;
    }
    expect(seen).toEqual([...ids].sort());
    const byCoach = queries.caseload({ coach: 'staff-1', asOf: '2023-05-04' }, { first: 200 });
    expect(byCoach.items.every((row) => row.coach === 'staff-1')).toBe(true);
    expect(byCoach.totalCount).toBe(ids.filter((_, n) => n % 3 === 1).length);
    expect(queries.caseloadSummary(['COACH'], { organisation: TE, asOf: '2023-05-04' })).toEqual([
      { coach: 'staff-0', count: 8 },
      { coach: 'staff-1', count: 8 },
      { coach: 'staff-2', count: 7 },
    ]);
    expect(() => queries.caseload({ asOf: '2023-05-04' }, { first: 0 })).toThrow(/first/);
    expect(() => queries.caseload({ asOf: '2023-05-04' }, { first: 5, after: 'bogus' })).toThrow(/cursor/);
  });

  it('pages deadline breaches in a stable order', async () => {
    const { store } = logStore();
    for (let n = 0; n < 12; n++)
      await appendClient(store, randomUUID(), [
        jobSearchStarted({ startedOn: `2026-03-${String(n + 2).padStart(2, '0')}` }),
      ]);
    const { queries } = await startReadModels(store);
    const all = queries.deadlineBreaches({ kind: 'INITIAL_INTERVIEW', asOf: '2026-06-01' }, { first: 200 });
    expect(all.totalCount).toBe(12);
    const paged = [];
    let after: string | undefined;
    do {
      const page = queries.deadlineBreaches({ kind: 'INITIAL_INTERVIEW', asOf: '2026-06-01' }, { first: 5, after });
      paged.push(...page.items);
      after = page.hasNextPage ? (page.endCursor ?? undefined) : undefined;
    } while (after !== undefined);
    expect(paged).toEqual(all.items);
    const dues = all.items.map((d) => d.dueOn);
    expect(dues).toEqual([...dues].sort());
  });
});

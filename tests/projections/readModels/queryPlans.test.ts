import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { initialInterviewHeld, jobSearchStarted } from '../../domain/client/builders.js';
import { appendClient, logStore, startReadModels } from './support.js';

/** Prepares `sql` on the live tables and returns the lines of its query plan. */
const planOf = (db: import('better-sqlite3').Database, sql: string, params: unknown): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => row.detail);

describe('query plans', () => {
  it('answers the main queries through indexes, never scanning a big table', async () => {
    const { store } = logStore();
    for (let n = 0; n < 5; n++)
      await appendClient(store, randomUUID(), [
        jobSearchStarted({ registeredBy: 'employment-area:jyvaskyla' }),
        initialInterviewHeld({ heldOn: '2026-03-20' }),
      ]);
    const { runner, db, queries } = await startReadModels(store);
    const plans: string[][] = [];
    const original = db.prepare.bind(db);
    const captured: string[] = [];
    // Every statement the queries prepare is captured, then explained with representative parameters.
    db.prepare = ((sql: string) => {
      captured.push(sql);
      return original(sql);
    }) as typeof db.prepare;
    const organisation = 'employment-area:jyvaskyla';
    const asOf = '2026-04-01';
    const page = { first: 10 };
    const first = queries.caseload({ organisation, asOf }, { first: 1 });
    queries.caseload({ organisation, asOf }, { first: 1, after: first.endCursor! });
    queries.caseload({ municipality: '179', asOf }, page);
    queries.caseload({ coach: 'staff-1', asOf }, page);
    queries.caseloadSummary(['BASIS'], { organisation, asOf });
    queries.clientsByIds([randomUUID()]);
    queries.deadlinesOfClients([randomUUID()]);
    queries.deadlineBreaches({ organisation, asOf }, page);
    queries.deadlineBreaches({ kind: 'INITIAL_INTERVIEW', asOf }, page);
    queries.deadlineBreaches({ asOf }, page);
    queries.upcomingDeadlines({ organisation, asOf, dueBy: '2026-05-01' }, page);
    queries.upcomingDeadlines({ asOf, dueBy: '2026-05-01' }, page);
    queries.deadlinesFallingDue('2026-03-01', '2026-04-01', organisation);
    queries.transfersDue({ organisation, asOf }, page);
    queries.transfersDue({ asOf }, page);
    queries.statistics({ organisation, from: '2026-01-01', to: '2026-06-30' });
    db.prepare = original;
    expect(captured.length).toBeGreaterThan(20);
    const params = {
      asOf,
      organisation,
      municipality: '179',
      coach: 'c',
      kind: 'INITIAL_INTERVIEW',
      dueBy: '2026-05-01',
      afterDate: '2026-03-01',
      upToDate: '2026-04-01',
      after: 'a',
      limit: 10,
      first: '2026-01',
      dueOn: '2026-03-01',
      clientId: 'x',
      id: 'y',
      d: '2026-03-01',
      c: 'x',
      s: '2026-03-01',
      o: 'z',
      last: '2026-06',
    };
    for (const sql of captured) {
      const named = Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
      const plan = sql.includes('json_each') ? planOf(db, sql, '[]') : planOf(db, sql, named);
      plans.push(plan);
      // `page`: the keys of one page, found through an index and bounded by LIMIT.
      const scans = plan.filter(
        (line) => /^SCAN /.test(line) && !/json_each|ids|page|subquery|USING COVERING INDEX|USING INDEX/.test(line),
      );
      expect({ sql, scans }).toEqual({ sql, scans: [] });
    }
    expect(plans.flat().some((line) => line.includes('_organisation'))).toBe(true);
    void runner;
  });
});

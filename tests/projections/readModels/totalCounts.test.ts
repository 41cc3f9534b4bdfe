import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { countMemo } from '../../../src/projections/readModels/pagination.js';
import { initialInterviewHeld, jobSearchStarted } from '../../domain/client/builders.js';
import { tempReadModels } from '../runner/support.js';
import { appendClient, logStore, startReadModels } from './support.js';

const EA = 'employment-area:jyvaskyla';

describe('total counts', () => {
  it('are counted once until a row is written on the connection or another connection commits', () => {
    const { open } = tempReadModels();
    const db = open();
    const other = open();
    db.exec('CREATE TABLE t (n INTEGER)');
    const memo = countMemo(db);
    let counted = 0;
    const count = () => {
      counted++;
      return (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n;
    };

    expect([memo('t', count), memo('t', count)]).toEqual([0, 0]);
    expect(counted).toBe(1);
    db.prepare('INSERT INTO t VALUES (1)').run();
    expect([memo('t', count), memo('t', count)]).toEqual([1, 1]);
    expect(counted).toBe(2);
    other.prepare('INSERT INTO t VALUES (2)').run();
    expect(memo('t', count)).toBe(2);
    expect(counted).toBe(3);
    expect(memo('another key', count)).toBe(2);
    expect(counted).toBe(4);
    db.transaction(() => {
      db.prepare('INSERT INTO t VALUES (3)').run();
      expect([memo('t', count), memo('t', count)]).toEqual([3, 3]);
    })();
    expect(counted).toBe(6);
  });

  it('stay exact for caseload and breaches as new events are projected, page after page', async () => {
    const { store } = logStore();
    const started = (startedOn: string) => jobSearchStarted({ startedOn, registeredBy: EA });
    await appendClient(store, randomUUID(), [started('2026-03-02')]);
    await appendClient(store, randomUUID(), [started('2026-03-03')]);
    const { queries, catchUp } = await startReadModels(store);
    const asOf = '2026-06-01';
    const caseload = () => queries.caseload({ organisation: EA, asOf }, { first: 1 });
    const breaches = () => queries.deadlineBreaches({ organisation: EA, asOf }, { first: 1 });

    const first = caseload();
    expect(first.totalCount).toBe(2);
    expect(queries.caseload({ organisation: EA, asOf }, { first: 1, after: first.endCursor! }).totalCount).toBe(2);
    expect(breaches().totalCount).toBe(2);

    const late = randomUUID();
    await appendClient(store, late, [started('2026-03-04')]);
    await catchUp();
    expect(caseload().totalCount).toBe(3);
    expect(breaches().totalCount).toBe(3);

    await appendClient(store, late, [initialInterviewHeld({ heldOn: '2026-03-05' })], [started('2026-03-04')]);
    await catchUp();
    expect(breaches().totalCount).toBe(2);
    expect(queries.deadlineBreaches({ organisation: EA, asOf: '2026-03-10' }, { first: 1 }).totalCount).toBe(0);
  });
});

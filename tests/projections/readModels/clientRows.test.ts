import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ClientRows, type RowValues } from '../../../src/projections/readModels/clientRows.js';

const open = () => {
  const db = new Database(':memory:');
  onTestFinished(() => {
    db.close();
  });
  db.exec(`CREATE TABLE t (client_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT, n INTEGER NOT NULL,
    PRIMARY KEY (client_id, key)) STRICT, WITHOUT ROWID`);
  const rows = new ClientRows(db, 't', ['client_id', 'key', 'value', 'n'], 2);
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  const all = db.prepare<[], RowValues>('SELECT * FROM t ORDER BY client_id, key').raw(true);
  /** Replaces and returns how many rows were written or deleted. */
  const replace = (clientId: string, next: RowValues[], fresh = false): number => {
    const before = changes.get()!;
    rows.replace(clientId, next, fresh);
    return changes.get()! - before;
  };
  return { replace, all: () => all.all(), rows };
};

describe('a client’s rows', () => {
  it('are replaced by writing only the rows that differ', () => {
    const { replace, all } = open();
    expect(
      replace(
        'a',
        [
          ['a', '1', 'x', 1],
          ['a', '2', null, 2],
        ],
        true,
      ),
    ).toBe(2);
    expect(replace('b', [['b', '1', 'y', 1]], true)).toBe(1);

    expect(
      replace('a', [
        ['a', '1', 'x', 1],
        ['a', '2', null, 2],
      ]),
    ).toBe(0);
    expect(
      replace('a', [
        ['a', '1', 'x', 1],
        ['a', '2', 'z', 2],
        ['a', '3', null, 3],
      ]),
    ).toBe(2);
    expect(replace('a', [['a', '3', null, 3]])).toBe(2);

    expect(all()).toEqual([
      ['a', '3', null, 3],
      ['b', '1', 'y', 1],
    ]);
  });

  it('returns the rows stored before, in key order, and keeps the last of two rows with the same key', () => {
    const { rows, all } = open();
    rows.replace(
      'a',
      [
        ['a', '2', 'second', 2],
        ['a', '1', 'first', 1],
      ],
      true,
    );
    expect(
      rows.replace('a', [
        ['a', '1', 'old', 1],
        ['a', '1', 'new', 1],
      ]),
    ).toEqual([
      ['a', '1', 'first', 1],
      ['a', '2', 'second', 2],
    ]);
    expect(all()).toEqual([['a', '1', 'new', 1]]);
  });
});

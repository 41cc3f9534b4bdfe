import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compareBuilds } from '../../src/cli/projectionTables.js';
import type { BuildRow } from '../../src/projections/runner/registry.js';

const build = (build: number, version: number): BuildRow => ({
  name: 'things',
  build,
  version,
  active: build === 1,
  status: 'running',
  checkpoint: 10n,
  lastRecordedAt: undefined,
  tables: { things: `things_v${version}_${build}` },
});

describe('compareBuilds', () => {
  it('counts rows on both sides and the rows only one side has', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE things_v1_1 (id TEXT PRIMARY KEY, n INTEGER);
      CREATE TABLE things_v1_2 (id TEXT PRIMARY KEY, n INTEGER);
      INSERT INTO things_v1_1 VALUES ('a', 1), ('b', 2), ('c', 3);
      INSERT INTO things_v1_2 VALUES ('c', 3), ('a', 1), ('b', 5);`);
    expect(compareBuilds(db, build(1, 1), build(2, 1))).toEqual([
      { table: 'things', liveRows: 3, rebuiltRows: 3, differing: 2 },
    ]);
    db.exec(`UPDATE things_v1_2 SET n = 2 WHERE id = 'b'`);
    expect(compareBuilds(db, build(1, 1), build(2, 1))[0]?.differing).toBe(0);
  });

  it('compares only row counts across versions', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE things_v1_1 (id TEXT); CREATE TABLE things_v2_2 (id TEXT, extra TEXT);
      INSERT INTO things_v1_1 VALUES ('a'); INSERT INTO things_v2_2 VALUES ('a', 'x'), ('b', 'y');`);
    expect(compareBuilds(db, build(1, 1), build(2, 2))).toEqual([
      { table: 'things', liveRows: 1, rebuiltRows: 2, differing: undefined },
    ]);
  });
});

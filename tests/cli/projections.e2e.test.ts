import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { openReadModelDb } from '../../src/projections/runner/readModelDb.js';
import { cli, storedEvents, tempDataDir } from './cliRun.js';

/** Rows per logical table of every active build. */
const activeTableCounts = (dir: string): Record<string, number> => {
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  try {
    const counts: Record<string, number> = {};
    const builds = db.prepare('SELECT name, tables FROM projections WHERE active = 1').all() as Array<{
      name: string;
      tables: string;
    }>;
    for (const { name, tables } of builds)
      for (const [table, physical] of Object.entries(JSON.parse(tables) as Record<string, string>))
        counts[`${name}.${table}`] = db.prepare(`SELECT count(*) FROM "${physical}"`).pluck().get() as number;
    return counts;
  } finally {
    db.close();
  }
};

const statusJson = async (dir: string) => {
  const run = await cli(dir, ['projections', 'status', '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.out) as {
    head: string;
    projections: Array<{ name: string; build: number | null; state: string; position: string; lagEvents: string }>;
  };
};

describe('projections status and rebuild', () => {
  it('reports never-built projections, rebuilds them all, and rebuilds again to the same rows', async () => {
    const dir = tempDataDir();
    expect((await cli(dir, ['seed', '--clients', '80', '--today', systemClock.today()])).code).toBe(0);
    const events = (await storedEvents(dir)).length;

    const fresh = await statusJson(dir);
    expect(fresh.head).toBe(String(events));
    expect(fresh.projections.map((p) => [p.name, p.state, p.lagEvents])).toEqual(
      ['clients', 'deadlines', 'transfersDue', 'statistics'].map((name) => [name, 'new', String(events)]),
    );

    const first = await cli(dir, ['projections', 'rebuild']);
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/catch up live builds/);
    expect(first.err).toMatch(/rebuild statistics [\d,]+\/[\d,]+ \(100%\)/);
    expect(first.out).toMatch(/^clients: build 1 -> 2, [\d,]+ events in [\d.]+ s \([\d,]+ events\/s\)/);
    expect(first.out).not.toMatch(/differ|not compared/);
    const counts = activeTableCounts(dir);
    expect(counts['clients.clients']).toBe(80);

    const table = await cli(dir, ['projections', 'status']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^name\s+version\s+build\s+state\s+position\s+lag\n/);
    expect(table.out).toMatch(new RegExp(`clients\\s+2\\s+2\\s+live\\s+${events.toLocaleString('en-US')}\\s+0\\n`));

    const again = await cli(dir, ['projections', 'rebuild', 'deadlines']);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^deadlines: build 2 -> 3/);
    expect(again.out).toMatch(/deadlines\s+[\d,]+ rows \(live [\d,]+\)\s+identical/);
    expect(activeTableCounts(dir)).toEqual(counts);
    const after = await statusJson(dir);
    expect(after.projections.map((p) => [p.name, p.build, p.state, p.lagEvents])).toEqual([
      ['clients', 2, 'live', '0'],
      ['deadlines', 3, 'live', '0'],
      ['transfersDue', 2, 'live', '0'],
      ['statistics', 2, 'live', '0'],
    ]);
  });

  it('refuses an unknown projection or action with exit code 2', async () => {
    const dir = tempDataDir();
    const unknown = await cli(dir, ['projections', 'rebuild', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown projection "nope"; known: clients, deadlines, transfersDue, statistics/);
    expect((await cli(dir, ['projections'])).code).toBe(2);
    expect((await cli(dir, ['projections', 'wipe'])).code).toBe(2);
  });
});

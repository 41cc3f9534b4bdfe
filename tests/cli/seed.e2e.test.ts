import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { cli, storedEvents, tempDataDir } from './cliRun.js';

const today = systemClock.today();
const options = ['--clients', '200', '--seed', '7', '--today', today];

describe('seed', () => {
  it('appends reproducible histories to the store, and a second run adds nothing', async () => {
    const dir = tempDataDir();
    const first = await cli(dir, ['seed', ...options]);
    expect(first.code).toBe(0);
    const events = await storedEvents(dir);
    expect(events.length).toBeGreaterThan(200 * 5);
    expect(new Set(events.map((e) => e.split('/')[0])).size).toBe(200);
    expect(first.out).toContain(`Seeded 200 clients, ${events.length.toLocaleString('en-US')} events into sqlite`);
    expect(first.out).toMatch(/events\/s/);
    expect(first.out).toContain('jobseeker-ledger serve');
    expect(first.err).toMatch(/seed clients 200\/200 \(100%\)/);

    const second = await cli(dir, ['seed', ...options]);
    expect(second.code).toBe(0);
    expect(second.out).toContain(
      `Nothing added: 200 clients, ${events.length.toLocaleString('en-US')} events already present`,
    );
    expect(await storedEvents(dir)).toEqual(events);
  });

  it('refuses the same seed with another date (same clients, other histories), naming the options', async () => {
    const dir = tempDataDir();
    expect((await cli(dir, ['seed', '--clients', '20', '--seed', '7', '--today', '2025-06-30'])).code).toBe(0);
    const before = await storedEvents(dir);
    const other = await cli(dir, ['seed', '--clients', '20', '--seed', '7', '--today', '2025-12-31']);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/already holds a different history[\s\S]*--today 2025-12-31/);
    expect(await storedEvents(dir)).toEqual(before);
  });

  it('adds other clients for another seed', async () => {
    const dir = tempDataDir();
    expect((await cli(dir, ['seed', '--clients', '20', '--seed', '7', '--today', today])).code).toBe(0);
    expect((await cli(dir, ['seed', '--clients', '20', '--seed', '8', '--today', today])).code).toBe(0);
    expect(new Set((await storedEvents(dir)).map((e) => e.split('/')[0])).size).toBe(40);
  });

  it('writes the same histories to an NDJSON file that import loads into another data directory', async () => {
    const direct = tempDataDir();
    const viaFile = tempDataDir();
    expect((await cli(direct, ['seed', ...options])).code).toBe(0);
    const file = join(viaFile, 'seed.ndjson');
    const written = await cli(viaFile, ['seed', ...options, '--out', file]);
    expect(written.code).toBe(0);
    expect(written.out).toContain(`to ${file}`);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(200);

    const imported = await cli(viaFile, ['import', file]);
    expect(imported.code).toBe(0);
    const expected = await storedEvents(direct);
    expect(imported.out).toMatch(
      new RegExp(`accepted\\s+200 lines, ${expected.length.toLocaleString('en-US')} events`),
    );
    expect(imported.out).toMatch(/refused\s+0 lines/);
    expect((await storedEvents(viaFile)).sort()).toEqual([...expected].sort());

    const again = await cli(viaFile, ['import', file]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already stored\s+200 lines/);
    expect((await storedEvents(viaFile)).length).toBe(expected.length);
  });

  it('rejects wrong options with exit code 2', async () => {
    const dir = tempDataDir();
    for (const args of [
      ['--clients', '0'],
      ['--clients', 'many'],
      ['--today', '2026-02-30'],
      ['--today', '2020-01-01'],
      ['--seed', '-1'],
    ]) {
      const run = await cli(dir, ['seed', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toContain('jobseeker-ledger seed --help');
    }
  });
});

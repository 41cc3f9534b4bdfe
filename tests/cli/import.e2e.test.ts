import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { generateClientHistories } from '../../src/seed/generateClientHistories.js';
import { cli, storedEvents, tempDataDir } from './cliRun.js';

const [a, b, c, e] = [...generateClientHistories({ seed: 11, clients: 4, today: systemClock.today() })].filter(
  (history) => history.events.length >= 4,
);

const line = (value: unknown): string => JSON.stringify(value);

const importFile = (dir: string): string => {
  if (!a || !b || !c || !e) throw new Error('the generator gave too few histories');
  const half = Math.floor(b.events.length / 2);
  const unknownType = c.events.map((event, i) => (i === 1 ? { ...event, type: 'MoonLanded' } : event));
  const lines = [
    line({ clientId: a.clientId, expectedRevision: 'noStream', events: a.events }),
    '{"clientId": oops',
    line({ clientId: b.clientId, expectedRevision: 'noStream', events: b.events.slice(0, half) }),
    line({ clientId: b.clientId, expectedRevision: String(half - 1), events: b.events.slice(half) }),
    line({ clientId: 'not-a-uuid', events: [] }),
    line({ clientId: c.clientId, events: unknownType }),
    line({ clientId: a.clientId, expectedRevision: 'noStream', events: [{ ...a.events[0], id: randomUUID() }] }),
    '',
    line({ clientId: e.clientId, events: e.events }),
  ];
  const file = join(dir, 'mixed.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};

describe('import FILE', () => {
  it('stores the good lines, in order per client, and reports each refused line with its code', async () => {
    const dir = tempDataDir();
    const run = await cli(dir, ['import', importFile(dir)]);
    expect(run.code).toBe(1);
    const good = a!.events.length + b!.events.length + e!.events.length;
    expect(run.out).toMatch(/: 8 lines in/);
    expect(run.out).toMatch(new RegExp(`accepted\\s+4 lines, ${good} events`));
    expect(run.out).toMatch(/refused\s+4 lines/);
    expect(run.out).toMatch(/line 2 {2}MALFORMED_JSON/);
    expect(run.out).toMatch(/line 5 {2}VALIDATION_FAILED .*\/clientId/);
    expect(run.out).toMatch(new RegExp(`line 6 {2}UNKNOWN_EVENT_TYPE {2}client ${c!.clientId}`));
    expect(run.out).toMatch(new RegExp(`line 7 {2}WRONG_EXPECTED_REVISION {2}client ${a!.clientId}`));
    const stored = await storedEvents(dir);
    expect(stored).toHaveLength(good);
    expect(stored.some((id) => id.startsWith(`client-${c!.clientId}/`))).toBe(false);
  });

  it('lists only the first N refusals with --show N', async () => {
    const dir = tempDataDir();
    const run = await cli(dir, ['import', importFile(dir), '--show', '1']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/First refusals \(3 more not shown\):\n {2}line 2 {2}MALFORMED_JSON[^\n]*\n$/);
  });

  it('answers a missing FILE with exit code 2', async () => {
    const dir = tempDataDir();
    expect((await cli(dir, ['import'])).code).toBe(2);
    const missing = await cli(dir, ['import', join(dir, 'nothing.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read/);
  });
});

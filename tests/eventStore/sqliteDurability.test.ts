import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/eventStore/eventStore.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { collect } from './support/contractHelpers.js';

const childScript = fileURLToPath(new URL('./support/appendChild.ts', import.meta.url));
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'event-store-durability-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

/** Starts the child and hands each stdout line, parsed, to `onLine`; resolves with the exit code or signal. */
const startChild = (args: string[], onLine: (line: unknown, child: Child) => void) => {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  createInterface({ input: child.stdout }).on('line', (line) => onLine(JSON.parse(line), child));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
};

const openFresh = async () => {
  const path = join(directory, `${randomUUID()}.sqlite`);
  await createSqliteEventStore({ path }).close();
  return path;
};

interface RaceLine {
  round: number;
  ok: boolean;
  ids?: string[];
  code?: string;
}

describe('SQLite event store across processes', () => {
  it('lets exactly one of two processes win each race for a new stream', async () => {
    const path = await openFresh();
    const prefix = `client-${randomUUID()}`;
    const rounds = 15;
    const lines: RaceLine[][] = [[], []];
    let ready = 0;
    const children = [0, 1].map((index) =>
      startChild(['race', path, prefix, String(rounds)], (line) => {
        if (line !== 'ready') return void lines[index]!.push(line as RaceLine);
        ready++;
        if (ready === 2) for (const { child } of children) child.stdin.end('go\n');
      }),
    );
    const exits = await Promise.all(children.map(({ exited }) => exited));
    for (const exit of exits) expect(exit, exit.stderr).toMatchObject({ code: 0 });

    const store = createSqliteEventStore({ path });
    try {
      for (let round = 0; round < rounds; round++) {
        const outcomes = lines.map((own) => own.find((line) => line.round === round)!);
        expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
        expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
        const stored = await collect(store.readStream(`${prefix}-${round}`));
        expect(stored.map((event) => event.id)).toEqual(outcomes.find((outcome) => outcome.ok)!.ids);
        expect(stored.map((event) => event.revision)).toEqual(stored.map((_, index) => BigInt(index)));
      }
    } finally {
      await store.close();
    }
  });

  it('keeps every acknowledged batch, and no partial batch, when the writer is killed', async () => {
    const path = await openFresh();
    const prefix = `client-${randomUUID()}`;
    const acknowledged: { writer: number; batch: number; ids: string[] }[] = [];
    const { exited } = startChild(['batches', path, prefix, '4'], (line, child) => {
      acknowledged.push(line as (typeof acknowledged)[number]);
      if (acknowledged.length === 60) child.kill('SIGKILL');
    });
    const exit = await exited;
    expect(exit.signal, exit.stderr).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);

    const store = createSqliteEventStore({ path });
    try {
      const all = await collect(store.readAll());
      const seen = new Map<string, number>();
      for (const event of all) seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
      for (const { ids } of acknowledged) for (const id of ids) expect(seen.get(id)).toBe(1);

      const batches = new Map<string, StoredEvent[]>();
      for (const event of all.filter((stored) => stored.stream.startsWith(prefix))) {
        const key = `${event.data.writer}/${event.data.batch}`;
        batches.set(key, [...(batches.get(key) ?? []), event]);
      }
      for (const [key, events] of batches) {
        expect(
          events.map((event) => event.data.n),
          key,
        ).toEqual(Array.from({ length: 50 }, (_, n) => n));
      }
      for (let writer = 0; writer < 4; writer++) {
        const revisions = (await collect(store.readStream(`${prefix}-${writer}`))).map((event) => event.revision);
        expect(revisions).toEqual(revisions.map((_, index) => BigInt(index)));
      }
    } finally {
      await store.close();
    }
  });
});

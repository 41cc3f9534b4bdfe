import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../src/eventStore/errors.js';
import type { StoredEvent } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { generateClientHistories } from '../../src/seed/generateClientHistories.js';
import { appendHistories, clientStreamName, writeNdjson } from '../../src/seed/writers.js';

const today = '2026-11-25';
const histories = (clients: number) => [...generateClientHistories({ seed: 31, clients, today })];

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('writeNdjson', { timeout: 60_000 }, () => {
  it('writes one import line per client with expectedRevision noStream, honouring back-pressure', async () => {
    const input = histories(200);
    const sink = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    const drained = (async () => {
      for await (const chunk of sink) chunks.push(chunk as Buffer);
    })();
    const progress: Array<[number, number]> = [];
    const totals = await writeNdjson(input, sink, (clients, events) => progress.push([clients, events]));
    sink.end();
    await drained;
    const text = Buffer.concat(chunks).toString('utf8');
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = input.reduce((sum, h) => sum + h.events.length, 0);
    expect(totals).toEqual({ clients: 200, events, bytes: Buffer.byteLength(text) });
    expect(progress.at(-1)).toEqual([200, events]);
    expect(lines).toHaveLength(200);
    expect(lines[0]).toEqual({ clientId: input[0]!.clientId, expectedRevision: 'noStream', events: input[0]!.events });
    expect(Object.keys(lines[0].events[0]).sort()).toEqual(['data', 'id', 'metadata', 'type']);
  });
});

describe('appendHistories', { timeout: 60_000 }, () => {
  it('appends every client to its own stream, in order, reporting progress', async () => {
    const store = createInMemoryEventStore();
    const input = histories(250);
    const progress: Array<[number, number]> = [];
    const totals = await appendHistories(store, input, {
      batchClients: 100,
      concurrency: 8,
      onProgress: (clients, events) => progress.push([clients, events]),
    });
    const events = input.reduce((sum, h) => sum + h.events.length, 0);
    expect(totals).toEqual({ clients: 250, events });
    expect(progress.map(([clients]) => clients)).toEqual([100, 200, 250]);
    const stored = await collect(store.readStream(clientStreamName(input[7]!.clientId)));
    expect(stored.map((e: StoredEvent) => e.id)).toEqual(input[7]!.events.map((e) => e.id));
    expect(stored[0]!.data).toEqual(input[7]!.events[0]!.data);
    await store.close();
  });

  it('can run again over the same histories (idempotent retries) but stops at the first refused append', async () => {
    const store = createInMemoryEventStore();
    const input = histories(50);
    await appendHistories(store, input.slice(0, 20));
    expect(await appendHistories(store, input, { concurrency: 4 })).toMatchObject({ clients: 50 });
    const clash = { clientId: input[3]!.clientId, events: histories(60)[55]!.events };
    await expect(appendHistories(store, [clash], { concurrency: 4 })).rejects.toBeInstanceOf(ConcurrencyError);
    await store.close();
  });

  const directory = mkdtempSync(join(tmpdir(), 'seed-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('feeds the SQLite store through concurrent appends from a lazy generator', async () => {
    const store = createSqliteEventStore({ path: join(directory, 'events.sqlite') });
    const totals = await appendHistories(store, generateClientHistories({ seed: 5, clients: 300, today }));
    expect(totals.clients).toBe(300);
    expect(await store.headPosition()).toBeGreaterThanOrEqual(BigInt(totals.events));
    await store.close();
  });
});

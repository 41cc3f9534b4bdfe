import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../src/eventStore/eventStore.js';
import { createSqliteEventStore } from '../src/eventStore/sqlite/sqliteEventStore.js';
import { batchOf } from './support/events.js';
import { type Row, report } from './support/report.js';

const STREAMS = 10_000;

/** Appends `total` events in batches of `batchSize` over `streams` streams from `writers` concurrent writers. */
const appendLoad = async (
  store: EventStore,
  phase: string,
  total: number,
  batchSize: number,
  writers: number,
  streams: number,
) => {
  const revisions = new Map<number, bigint>();
  const batches = Math.ceil(total / batchSize);
  let next = 0;
  const writer = async () => {
    for (let b = next++; b < batches; b = next++) {
      const streamIndex = b % streams;
      const stream = `client-${phase}-${streamIndex}`;
      const expected = revisions.get(streamIndex) ?? 'noStream';
      const result = await store.appendToStream(stream, batchOf(batchSize, b * batchSize), { expected });
      revisions.set(streamIndex, result.nextRevision);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: writers }, () => writer()));
  return { events: batches * batchSize, seconds: (performance.now() - started) / 1000 };
};

const readAllRate = async (store: EventStore) => {
  const started = performance.now();
  let count = 0;
  for await (const _ of store.readAll()) count++;
  return { events: count, seconds: (performance.now() - started) / 1000 };
};

export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  const path = join(dir, 'events.sqlite');
  const store = createSqliteEventStore({ path });
  const scale = smoke ? 0.01 : 1;
  const sequential = [
    { batch: 1, total: 5_000 },
    { batch: 10, total: 50_000 },
    { batch: 100, total: 300_000 },
    { batch: 1_000, total: 1_000_000 },
  ];
  const rows: Row[] = [];
  try {
    for (const { batch, total } of sequential) {
      const r = await appendLoad(store, `seq${batch}`, Math.max(batch, Math.round(total * scale)), batch, 1, STREAMS);
      rows.push({
        workload: `append, 1 writer, batch ${batch}`,
        events: r.events,
        seconds: r.seconds,
        'events/s': Math.round(r.events / r.seconds),
      });
    }
    const concurrent = await appendLoad(store, 'concurrent', Math.round(2_000_000 * scale), 100, 32, STREAMS);
    rows.push({
      workload: 'append, 32 writers, batch 100',
      events: concurrent.events,
      seconds: concurrent.seconds,
      'events/s': Math.round(concurrent.events / concurrent.seconds),
    });
    const read = await readAllRate(store);
    rows.push({
      workload: 'readAll',
      events: read.events,
      seconds: read.seconds,
      'events/s': Math.round(read.events / read.seconds),
    });
  } finally {
    await store.close();
  }
  const sizeMiB = statSync(path).size / 2 ** 20;
  report(
    'eventStore',
    { adapter: 'sqlite', synchronous: 'FULL', streams: STREAMS, smoke, fileMiB: Math.round(sizeMiB) },
    rows,
  );
  rmSync(dir, { recursive: true, force: true });
};

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import type { EventStore } from '../../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import { clock, tempDir } from '../runner/support.js';
import { logHistories } from './randomHistories.js';
import { dumpTables, projections } from './support.js';

const appendOne = (store: EventStore, clientId: string, event: ClientEvent) =>
  store.appendToStream(`client-${clientId}`, [{ id: randomUUID(), type: event.type, version: 1, data: event.data }], {
    expected: 'any',
  });

/** Runs a runner over the log once, to its head, and returns the dump of every table. */
const runOnce = async (store: EventStore, path: string, batchSize: number, rebuild = false) => {
  const db = openReadModelDb(path);
  const runner = createProjectionRunner({ eventStore: store, db, projections: projections(), clock, batchSize });
  try {
    await runner.start();
    expect(await runner.waitForPosition(await store.headPosition(), 10_000)).toBe(true);
    if (rebuild) for (const projection of projections()) await runner.rebuild(projection.name);
    return dumpTables(runner);
  } finally {
    await runner.stop();
    db.close();
  }
};

describe('rebuild equals incremental', () => {
  it('applying a random log in several runs, with late facts and restarts, equals one rebuild', async () => {
    const dir = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        logHistories,
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.integer({ min: 1, max: 7 }),
        async ({ clients, order }, cuts, batchSize) => {
          const store = createInMemoryEventStore({ now: clock.now });
          const ids = clients.map(() => randomUUID());
          const next = clients.map(() => 0);
          const incremental = join(dir, `incremental-${run++}.sqlite`);
          const stops = [...new Set(cuts.map((cut) => cut % (order.length + 1)))].sort((a, b) => a - b);
          let done = 0;
          let last: Record<string, unknown[]> = {};
          try {
            for (const stop of [...stops, order.length]) {
              for (const client of order.slice(done, stop)) {
                const index = next[client]!;
                next[client] = index + 1;
                await appendOne(store, ids[client]!, clients[client]![index]!);
              }
              done = stop;
              last = await runOnce(store, incremental, batchSize);
            }
            const rebuilt = await runOnce(store, join(dir, `rebuilt-${run}.sqlite`), 1000);
            expect(last).toEqual(rebuilt);
            expect(await runOnce(store, incremental, 3, true)).toEqual(rebuilt);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});

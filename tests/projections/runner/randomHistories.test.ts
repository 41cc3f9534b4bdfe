import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import { newEvent } from '../../support/events.js';
import { clock, countingProjection, expectedCounts, streamCounts, tempDir } from './support.js';

const history = fc.array(
  fc.record({
    stream: fc.integer({ min: 0, max: 5 }),
    type: fc.constantFrom('Counted', 'Counted', 'Ignored'),
    weight: fc.integer({ min: 0, max: 9 }),
  }),
  { maxLength: 80 },
);

describe('random histories', () => {
  it('incremental application with restarts at random points equals a rebuild and the log', async () => {
    const dir = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        async (events, cuts, batchSize) => {
          const store = createInMemoryEventStore({ now: clock.now });
          const path = join(dir, `run-${run++}.sqlite`);
          const chunks = [...new Set(cuts.map((cut) => cut % (events.length + 1)))].sort((a, b) => a - b);
          let from = 0;
          try {
            for (const to of [...chunks, events.length]) {
              for (const { stream, type, weight } of events.slice(from, to))
                await store.appendToStream(`client-${stream}`, [newEvent(type, { weight })], { expected: 'any' });
              from = to;
              const runner = createProjectionRunner({
                eventStore: store,
                db: openReadModelDb(path),
                projections: [countingProjection()],
                clock,
                batchSize,
              });
              await runner.start();
              expect(await runner.waitForPosition(await store.headPosition(), 5_000)).toBe(true);
              const incremental = streamCounts(runner);
              expect(incremental).toEqual(await expectedCounts(store));
              if (to === events.length) {
                await runner.rebuild('streamCounts');
                expect(streamCounts(runner)).toEqual(incremental);
              }
              await runner.stop();
              runner.readModels.db.close();
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/eventStore/inMemory/inMemoryEventStore.js';
import { readModelProjections } from '../../../src/projections/readModels/readModelQueries.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import { clock, tempDir } from '../runner/support.js';
import { logHistories } from './randomHistories.js';
import { dumpTables, organisations } from './support.js';

const SPILL = 'client_fold_spill';

describe('client histories shared by the read models', () => {
  it('remembering one client (the others spilled or read again from the log) gives the rows of a rebuild', async () => {
    const dir = tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(logHistories, fc.integer({ min: 1, max: 4 }), async ({ clients, order }, every) => {
        const store = createInMemoryEventStore({ now: clock.now });
        const db = openReadModelDb(join(dir, `live-${run++}.sqlite`));
        const projections = readModelProjections({ organisations, rememberedClients: 1 });
        const runner = createProjectionRunner({ eventStore: store, db, projections, clock, batchSize: 3 });
        const fresh = openReadModelDb(join(dir, `rebuilt-${run}.sqlite`));
        const rebuild = createProjectionRunner({ eventStore: store, db: fresh, projections, clock });
        try {
          await runner.start();
          const ids = clients.map(() => randomUUID());
          const next = clients.map(() => 0);
          for (const [step, client] of order.entries()) {
            const event = clients[client]![next[client]!++]!;
            const appended = await store.appendToStream(
              `client-${ids[client]}`,
              [{ id: randomUUID(), type: event.type, version: 1, data: event.data }],
              { expected: 'any' },
            );
            if (step % every === 0) expect(await runner.waitForPosition(appended.commitPosition, 10_000)).toBe(true);
          }
          const head = await store.headPosition();
          expect(await runner.waitForPosition(head, 10_000)).toBe(true);
          await rebuild.start();
          expect(await rebuild.waitForPosition(head, 10_000)).toBe(true);
          expect(dumpTables(runner)).toEqual(dumpTables(rebuild));
        } finally {
          await Promise.all([runner.stop(), rebuild.stop()]);
          db.close();
          fresh.close();
          await store.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('starts with an empty spill table, so nothing folded by an earlier process is trusted', async () => {
    const path = join(tempDir(), 'read-models.sqlite');
    const first = openReadModelDb(path);
    first.exec(`CREATE TABLE ${SPILL} (client_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, record TEXT NOT NULL);
      INSERT INTO ${SPILL} VALUES ('${randomUUID()}', 3, '{}')`);
    first.close();
    const db = openReadModelDb(path);
    try {
      const runner = createProjectionRunner({
        eventStore: createInMemoryEventStore({ now: clock.now }),
        db,
        projections: readModelProjections({ organisations }),
        clock,
      });
      await runner.start();
      await runner.stop();
      expect(runner.readModels.db.prepare(`SELECT COUNT(*) FROM ${SPILL}`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

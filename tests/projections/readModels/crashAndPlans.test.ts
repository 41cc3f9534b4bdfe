import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import { initialInterviewHeld, jobSearchStarted, planDrawnUp } from '../../domain/client/builders.js';
import { clock, tempDir } from '../runner/support.js';
import { appendClient, dumpTables, logStore, projections, startReadModels } from './support.js';

describe('crash between batches', () => {
  it('resumes from the checkpoints after a stop mid-way and ends as a clean run does', async () => {
    const { store } = logStore();
    for (let n = 0; n < 40; n++)
      await appendClient(store, randomUUID(), [
        jobSearchStarted({ startedOn: `2026-03-${String((n % 20) + 2).padStart(2, '0')}` }),
        initialInterviewHeld({ heldOn: '2026-03-25', staffId: `staff-${n % 4}` }),
        planDrawnUp({ drawnUpOn: '2026-03-26' }),
      ]);
    const path = join(tempDir(), 'crashed.sqlite');
    const db = openReadModelDb(path);
    const runner = createProjectionRunner({ eventStore: store, db, projections: projections(), clock, batchSize: 7 });
    let batches = 0;
    let stopping: Promise<void> | undefined;
    runner.onCommitted(() => {
      batches++;
      if (batches === 5) stopping = runner.stop();
    });
    await runner.start();
    while (stopping === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await stopping;
    const checkpoints = db.prepare('SELECT DISTINCT checkpoint FROM projections').pluck().all();
    expect(checkpoints.length).toBe(1);
    expect(Number(checkpoints[0])).toBeLessThan(Number(await store.headPosition()));
    db.close();

    const resumed = await startReadModels(store, path, 7);
    const clean = await startReadModels(store, join(tempDir(), 'clean.sqlite'));
    expect(dumpTables(resumed.runner)).toEqual(dumpTables(clean.runner));
    expect(clean.queries.statistics({ from: '2026-03-01', to: '2026-03-31' }).total.statutoryContacts).toBe(40);
  });
});

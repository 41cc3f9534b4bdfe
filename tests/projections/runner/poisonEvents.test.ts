import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/eventStore/eventStore.js';
import { ProjectionFailedError } from '../../../src/projections/runner/errors.js';
import {
  appendSpread,
  checkpointOf,
  countingProjection,
  expectedCounts,
  memoryStore,
  startRunner,
  streamCounts,
  tempReadModels,
  typeCountProjection,
} from './support.js';

const isPoison = (event: StoredEvent) => event.data.n === 57;

describe('a projection that throws (poison event)', () => {
  it('rolls back the whole batch, records the error, stops that projection only', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 100);
    const db = tempReadModels().open();
    const logged: Array<{ object: object; message: string }> = [];
    const logger = {
      info: () => {},
      warn: () => {},
      error: (object: object, message: string) => logged.push({ object, message }),
    };
    const runner = await startRunner({
      eventStore: store,
      db,
      projections: [countingProjection({ poison: isPoison }), typeCountProjection()],
      batchSize: 20,
      logger,
    });

    expect(await runner.waitForPosition(head, 5_000, ['typeCounts'])).toBe(true);
    expect(await runner.waitForPosition(head, 5_000, ['streamCounts'])).toBe(false);

    expect(checkpointOf(db, 'streamCounts')).toMatchObject({ checkpoint: 40n, status: 'failed' });
    expect(streamCounts(runner)).toEqual(await expectedCounts(store, 40n));
    expect(checkpointOf(db, 'typeCounts')).toMatchObject({ checkpoint: head, status: 'running' });
    const errors = db.prepare('SELECT projection, position, event_type, message FROM projection_errors').all();
    expect(errors).toEqual([
      {
        projection: 'streamCounts',
        position: 58,
        event_type: 'Counted',
        message: expect.stringContaining('cannot apply'),
      },
    ]);
    expect(logged).toEqual([
      { object: expect.objectContaining({ projection: 'streamCounts', position: '58' }), message: expect.any(String) },
    ]);
    const states = (await runner.status()).map(({ name, state, position }) => ({ name, state, position }));
    expect(states).toEqual([
      { name: 'streamCounts', state: 'failed', position: 40n },
      { name: 'typeCounts', state: 'live', position: head },
    ]);
  });

  it('after the fix, resumes from the checkpoint to the same result as a clean run', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 100);
    const readModels = tempReadModels();
    const applied: string[] = [];
    const spy = (event: StoredEvent) => applied.push(event.id);

    const broken = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ poison: isPoison, spy })],
      batchSize: 20,
    });
    expect(await broken.waitForPosition(head, 5_000)).toBe(false);
    await broken.stop();
    broken.readModels.db.close();

    const fixed = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ spy })],
      batchSize: 20,
    });
    expect(await fixed.waitForPosition(head, 5_000)).toBe(true);

    expect(streamCounts(fixed)).toEqual(await expectedCounts(store));
    expect(checkpointOf(fixed.readModels.db, 'streamCounts')).toMatchObject({ checkpoint: head, status: 'running' });
    const counted = (await expectedCounts(store)).reduce((sum, row) => sum + row.events, 0);
    const rolledBack = applied.length - counted;
    expect(rolledBack).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(counted);
  });

  it('rejects a rebuild whose new build hits a poison event and keeps the active build', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 60);
    const db = tempReadModels().open();
    let poisonOn = false;
    const runner = await startRunner({
      eventStore: store,
      db,
      projections: [countingProjection({ poison: (event) => poisonOn && isPoison(event) })],
    });
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    poisonOn = true;

    await expect(runner.rebuild('streamCounts')).rejects.toBeInstanceOf(ProjectionFailedError);
    expect(runner.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v1_1');
    expect(streamCounts(runner)).toEqual(await expectedCounts(store));
  });
});

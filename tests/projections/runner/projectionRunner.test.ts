import { describe, expect, it, onTestFinished } from 'vitest';
import { createSqliteEventStore } from '../../../src/eventStore/sqlite/sqliteEventStore.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import type { CommittedBatch } from '../../../src/projections/runner/runnerTypes.js';
import { newEvent } from '../../support/events.js';
import {
  appendSpread,
  checkpointOf,
  clock,
  countingProjection,
  expectedCounts,
  memoryStore,
  startRunner,
  streamCounts,
  tempDir,
  tempReadModels,
  typeCountProjection,
} from './support.js';

describe('projection runner', () => {
  it('applies every event and checkpoints the last position, unhandled types included', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 250);
    await store.appendToStream('client-tail', [newEvent('NobodyHandlesThis')], { expected: 'any' });
    const readModels = tempReadModels();
    const db = readModels.open();
    const runner = await startRunner({ eventStore: store, db, projections: [countingProjection()], batchSize: 40 });

    expect(await runner.waitForPosition(head + 1n, 5_000)).toBe(true);
    expect(streamCounts(runner)).toEqual(await expectedCounts(store));
    expect(checkpointOf(db, 'streamCounts').checkpoint).toBe(head + 1n);
    expect(runner.position()).toBe(head + 1n);
  });

  it('shares one feed between projections with their own tables and checkpoints', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 90);
    const db = tempReadModels().open();
    const runner = await startRunner({
      eventStore: store,
      db,
      projections: [countingProjection(), typeCountProjection()],
    });

    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const types = db.prepare(
      `SELECT type, events FROM ${runner.readModels.table('typeCounts', 'type_counts')} ORDER BY type`,
    );
    expect(types.all()).toEqual([
      { type: 'Counted', events: 60 },
      { type: 'Ignored', events: 30 },
    ]);
    expect(checkpointOf(db, 'typeCounts').checkpoint).toBe(head);
    expect(checkpointOf(db, 'streamCounts').checkpoint).toBe(head);
    expect(runner.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v1_1');
  });

  it('resumes from the checkpoint after a restart without applying anything twice', async () => {
    const store = memoryStore();
    await appendSpread(store, 120);
    const readModels = tempReadModels();
    const applied = new Map<string, number>();
    const spy = (event: { id: string }) => applied.set(event.id, (applied.get(event.id) ?? 0) + 1);

    const first = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ spy })],
    });
    expect(await first.waitForPosition(120n, 5_000)).toBe(true);
    await first.stop();
    first.readModels.db.close();

    const head = await appendSpread(store, 60, 7, 'client-b');
    const second = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ spy })],
    });
    expect(await second.waitForPosition(head, 5_000)).toBe(true);

    expect(streamCounts(second)).toEqual(await expectedCounts(store));
    expect([...applied.values()].every((times) => times === 1)).toBe(true);
    expect(applied.size).toBe(120);
  });

  it('follows live appends and publishes committed batches with the changes of active builds', async () => {
    const store = memoryStore();
    const db = tempReadModels().open();
    const runner = await startRunner({ eventStore: store, db, projections: [countingProjection()] });
    const batches: CommittedBatch[] = [];
    runner.onCommitted((batch) => batches.push(batch));

    const result = await store.appendToStream(
      'client-live',
      [newEvent('Counted', { weight: 3 }), newEvent('Ignored')],
      {
        expected: 'noStream',
      },
    );
    expect(await runner.waitForPosition(result.commitPosition, 5_000)).toBe(true);

    expect(streamCounts(runner)).toEqual([{ stream: 'client-live', events: 1, weight: 3, last_position: 1 }]);
    expect(batches.flatMap((batch) => batch.changes)).toEqual([
      { projection: 'streamCounts', topic: 'streamCounted', payload: { stream: 'client-live' }, position: 1n },
    ]);
    expect(batches.at(-1)).toMatchObject({ rebuilding: false, lastPosition: 2n });
    expect(batches.at(-1)?.projections).toEqual([
      { name: 'streamCounts', version: 1, build: 1, active: true, position: 2n },
    ]);
  });

  it('grows batches up to catchUpBatchSize while behind, applying every event once', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 300);
    const db = tempReadModels().open();
    const sizes: number[] = [];
    const runner = createProjectionRunner({
      eventStore: store,
      db,
      projections: [countingProjection()],
      clock,
      batchSize: 10,
      catchUpBatchSize: 100,
    });
    onTestFinished(() => runner.stop());
    runner.onCommitted((batch) => sizes.push(batch.events));
    await runner.start();

    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    expect(sizes[0]).toBe(10);
    expect(Math.max(...sizes)).toBe(100);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(300);
    expect(streamCounts(runner)).toEqual(await expectedCounts(store));
  });

  it('works on the SQLite event store', async () => {
    const store = createSqliteEventStore({ path: `${tempDir()}/events.sqlite` });
    onTestFinished(() => store.close());
    const db = tempReadModels().open();
    const head = await appendSpread(store, 80);
    const runner = await startRunner({ eventStore: store, db, projections: [countingProjection()], batchSize: 25 });
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const more = await appendSpread(store, 10, 3, 'client-c');
    expect(await runner.waitForPosition(more, 5_000)).toBe(true);
    expect(streamCounts(runner)).toEqual(await expectedCounts(store));
  });
});

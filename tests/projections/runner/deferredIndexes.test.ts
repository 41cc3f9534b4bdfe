import { describe, expect, it } from 'vitest';
import { appendSpread, countingProjection, indexNames, memoryStore, startRunner, tempReadModels } from './support.js';

describe('secondary indexes of a build filled from the log', () => {
  it('are created once the build has caught up with the head it started from, before waiters are told', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 100);
    const db = tempReadModels().open();
    const indexedAtCommit: boolean[] = [];
    const runner = await startRunner({
      eventStore: store,
      db,
      projections: [countingProjection({ indexed: true })],
      batchSize: 10,
      catchUpBatchSize: 10,
    });
    runner.onCommitted(() => indexedAtCommit.push(indexNames(db).length > 0));

    expect(await runner.waitForPosition(head, 5_000)).toBe(true);

    expect(indexNames(db)).toEqual(['stream_counts_v1_1_weight']);
    expect(indexedAtCommit.at(-1)).toBe(true);
    expect(indexedAtCommit.slice(0, -1).every((indexed) => !indexed)).toBe(true);
    expect(indexedAtCommit.length).toBeGreaterThan(1);
  });

  it('are created at start when the log is empty or the build is already at the head', async () => {
    const store = memoryStore();
    const readModels = tempReadModels();
    const first = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ indexed: true })],
    });
    expect(indexNames(first.readModels.db)).toEqual(['stream_counts_v1_1_weight']);
    const head = await appendSpread(store, 30);
    expect(await first.waitForPosition(head, 5_000)).toBe(true);
    first.readModels.db.exec('DROP INDEX stream_counts_v1_1_weight');
    await first.stop();
    first.readModels.db.close();

    const again = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ indexed: true })],
    });
    expect(indexNames(again.readModels.db)).toEqual(['stream_counts_v1_1_weight']);
  });

  it('of a rebuilt build are created before it starts serving', async () => {
    const store = memoryStore();
    const db = tempReadModels().open();
    const runner = await startRunner({
      eventStore: store,
      db,
      projections: [countingProjection({ indexed: true })],
      batchSize: 10,
      catchUpBatchSize: 10,
    });
    const head = await appendSpread(store, 60);
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const duringRebuild: string[][] = [];
    runner.onCommitted((batch) => {
      if (batch.rebuilding) duringRebuild.push(indexNames(db));
    });

    await runner.rebuild('streamCounts');

    expect(duringRebuild.length).toBeGreaterThan(1);
    expect(duringRebuild.every((names) => names.join() === 'stream_counts_v1_1_weight')).toBe(true);
    expect(runner.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v1_2');
    expect(indexNames(db)).toEqual(['stream_counts_v1_2_weight']);
  });
});

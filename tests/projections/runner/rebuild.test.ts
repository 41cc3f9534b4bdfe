import { describe, expect, it, onTestFinished } from 'vitest';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import type { BuildSwitch, ProjectionStatus } from '../../../src/projections/runner/runnerTypes.js';
import {
  appendSpread,
  checkpointOf,
  clock,
  countingProjection,
  expectedCounts,
  memoryStore,
  type StreamCount,
  startRunner,
  streamCounts,
  tempReadModels,
} from './support.js';

const tableNames = (db: { prepare(sql: string): { pluck(): { all(): unknown[] } } }) =>
  db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stream_counts%' ORDER BY name")
    .pluck()
    .all();

describe('rebuilds', () => {
  it('a rebuild gives the same rows as incremental application, then drops the old tables', async () => {
    const store = memoryStore();
    const db = tempReadModels().open();
    const runner = await startRunner({ eventStore: store, db, projections: [countingProjection()], batchSize: 7 });
    let head = 0n;
    for (let chunk = 0; chunk < 6; chunk++) {
      head = await appendSpread(store, 13 + chunk, 4, `client-${chunk % 3}`);
      expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    }
    const incremental = streamCounts(runner);

    await runner.rebuild('streamCounts');

    expect(runner.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v1_2');
    expect(streamCounts(runner)).toEqual(incremental);
    expect(incremental).toEqual(await expectedCounts(store));
    expect(tableNames(db)).toEqual(['stream_counts_v1_2']);
    expect(checkpointOf(db, 'streamCounts').checkpoint).toBe(head);
    const more = await appendSpread(store, 5, 2, 'client-after');
    expect(await runner.waitForPosition(more, 5_000)).toBe(true);
    expect(streamCounts(runner)).toEqual(await expectedCounts(store));
  });

  it('a version bump rebuilds into new tables while the old version keeps answering, then switches', async () => {
    const store = memoryStore();
    const readModels = tempReadModels();
    const v1 = await startRunner({ eventStore: store, db: readModels.open(), projections: [countingProjection()] });
    const oldHead = await appendSpread(store, 100);
    expect(await v1.waitForPosition(oldHead, 5_000)).toBe(true);
    const oldRows = streamCounts(v1);
    await v1.stop();
    v1.readModels.db.close();
    const head = await appendSpread(store, 200, 9, 'client-new');

    const db = readModels.open();
    const v2 = createProjectionRunner({
      eventStore: store,
      db,
      projections: [countingProjection({ version: 2 })],
      clock,
      batchSize: 10,
    });
    expect(v2.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v1_1');
    const seenDuringRebuild: Array<{ table: string; rows: StreamCount[] }> = [];
    let statusDuringRebuild: Promise<ProjectionStatus[]> | undefined;
    v2.onCommitted((batch) => {
      if (!batch.rebuilding) return;
      seenDuringRebuild.push({ table: v2.readModels.table('streamCounts', 'stream_counts'), rows: streamCounts(v2) });
      statusDuringRebuild ??= v2.status();
    });
    const switched = new Promise<BuildSwitch>((resolve) => v2.onSwitched(resolve));
    await v2.start();
    try {
      expect(await v2.waitForPosition(head, 5_000)).toBe(true);
      expect(await switched).toEqual({ name: 'streamCounts', version: 2, build: 2, previousBuild: 1, position: head });
    } finally {
      await v2.stop();
    }

    expect(seenDuringRebuild.length).toBeGreaterThan(5);
    for (const seen of seenDuringRebuild) expect(seen).toEqual({ table: 'stream_counts_v1_1', rows: oldRows });
    const during = (await statusDuringRebuild!).map(({ version, build, active, state }) => ({
      version,
      build,
      active,
      state,
    }));
    expect(during).toEqual([
      { version: 1, build: 1, active: true, state: 'rebuilding' },
      { version: 2, build: 2, active: false, state: 'rebuilding' },
    ]);
    expect(v2.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v2_2');
    expect(streamCounts(v2)).toEqual(await expectedCounts(store));
    expect(tableNames(db)).toEqual(['stream_counts_v2_2']);
    expect(checkpointOf(db, 'streamCounts')).toMatchObject({ version: 2n, checkpoint: head });
  });

  it('an interrupted version rebuild resumes from its own checkpoint on the next start', async () => {
    const store = memoryStore();
    const readModels = tempReadModels();
    const v1 = await startRunner({ eventStore: store, db: readModels.open(), projections: [countingProjection()] });
    const head = await appendSpread(store, 150);
    expect(await v1.waitForPosition(head, 5_000)).toBe(true);
    await v1.stop();
    v1.readModels.db.close();

    const applied = new Map<string, number>();
    const spy = (event: { id: string }) => applied.set(event.id, (applied.get(event.id) ?? 0) + 1);
    const interrupted = createProjectionRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ version: 2, spy })],
      clock,
      batchSize: 10,
    });
    let batches = 0;
    const stopped = new Promise<void>((resolve) =>
      interrupted.onCommitted(() => {
        if (++batches === 3) resolve(interrupted.stop());
      }),
    );
    await interrupted.start();
    await stopped;
    interrupted.readModels.db.close();
    expect(applied.size).toBeGreaterThan(0);
    expect(applied.size).toBeLessThan(100);

    const resumed = createProjectionRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection({ version: 2, spy })],
      clock,
    });
    onTestFinished(() => resumed.stop());
    const switched = new Promise<BuildSwitch>((resolve) => resumed.onSwitched(resolve));
    await resumed.start();
    expect(await switched).toMatchObject({ version: 2, build: 2, position: head });
    expect(resumed.readModels.table('streamCounts', 'stream_counts')).toBe('stream_counts_v2_2');
    expect(streamCounts(resumed)).toEqual(await expectedCounts(store));
    expect([...applied.values()].every((times) => times === 1)).toBe(true);
  });
});

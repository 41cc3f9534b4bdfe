import { describe, expect, it } from 'vitest';
import { UnknownProjectionError } from '../../../src/projections/runner/errors.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { newEvent } from '../../support/events.js';
import {
  appendSpread,
  countingProjection,
  memoryStore,
  startRunner,
  streamCounts,
  tempReadModels,
  typeCountProjection,
} from './support.js';

describe('waitForPosition', () => {
  it('resolves true once an append made while waiting has been applied', async () => {
    const store = memoryStore();
    const runner = await startRunner({
      eventStore: store,
      db: tempReadModels().open(),
      projections: [countingProjection()],
    });
    const waiting = runner.waitForPosition(1n, 5_000);

    await store.appendToStream('client-rw', [newEvent('Counted', { weight: 2 })], { expected: 'noStream' });

    expect(await waiting).toBe(true);
    expect(streamCounts(runner)).toEqual([{ stream: 'client-rw', events: 1, weight: 2, last_position: 1 }]);
  });

  it('resolves false when the position is not reached in time', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 10);
    const runner = await startRunner({
      eventStore: store,
      db: tempReadModels().open(),
      projections: [countingProjection()],
    });
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);

    expect(await runner.waitForPosition(head + 1n, 30)).toBe(false);
  });

  it('waits only for the named projections and refuses unknown names', async () => {
    const store = memoryStore();
    const runner = await startRunner({
      eventStore: store,
      db: tempReadModels().open(),
      projections: [countingProjection(), typeCountProjection()],
    });
    const head = await appendSpread(store, 12);
    expect(await runner.waitForPosition(head, 5_000, ['typeCounts'])).toBe(true);
    await expect(runner.waitForPosition(1n, 10, ['clients'])).rejects.toBeInstanceOf(UnknownProjectionError);
  });

  it('settles pending waits with false when the runner stops', async () => {
    const store = memoryStore();
    const runner = await startRunner({
      eventStore: store,
      db: tempReadModels().open(),
      projections: [countingProjection()],
    });
    const waiting = runner.waitForPosition(5n, 60_000);
    await runner.stop();
    expect(await waiting).toBe(false);
  });
});

describe('status', () => {
  it('reports lag in events and in seconds behind the oldest unapplied event, then live once caught up', async () => {
    const store = memoryStore(() => '2026-03-02T10:00:00.000Z');
    const readModels = tempReadModels();
    const runnerClock = { now: () => '2026-03-02T10:00:30.000Z' };
    const first = await startRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection()],
      clock: runnerClock,
    });
    const applied = await appendSpread(store, 20);
    expect(await first.waitForPosition(applied, 5_000)).toBe(true);
    expect(await first.status()).toEqual([
      {
        name: 'streamCounts',
        version: 1,
        build: 1,
        active: true,
        position: 20n,
        lagEvents: 0,
        lagSeconds: 0,
        state: 'live',
      },
    ]);
    await first.stop();
    first.readModels.db.close();
    const head = await appendSpread(store, 8);

    const lagging = createProjectionRunner({
      eventStore: store,
      db: readModels.open(),
      projections: [countingProjection()],
      clock: runnerClock,
    });
    expect(await lagging.status()).toEqual([]);
    await lagging.start();
    expect(await lagging.waitForPosition(head, 5_000)).toBe(true);
    await lagging.stop();
    expect((await lagging.status())[0]).toMatchObject({ position: head, lagEvents: 0, state: 'live' });
    await store.appendToStream('client-late', [newEvent('Counted')], { expected: 'any' });
    expect((await lagging.status())[0]).toMatchObject({
      position: head,
      lagEvents: 1,
      lagSeconds: 30,
      state: 'catchingUp',
    });
  });
});

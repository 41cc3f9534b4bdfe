import { describe, expect, it } from 'vitest';
import { ProjectionConfigError, ProjectionNotReadyError } from '../../../src/projections/runner/errors.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { appendSpread, clock, countingProjection, memoryStore, startRunner, tempReadModels } from './support.js';

describe('read-model access', () => {
  it('a statement follows the active build across a rebuild switch', async () => {
    const store = memoryStore();
    const head = await appendSpread(store, 30, 3);
    const counting = countingProjection();
    const runner = await startRunner({ eventStore: store, db: tempReadModels().open(), projections: [counting] });
    const eventsOf = runner.readModels.statement<'stream_counts', [string], { events: number }>(
      counting,
      (t) => `SELECT events FROM ${t.stream_counts} WHERE stream = ?`,
    );
    expect(await runner.waitForPosition(head, 5_000)).toBe(true);
    const before = eventsOf().get('client-a-1');

    await runner.rebuild(counting.name);

    expect(runner.readModels.activeBuild(counting)).toBe(2);
    expect(eventsOf().get('client-a-1')).toEqual(before);
    expect(before).toEqual({ events: 10 });
  });

  it('refuses to name tables of a projection that has no active build yet', () => {
    const runner = createProjectionRunner({
      eventStore: memoryStore(),
      db: tempReadModels().open(),
      projections: [countingProjection()],
      clock,
    });
    expect(() => runner.readModels.tables('streamCounts')).toThrow(ProjectionNotReadyError);
  });

  it('refuses duplicate projection names and table names', () => {
    const options = { eventStore: memoryStore(), db: tempReadModels().open(), clock };
    expect(() =>
      createProjectionRunner({ ...options, projections: [countingProjection(), countingProjection()] }),
    ).toThrow(ProjectionConfigError);
    expect(() =>
      createProjectionRunner({ ...options, projections: [{ ...countingProjection(), name: 'Bad-Name' }] }),
    ).toThrow(ProjectionConfigError);
  });
});

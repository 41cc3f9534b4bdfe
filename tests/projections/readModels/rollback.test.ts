import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENT_TYPES } from '../../../src/projections/readModels/clientFold.js';
import { defineProjection } from '../../../src/projections/runner/projection.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import {
  coachAssigned,
  feedbackRecorded,
  initialInterviewHeld,
  jobSearchStarted,
  planDrawnUp,
} from '../../domain/client/builders.js';
import { clock, tempDir } from '../runner/support.js';
import { dumpTables, logStore, projections, startReadModels } from './support.js';

/**
 * Shares the read models' lane and fails on the event at `position` (after the read models applied it) or at the
 * end of its batch (after they wrote theirs).
 */
const failing = (position: bigint, where: 'apply' | 'endBatch') =>
  defineProjection({
    name: 'failsAtEnd',
    version: 1,
    handles: CLIENT_EVENT_TYPES,
    tables: ['fails_at_end'],
    migrate: (db, t) => db.exec(`CREATE TABLE ${t.fails_at_end} (n INTEGER)`),
    prepare: () => {
      let seen = false;
      const apply = (event: { position: bigint }) => {
        seen ||= event.position === position;
        if (seen && where === 'apply') throw new Error('cannot apply this event');
      };
      return Object.assign(apply, {
        endBatch: () => {
          if (seen) throw new Error('cannot finish this batch');
        },
      });
    },
  });

describe('a batch rolled back after the read models applied it', () => {
  it.each(['apply', 'endBatch'] as const)('by a failure in %s is applied again in full', async (where) => {
    const { store } = logStore();
    const histories = Array.from({ length: 6 }, (_, n) => ({
      stream: `client-${randomUUID()}`,
      events: [
        jobSearchStarted({ startedOn: `2026-03-0${n + 2}` }),
        coachAssigned({ coachId: `staff-${n}`, assignedOn: '2026-03-10' }),
        initialInterviewHeld({ heldOn: '2026-03-12', staffId: `staff-${n}` }),
        planDrawnUp({ drawnUpOn: '2026-03-12' }),
        feedbackRecorded({ score: (n % 5) + 1, givenOn: '2026-03-13' }),
      ],
    }));
    for (let index = 0; index < 5; index++)
      for (const { stream, events } of histories) {
        const event = events[index]!;
        await store.appendToStream(stream, [{ id: randomUUID(), type: event.type, version: 1, data: event.data }], {
          expected: 'any',
        });
      }
    const head = await store.headPosition();
    const db = openReadModelDb(join(tempDir(), 'rolled-back.sqlite'));
    const runner = createProjectionRunner({
      eventStore: store,
      db,
      projections: [...projections(), failing(head / 2n, where)],
      clock,
      batchSize: 4,
      catchUpBatchSize: 4,
    });
    try {
      await runner.start();
      expect(
        await runner.waitForPosition(
          head,
          10_000,
          projections().map((p) => p.name),
        ),
      ).toBe(true);
      const clean = await startReadModels(store, join(tempDir(), 'clean.sqlite'));
      expect(dumpTables(runner)).toEqual(dumpTables(clean.runner));
      expect(db.prepare("SELECT status FROM projections WHERE name = 'failsAtEnd'").pluck().get()).toBe('failed');
    } finally {
      await runner.stop();
      db.close();
    }
  });
});

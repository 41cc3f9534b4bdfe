import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { decideClientEvents } from '../../../src/domain/client/decide.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import { finnishReferenceData } from '../../../src/domain/reference/finland.js';
import { indexOrganisations } from '../../../src/domain/reference/referenceData.js';
import type { EventStore } from '../../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createReadModelQueries, readModelProjections } from '../../../src/projections/readModels/readModelQueries.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import type { ProjectionRunner } from '../../../src/projections/runner/runnerTypes.js';
import { clock, tempDir } from '../runner/support.js';

export const organisations = indexOrganisations(finnishReferenceData);
export const projections = () => readModelProjections({ organisations });

/** An in-memory log whose `recordedAt` the test sets (`store.now = ...`), closed after the test. */
export const logStore = () => {
  const holder = { now: '2026-06-30T09:00:00.000Z' };
  const store = createInMemoryEventStore({ now: () => holder.now });
  onTestFinished(() => store.close());
  return Object.assign(holder, { store });
};

/** Appends a client's events after the decider accepted them (tests only post possible histories). */
export const appendClient = async (
  store: EventStore,
  clientId: string,
  events: readonly ClientEvent[],
  history: readonly ClientEvent[] = [],
  today = '2026-12-31',
): Promise<bigint> => {
  const accepted = decideClientEvents(history, events, { today });
  const result = await store.appendToStream(
    `client-${clientId}`,
    accepted.map((event) => ({ id: randomUUID(), type: event.type, version: 1, data: event.data })),
    { expected: 'any' },
  );
  return result.commitPosition;
};

export interface ReadModelsUnderTest {
  runner: ProjectionRunner;
  db: Database;
  queries: ReturnType<typeof createReadModelQueries>;
  /** Waits until every projection has applied the whole log. */
  catchUp(): Promise<void>;
}

/** A started runner with every read-model projection over a temp read-model file. */
export const startReadModels = async (
  store: EventStore,
  path = join(tempDir(), 'read-models.sqlite'),
  batchSize?: number,
): Promise<ReadModelsUnderTest> => {
  const db = openReadModelDb(path);
  const runner = createProjectionRunner({ eventStore: store, db, projections: projections(), clock, batchSize });
  onTestFinished(async () => {
    await runner.stop();
    if (db.open) db.close();
  });
  await runner.start();
  const catchUp = async () => {
    if (!(await runner.waitForPosition(await store.headPosition(), 10_000))) throw new Error('projections lag');
  };
  await catchUp();
  return { runner, db, queries: createReadModelQueries(runner.readModels), catchUp };
};

/** Every row of every read-model table (live build), sorted, keyed by logical table name. */
export const dumpTables = (runner: ProjectionRunner): Record<string, unknown[]> => {
  const dump: Record<string, unknown[]> = {};
  for (const projection of projections())
    for (const [logical, physical] of Object.entries(runner.readModels.tables(projection.name))) {
      const rows = runner.readModels.db.prepare(`SELECT * FROM ${physical}`).raw(true).all() as unknown[][];
      dump[logical] = rows.map((row) => JSON.stringify(row)).sort();
    }
  return dump;
};

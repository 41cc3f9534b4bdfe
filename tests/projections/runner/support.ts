import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import type { EventStore, StoredEvent } from '../../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../../src/eventStore/inMemory/inMemoryEventStore.js';
import { defineProjection, type Projection } from '../../../src/projections/runner/projection.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import type { ProjectionRunner, ProjectionRunnerOptions } from '../../../src/projections/runner/runnerTypes.js';
import { newEvent } from '../../support/events.js';

export const clock = { now: () => '2026-03-02T10:00:00.000Z' };

/** A temp directory removed after the test. */
export const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'projections-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** A read-model file in a temp directory; `reopen` gives a new connection to the same file. */
export const tempReadModels = () => {
  const path = join(tempDir(), 'read-models.sqlite');
  const open = (): Database => {
    const db = openReadModelDb(path);
    onTestFinished(() => {
      if (db.open) db.close();
    });
    return db;
  };
  return { path, open };
};

export const memoryStore = (now = () => clock.now()): EventStore => {
  const store = createInMemoryEventStore({ now });
  onTestFinished(() => store.close());
  return store;
};

/** Appends `count` events spread over `streams` streams, alternating `Counted` and `Ignored` types. */
export const appendSpread = async (
  store: EventStore,
  count: number,
  streams = 5,
  prefix = 'client-a',
): Promise<bigint> => {
  let last = 0n;
  for (let n = 0; n < count; n++) {
    const type = n % 3 === 2 ? 'Ignored' : 'Counted';
    const result = await store.appendToStream(`${prefix}-${n % streams}`, [newEvent(type, { n, weight: n % 7 })], {
      expected: 'any',
    });
    last = result.commitPosition;
  }
  return last;
};

export interface CountingOptions {
  version?: number;
  /** Makes apply throw on the events it matches. */
  poison?: (event: StoredEvent) => boolean;
  /** Receives every applied event (to count applications). */
  spy?: (event: StoredEvent) => void;
  /** Adds a secondary index `<table>_weight`, created through `indexes` (once the build has caught up). */
  indexed?: boolean;
}

/** Counts `Counted` events per stream and sums their weights. */
export const countingProjection = (options: CountingOptions = {}): Projection<'stream_counts'> =>
  defineProjection({
    name: 'streamCounts',
    version: options.version ?? 1,
    handles: new Set(['Counted']),
    tables: ['stream_counts'],
    migrate: (db, t) =>
      db.exec(`CREATE TABLE ${t.stream_counts} (
        stream TEXT PRIMARY KEY, events INTEGER NOT NULL, weight INTEGER NOT NULL, last_position INTEGER NOT NULL
      ) STRICT`),
    ...(options.indexed
      ? {
          indexes: (db, t) =>
            db.exec(`CREATE INDEX IF NOT EXISTS ${t.stream_counts}_weight ON ${t.stream_counts} (weight)`),
        }
      : {}),
    prepare: (db, t) => {
      const upsert = db.prepare(
        `INSERT INTO ${t.stream_counts} (stream, events, weight, last_position) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream) DO UPDATE SET events = events + 1, weight = weight + excluded.weight,
         last_position = excluded.last_position`,
      );
      return (event, context) => {
        if (options.poison?.(event)) throw new Error(`cannot apply ${event.id}`);
        options.spy?.(event);
        upsert.run(event.stream, Number(event.data.weight ?? 0), event.position);
        context.emit('streamCounted', { stream: event.stream });
      };
    },
  });

/** Counts every event by type; a second projection sharing the live lane. */
export const typeCountProjection = (): Projection<'type_counts'> =>
  defineProjection({
    name: 'typeCounts',
    version: 1,
    handles: new Set(['Counted', 'Ignored']),
    tables: ['type_counts'],
    migrate: (db, t) => db.exec(`CREATE TABLE ${t.type_counts} (type TEXT PRIMARY KEY, events INTEGER NOT NULL)`),
    prepare: (db, t) => {
      const upsert = db.prepare(
        `INSERT INTO ${t.type_counts} (type, events) VALUES (?, 1) ON CONFLICT (type) DO UPDATE SET events = events + 1`,
      );
      return (event) => {
        upsert.run(event.type);
      };
    },
  });

export interface StreamCount {
  stream: string;
  events: number;
  weight: number;
  last_position: number;
}

/** The live rows of `streamCounts`, read through the runner's table names. */
export const streamCounts = (runner: ProjectionRunner): StreamCount[] =>
  runner.readModels.db
    .prepare<[], StreamCount>(
      `SELECT * FROM ${runner.readModels.table('streamCounts', 'stream_counts')} ORDER BY stream`,
    )
    .all();

/** What `streamCounts` must hold after the store's whole log, computed directly from the log. */
export const expectedCounts = async (store: EventStore, through?: bigint): Promise<StreamCount[]> => {
  const rows = new Map<string, StreamCount>();
  for await (const event of store.readAll()) {
    if (event.type !== 'Counted' || (through !== undefined && event.position > through)) continue;
    const row = rows.get(event.stream) ?? { stream: event.stream, events: 0, weight: 0, last_position: 0 };
    row.events++;
    row.weight += Number(event.data.weight ?? 0);
    row.last_position = Number(event.position);
    rows.set(event.stream, row);
  }
  return [...rows.values()].sort((a, b) => (a.stream < b.stream ? -1 : 1));
};

/** Names of the secondary indexes in the read-model database, sorted. */
export const indexNames = (db: Database): string[] =>
  db
    .prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    .pluck()
    .all()
    .filter((name) => name !== 'projections_one_active');

export const checkpointOf = (db: Database, name: string): { checkpoint: bigint; status: string; version: bigint } =>
  db
    .prepare<[string], { checkpoint: bigint; status: string; version: bigint }>(
      'SELECT checkpoint, status, version FROM projections WHERE name = ? AND active = 1',
    )
    .safeIntegers()
    .get(name)!;

/** A started runner stopped after the test. */
export const startRunner = async (
  options: Omit<ProjectionRunnerOptions, 'clock'> & Partial<Pick<ProjectionRunnerOptions, 'clock'>>,
): Promise<ProjectionRunner> => {
  const runner = createProjectionRunner({ clock, ...options });
  onTestFinished(() => runner.stop());
  await runner.start();
  return runner;
};

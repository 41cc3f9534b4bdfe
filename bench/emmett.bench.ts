import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { createSqliteEventStore } from '../src/eventStore/sqlite/sqliteEventStore.js';
import { batchOf } from './support/events.js';
import { intFromEnv } from './support/load.js';
import { printTable, type Row, report } from './support/report.js';
import { compareRows, runWorkload, type WorkloadStore } from './support/storeWorkload.js';

const countType = (counts: Map<string, number>, type: string) => counts.set(type, (counts.get(type) ?? 0) + 1);

const ours = (dir: string): WorkloadStore => {
  const store = createSqliteEventStore({ path: join(dir, 'ours.sqlite') });
  return {
    name: 'ours',
    append: async (stream, batch, offset, expected) =>
      (await store.appendToStream(stream, batchOf(batch, offset), { expected: expected ?? 'noStream' })).nextRevision,
    countTypes: async (stream) => {
      const counts = new Map<string, number>();
      for await (const event of store.readStream(stream)) countType(counts, event.type);
      return counts;
    },
    close: () => store.close(),
  };
};

/**
 * Emmett 0.38 opens a connection per call and does not wait for its `PRAGMA journal_mode = WAL`, so a commit now
 * and then fails with SQLITE_BUSY ("SQL statements in progress"); the transaction is rolled back and retried.
 */
let busyRetries = 0;
const isBusy = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'SQLITE_BUSY';

/** Emmett's SQLite store (sqlite3, WAL, its default synchronous = FULL), the same events and expectations. */
const emmett = (dir: string): WorkloadStore => {
  const store = getSQLiteEventStore({ fileName: join(dir, 'emmett.sqlite') });
  return {
    name: 'emmett',
    append: async (stream, batch, offset, expected) => {
      const events = batchOf(batch, offset).map(({ type, data, metadata }) => ({ type, data, metadata }));
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await store.appendToStream(stream, events, {
            expectedStreamVersion: expected === undefined ? 0n : expected + 1n,
          });
          return result.nextExpectedStreamVersion - 1n;
        } catch (error) {
          if (!isBusy(error) || attempt >= 5) throw error;
          busyRetries++;
        }
      }
    },
    countTypes: async (stream) =>
      (
        await store.aggregateStream(stream, {
          initialState: () => new Map<string, number>(),
          evolve: (counts: Map<string, number>, event: { type: string }) => countType(counts, event.type),
        })
      ).state,
    close: async () => {},
  };
};

/**
 * The same workload against our SQLite store and Emmett's, alternating in one process: `BENCH_EMMETT_EVENTS`
 * events (default 200,000) in batches of 100 over 1,000 streams, one writer, then every stream read back and
 * folded into counts per event type.
 */
export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const workload = smoke
    ? { events: 2_000, batch: 100, streams: 10 }
    : { events: intFromEnv('BENCH_EMMETT_EVENTS', 200_000), batch: 100, streams: 1_000 };
  const roundsEach = smoke ? 1 : intFromEnv('BENCH_ROUNDS', 2);
  const rounds: Array<{ store: string; figures: Awaited<ReturnType<typeof runWorkload>> }> = [];
  const perRound: Row[] = [];
  for (let round = 0; round < roundsEach * 2; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-emmett-'));
    const store = round % 2 === 0 ? ours(dir) : emmett(dir);
    try {
      const figures = await runWorkload(store, workload);
      rounds.push({ store: store.name, figures });
      perRound.push({
        round: round + 1,
        store: store.name,
        'append events/s': Math.round(figures.appendPerSecond),
        'read + aggregate events/s': Math.round(figures.readPerSecond),
      });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(perRound);
  report(
    'emmett',
    {
      ...workload,
      writers: 1,
      roundsEach,
      emmettBusyRetries: busyRetries,
      emmett: '@event-driven-io/emmett-sqlite 0.38.5 (sqlite3 5.1.7)',
      smoke,
    },
    compareRows(rounds, 'ours', 'emmett'),
  );
};

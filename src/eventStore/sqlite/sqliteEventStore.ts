import Database from 'better-sqlite3';
import { StoreClosedError, StoreUnavailableError } from '../errors.js';
import type { EventStore, Subscription } from '../eventStore.js';
import { ChangeSignal, createPullSubscription } from '../pullSubscription.js';
import { prepareEvents } from './appendCall.js';
import { createEventTypes } from './eventTypes.js';
import { createGroupCommitter } from './groupCommit.js';
import { createEventInserter } from './insertEvents.js';
import { guarded, READ_BATCH, type ReadContext, readAll, readAllBatch, readStream } from './reads.js';
import { migrate } from './schema.js';
import { toStoreError } from './sqliteErrors.js';
import { prepareStatements } from './statements.js';

export interface SqliteEventStoreOptions {
  /** The database file; created with its schema when missing. */
  path: string;
  /** Clock for `recordedAt`; defaults to the real clock. */
  now?: () => string;
  /** How often a waiting subscription checks for commits made by other processes (default 250 ms). */
  pollIntervalMs?: number;
  /** How long a write waits for another process's lock before StoreUnavailableError (default 5,000 ms). */
  busyTimeoutMs?: number;
}

const MAX_GROUP_EVENTS = 50_000;
const MMAP_BYTES = 2 ** 34;

const openDatabase = (path: string, busyTimeoutMs: number, now: () => string): Database.Database => {
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    throw new StoreUnavailableError(`Cannot open the event log ${path}: ${(error as Error).message}`);
  }
  try {
    // Takes effect only while the file is new: fewer, fuller pages per group commit (one WAL frame write each).
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -65536');
    // Each call's savepoint journals the pages it changes; in memory, not through a temporary file.
    db.pragma('temp_store = MEMORY');
    // Reads map the file instead of copying each page through read(2); SQLite caps it at its compile-time limit.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    // Group commits dirty many index pages; checkpointing every ~40 MB instead of ~4 MB writes each page back once.
    db.pragma('wal_autocheckpoint = 5000');
    db.pragma('journal_size_limit = 67108864');
    db.defaultSafeIntegers(true);
    migrate(db, now);
    return db;
  } catch (error) {
    db.close();
    throw toStoreError(error);
  }
};

/** The default event store: one SQLite file in WAL mode, fsynced on every commit, with group commit. */
export const createSqliteEventStore = (options: SqliteEventStoreOptions): EventStore => {
  const now = options.now ?? (() => new Date().toISOString());
  const db = openDatabase(options.path, options.busyTimeoutMs ?? 5_000, now);
  const statements = prepareStatements(db);
  const types = createEventTypes(db);
  let seenDataVersion = statements.dataVersion.get();
  const signal = new ChangeSignal({
    intervalMs: options.pollIntervalMs ?? 250,
    changed: () => {
      const current = statements.dataVersion.get();
      if (current === seenDataVersion) return false;
      seenDataVersion = current;
      return true;
    },
  });
  const committer = createGroupCommitter(
    db,
    { statements, types, insertEvents: createEventInserter(db) },
    {
      now,
      maxGroupEvents: MAX_GROUP_EVENTS,
      onCommitted: () => signal.notify(),
    },
  );
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };
  const reads: ReadContext = { statements, types, ensureOpen };

  return {
    kind: 'sqlite',
    appendToStream: (stream, events, { expected }) =>
      new Promise((resolve, reject) => {
        ensureOpen();
        committer.enqueue({ stream, expected, events: prepareEvents(stream, events), resolve, reject });
      }),
    readStream: (stream, readOptions) => readStream(reads, stream, readOptions),
    readAll: (readOptions) => readAll(reads, readOptions),
    streamRevision: async (stream) => {
      ensureOpen();
      return guarded(() => (statements.streamHead.get(stream) as bigint | null | undefined) ?? undefined);
    },
    headPosition: async () => {
      ensureOpen();
      return guarded(() => (statements.headPosition.get() as bigint | null) ?? 0n);
    },
    subscribeToAll: (subscribeOptions = {}) => {
      ensureOpen();
      const subscription = createPullSubscription(
        (after) => {
          ensureOpen();
          return guarded(() => readAllBatch(reads, after, READ_BATCH, subscribeOptions.types));
        },
        signal,
        subscribeOptions.after ?? 0n,
        (closedSubscription) => subscriptions.delete(closedSubscription),
      );
      subscriptions.add(subscription);
      return subscription;
    },
    close: () => {
      closing ??= (async () => {
        closed = true;
        try {
          committer.drain();
        } finally {
          await Promise.all([...subscriptions].map((subscription) => subscription.close()));
          signal.stop();
          db.close();
        }
      })();
      return closing;
    },
  };
};

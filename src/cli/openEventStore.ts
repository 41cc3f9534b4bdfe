import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withHashChain } from '../audit/hashChain.js';
import type { Config } from '../config/config.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createSqliteEventStore } from '../eventStore/sqlite/sqliteEventStore.js';

export const eventLogPath = (config: Config): string => join(config.LEDGER_DATA_DIR, 'events.sqlite');

const openRawEventStore = async (config: Config): Promise<EventStore> => {
  if (config.LEDGER_STORE === 'kurrentdb') {
    const { createKurrentDbEventStore } = await import('../eventStore/kurrentdb/kurrentDbEventStore.js');
    return createKurrentDbEventStore({
      connectionString: config.LEDGER_KURRENTDB_URL,
      timeoutMs: config.LEDGER_KURRENTDB_TIMEOUT_MS,
    });
  }
  mkdirSync(config.LEDGER_DATA_DIR, { recursive: true });
  return createSqliteEventStore({ path: eventLogPath(config) });
};

/**
 * Opens the configured event store (the embedded SQLite log by default, KurrentDB when asked) behind the hash
 * chain, so every writer of the service, CLI included, extends the tamper-evident history.
 */
export const openEventStore = async (config: Config): Promise<EventStore> =>
  withHashChain(await openRawEventStore(config));

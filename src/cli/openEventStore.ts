import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { withHashChain } from '../audit/hashChain.js';
import type { Config } from '../config/config.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { createSqliteEventStore } from '../eventStore/sqlite/sqliteEventStore.js';
import { DataKeyCache } from '../personalData/dataKeyCache.js';
import type { DataKeyStore } from '../personalData/dataKeyStore.js';
import { type EncryptedEventStore, withPersonalDataEncryption } from '../personalData/encryptingEventStore.js';
import { createKeyWrapper } from '../personalData/keyWrapping.js';
import { openSqliteDataKeyStore } from '../personalData/sqliteDataKeyStore.js';
import { loadMasterKey } from './masterKey.js';

export const eventLogPath = (config: Config): string => join(config.LEDGER_DATA_DIR, 'events.sqlite');
export const dataKeysPath = (config: Config): string => join(config.LEDGER_DATA_DIR, 'data-keys.sqlite');

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
 * The log in its stored form (personal parts encrypted) behind the hash chain: what auditors export and verify.
 * Needs no master key.
 */
export const openStoredFormEventStore = async (config: Config): Promise<EventStore> =>
  withHashChain(await openRawEventStore(config));

const openDataKeyStore = async (config: Config, announce?: (message: string) => void): Promise<DataKeyStore> => {
  const wrapper = createKeyWrapper(loadMasterKey(config, announce));
  if (config.LEDGER_STORE === 'kurrentdb') {
    const { openKurrentDbDataKeyStore } = await import('../personalData/kurrentDbDataKeyStore.js');
    return openKurrentDbDataKeyStore({
      connectionString: config.LEDGER_KURRENTDB_URL,
      wrapper,
      timeoutMs: config.LEDGER_KURRENTDB_TIMEOUT_MS,
    });
  }
  mkdirSync(config.LEDGER_DATA_DIR, { recursive: true });
  return openSqliteDataKeyStore(dataKeysPath(config), wrapper);
};

/**
 * Opens the configured event store (the embedded SQLite log by default, KurrentDB when asked) as the service
 * uses it: personal data encrypted per client in front of the hash chain, so every writer, CLI included, extends
 * the tamper-evident history and no writer stores a `person` part in clear.
 */
export const openEventStore = async (
  config: Config,
  options: { announce?: (message: string) => void; storedForm?: EventStore } = {},
): Promise<EncryptedEventStore> => {
  const keys = await openDataKeyStore(config, options.announce);
  try {
    const storedForm = options.storedForm ?? (await openStoredFormEventStore(config));
    return withPersonalDataEncryption(
      storedForm,
      new DataKeyCache(keys, { ttlMs: config.LEDGER_DATA_KEY_CACHE_TTL_MS }),
    );
  } catch (error) {
    await keys.close();
    throw error;
  }
};

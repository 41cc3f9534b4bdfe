import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { IdentityKeys } from './identityKeys.js';
import type { IdentityStore } from './identityStore.js';
import { openSqliteIdentityStore } from './sqliteIdentityStore.js';

type IdentityConfig = Pick<
  Config,
  'LEDGER_STORE' | 'LEDGER_DATA_DIR' | 'LEDGER_KURRENTDB_URL' | 'LEDGER_KURRENTDB_TIMEOUT_MS'
>;

export const identitiesPath = (config: Pick<Config, 'LEDGER_DATA_DIR'>): string =>
  join(config.LEDGER_DATA_DIR, 'identities.sqlite');

/**
 * The identity table of the configured store: with LEDGER_STORE=kurrentdb, streams in KurrentDB shared by every
 * API instance (an `identities.sqlite` left from an earlier version is moved in first); otherwise
 * `identities.sqlite` in the data directory.
 */
export const openConfiguredIdentityStore = async (
  config: IdentityConfig,
  keys: IdentityKeys,
  announce: (message: string) => void = () => {},
): Promise<IdentityStore> => {
  if (config.LEDGER_STORE !== 'kurrentdb') return openSqliteIdentityStore(identitiesPath(config), keys);
  const { openKurrentDbIdentityStore } = await import('./kurrentDbIdentityStore.js');
  const { moveSqliteIdentities } = await import('./sqliteIdentityMigration.js');
  const store = await openKurrentDbIdentityStore({
    connectionString: config.LEDGER_KURRENTDB_URL,
    keys,
    timeoutMs: config.LEDGER_KURRENTDB_TIMEOUT_MS,
  });
  try {
    await moveSqliteIdentities(identitiesPath(config), store, announce);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
};

import { randomUUID } from 'node:crypto';
import { openSecretsDb } from '../personalData/openSecretsDb.js';
import { type IdentityKeys, lookupHash, sealIdentity } from './identityKeys.js';
import type { IdentityStore } from './identityStore.js';

/**
 * The identity table in one SQLite file (`identities.sqlite` in the data directory): one instance's own. A
 * forgotten row's bytes are overwritten in place (`secure_delete`) and the WAL, which still holds the page as it
 * was written, is checkpointed and truncated.
 */
export const openSqliteIdentityStore = (path: string, keys: IdentityKeys): IdentityStore => {
  const db = openSecretsDb(path);
  db.exec(`CREATE TABLE IF NOT EXISTS identities (
    lookup_hash BLOB PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    sealed_code BLOB NOT NULL,
    created_at TEXT NOT NULL
  ) WITHOUT ROWID`);
  const find = db.prepare<[Buffer], { client_id: string }>('SELECT client_id FROM identities WHERE lookup_hash = ?');
  const insert = db.prepare(
    'INSERT OR IGNORE INTO identities (lookup_hash, client_id, sealed_code, created_at) VALUES (?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM identities WHERE client_id = ?');
  const resolveTx = db.transaction((hash: Buffer, code: string) => {
    const existing = find.get(hash);
    if (existing) return { clientId: existing.client_id, created: false };
    const clientId = randomUUID();
    insert.run(hash, clientId, sealIdentity(keys, code), new Date().toISOString());
    return { clientId, created: true };
  });
  return {
    kind: 'sqlite',
    resolve: async (code) => resolveTx.immediate(lookupHash(keys, code), code),
    forget: async (clientId) => {
      const removed = remove.run(clientId).changes > 0;
      if (removed) db.pragma('wal_checkpoint(TRUNCATE)');
      return removed;
    },
    close: async () => {
      db.close();
    },
  };
};

import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DATA_KEY_BYTES, type DataKeyStore, PersonalDataErasedError } from './dataKeyStore.js';
import type { KeyWrapper } from './keyWrapping.js';
import { openSecretsDb } from './openSecretsDb.js';

interface KeyRow {
  client_id: string;
  wrapped: Buffer | null;
}

const LOOKUP_CHUNK = 500;

/**
 * Data keys in their own SQLite file. A destroyed key leaves a row without key bytes (so it is never created
 * again); `secure_delete` overwrites the freed bytes and the WAL is truncated right after, so no copy of the
 * key survives on disk.
 */
export const openSqliteDataKeyStore = (path: string, wrapper: KeyWrapper): DataKeyStore => {
  const db = openSecretsDb(path);
  db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
    client_id TEXT PRIMARY KEY,
    wrapped BLOB,
    master_key_id TEXT,
    destroyed INTEGER NOT NULL DEFAULT 0
  ) STRICT, WITHOUT ROWID`);
  const selectOne = db.prepare<[string], KeyRow>('SELECT client_id, wrapped FROM data_keys WHERE client_id = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO data_keys (client_id, wrapped, master_key_id) VALUES (?, ?, ?)');
  const remove = db.prepare('DELETE FROM data_keys WHERE client_id = ?');
  const tombstone = db.prepare('INSERT INTO data_keys (client_id, wrapped, destroyed) VALUES (?, NULL, 1)');
  const selectMany = new Map<number, Database.Statement<string[], KeyRow>>();
  const selectStatement = (count: number) => {
    let statement = selectMany.get(count);
    if (statement === undefined) {
      statement = db.prepare<string[], KeyRow>(
        `SELECT client_id, wrapped FROM data_keys WHERE client_id IN (${Array(count).fill('?').join(',')})`,
      );
      selectMany.set(count, statement);
    }
    return statement;
  };
  const obtainOne = (clientId: string): Buffer => {
    const row = selectOne.get(clientId);
    if (row !== undefined) {
      if (row.wrapped === null) throw new PersonalDataErasedError(clientId);
      return wrapper.unwrap(clientId, row.wrapped);
    }
    const key = randomBytes(DATA_KEY_BYTES);
    insert.run(clientId, wrapper.wrap(clientId, key), wrapper.keyId);
    return key;
  };
  // Concurrent first appends of many clients (an import, a seed) share one transaction and one fsync.
  type Waiter = { clientId: string; resolve: (key: Buffer) => void; reject: (error: unknown) => void };
  let waiting: Waiter[] = [];
  const obtainAll = db.transaction((batch: Waiter[]) =>
    batch.map((waiter) => {
      try {
        return { waiter, key: obtainOne(waiter.clientId) };
      } catch (error) {
        if (!(error instanceof PersonalDataErasedError)) throw error;
        return { waiter, error };
      }
    }),
  );
  const flush = () => {
    const batch = waiting;
    waiting = [];
    try {
      for (const outcome of obtainAll.immediate(batch))
        if (outcome.key) outcome.waiter.resolve(outcome.key);
        else outcome.waiter.reject(outcome.error);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  };
  const destroyTx = db.transaction((clientId: string): boolean => {
    const row = selectOne.get(clientId);
    if (row?.wrapped === null) return false;
    remove.run(clientId);
    tombstone.run(clientId);
    return row !== undefined;
  });
  return {
    find: async (clientIds) => {
      const found = new Map<string, Buffer>();
      const unique = [...new Set(clientIds)];
      for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
        const chunk = unique.slice(start, start + LOOKUP_CHUNK);
        for (const row of selectStatement(chunk.length).all(...chunk))
          if (row.wrapped !== null) found.set(row.client_id, wrapper.unwrap(row.client_id, row.wrapped));
      }
      return found;
    },
    obtain: (clientId) =>
      new Promise<Buffer>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ clientId, resolve, reject });
      }),
    destroy: async (clientId) => {
      const existed = destroyTx.immediate(clientId);
      db.pragma('wal_checkpoint(TRUNCATE)');
      return existed;
    },
    close: async () => {
      if (db.open) db.close();
    },
  };
};

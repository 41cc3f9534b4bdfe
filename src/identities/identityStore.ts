import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * The protected identity table (domain.md §9): maps a personal identity code (henkilötunnus) to an opaque
 * clientId. The code is stored only as a keyed hash (HMAC-SHA-256, for look-up) and encrypted
 * (AES-256-GCM), never in events, stream names, URLs, logs or read models.
 */
export interface IdentityStore {
  /** The clientId of the person, created at random on first sight. `code` must be validated and normalised. */
  resolve(code: string): { clientId: string; created: boolean };
  /** Removes the person's row (erasure); returns whether a row existed. */
  forget(clientId: string): boolean;
  close(): void;
}

export interface IdentityKeys {
  /** 32 bytes for the HMAC look-up key. */
  lookupKey: Buffer;
  /** 32 bytes for AES-256-GCM. */
  encryptionKey: Buffer;
}

/** Derives the two keys from one secret so one configuration value suffices. */
export const deriveIdentityKeys = (secret: string): IdentityKeys => ({
  lookupKey: createHmac('sha256', secret).update('jobseeker-ledger/identity/lookup').digest(),
  encryptionKey: createHmac('sha256', secret).update('jobseeker-ledger/identity/encryption').digest(),
});

const encrypt = (key: Buffer, plain: string): Buffer => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
};

/** Decrypts a stored code; only for the erasure audit and key rotation, never for an API answer. */
export const decryptIdentity = (key: Buffer, sealed: Buffer): string => {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
};

export const openIdentityStore = (path: string, keys: IdentityKeys): IdentityStore => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
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
    insert.run(hash, clientId, encrypt(keys.encryptionKey, code), new Date().toISOString());
    return { clientId, created: true };
  });
  return {
    resolve: (code) => resolveTx.immediate(createHmac('sha256', keys.lookupKey).update(code).digest(), code),
    forget: (clientId) => remove.run(clientId).changes > 0,
    close: () => db.close(),
  };
};

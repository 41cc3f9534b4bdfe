import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deriveIdentityKeys, lookupHash } from '../../src/identities/identityKeys.js';
import { openSqliteIdentityStore } from '../../src/identities/sqliteIdentityStore.js';
import { identityStoreContract } from './identityStoreContract.js';

const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-identities-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'identities.sqlite');
};

const fileBytes = (path: string): Buffer => {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
};

const keys = deriveIdentityKeys('a-development-secret-of-at-least-32-chars');

identityStoreContract('SQLite', () => {
  const path = tempPath();
  return async (instanceKeys) => openSqliteIdentityStore(path, instanceKeys);
});

describe('SQLite identity table', () => {
  it('keeps the code out of the file in clear text, and survives a reopen', async () => {
    const path = tempPath();
    const store = openSqliteIdentityStore(path, keys);
    const { clientId } = await store.resolve('010594Y9032');
    await store.close();
    for (const file of [path, `${path}-wal`]) expect(fileBytes(file).includes('010594Y9032')).toBe(false);
    const reopened = openSqliteIdentityStore(path, keys);
    expect(await reopened.resolve('010594Y9032')).toEqual({ clientId, created: false });
    await reopened.close();
  });

  it('overwrites a forgotten row in the file and empties the WAL', async () => {
    const path = tempPath();
    const store = openSqliteIdentityStore(path, keys);
    onTestFinished(() => store.close());
    const { clientId } = await store.resolve('020594X903P');
    const kept = await store.resolve('131052-308T');
    const peek = new Database(path, { readonly: true });
    const sealed = peek
      .prepare<[string], { sealed_code: Buffer }>('SELECT sealed_code FROM identities WHERE client_id = ?')
      .get(clientId)!.sealed_code;
    peek.close();
    const hash = lookupHash(keys, '020594X903P');

    expect(await store.forget(clientId)).toBe(true);
    expect(statSync(`${path}-wal`).size).toBe(0);
    const bytes = fileBytes(path);
    for (const trace of [Buffer.from(clientId), hash, sealed]) expect(bytes.includes(trace)).toBe(false);
    expect(bytes.includes(Buffer.from(kept.clientId))).toBe(true);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataKeyStore } from '../../src/personalData/dataKeyStore.js';
import { createInMemoryDataKeyStore } from '../../src/personalData/inMemoryDataKeyStore.js';
import { createKeyWrapper } from '../../src/personalData/keyWrapping.js';
import { openSqliteDataKeyStore } from '../../src/personalData/sqliteDataKeyStore.js';
import { dataKeyStoreContract } from './dataKeyStoreContract.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const adapters: Array<[string, () => DataKeyStore]> = [
  ['in-memory', createInMemoryDataKeyStore],
  ['sqlite', () => openSqliteDataKeyStore(join(dir, `keys-${files++}.sqlite`), createKeyWrapper(randomBytes(32)))],
];

describe.each(adapters)('data key store contract: %s', (_name, open) => {
  dataKeyStoreContract(open);
});

describe('sqlite data key store', () => {
  it('keeps keys across reopening with the same master key and refuses another master key', async () => {
    const path = join(dir, 'reopen.sqlite');
    const master = randomBytes(32);
    const first = openSqliteDataKeyStore(path, createKeyWrapper(master));
    const key = await first.obtain('a');
    await first.close();
    const again = openSqliteDataKeyStore(path, createKeyWrapper(master));
    expect((await again.find(['a'])).get('a')).toEqual(key);
    await again.close();
    const wrong = openSqliteDataKeyStore(path, createKeyWrapper(randomBytes(32)));
    await expect(wrong.find(['a'])).rejects.toThrow();
    await wrong.close();
  });

  it('leaves no copy of a destroyed wrapped key in the database files', async () => {
    const path = join(dir, 'shred.sqlite');
    const master = randomBytes(32);
    const store = openSqliteDataKeyStore(path, createKeyWrapper(master));
    await store.obtain('victim');
    await store.obtain('bystander');
    const wrappedOf = (file: string) => readFileSync(file);
    // The wrapped key is not known outside the store: read it back by opening the file as a plain database.
    const { default: Database } = await import('better-sqlite3');
    const peek = new Database(path, { readonly: true });
    const row = peek.prepare("SELECT wrapped FROM data_keys WHERE client_id = 'victim'").get() as { wrapped: Buffer };
    peek.close();
    expect(await store.destroy('victim')).toBe(true);
    for (const file of [path, `${path}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = wrappedOf(file);
      } catch {
        continue;
      }
      expect(bytes.indexOf(row.wrapped)).toBe(-1);
    }
    expect((await store.find(['bystander'])).size).toBe(1);
    await store.close();
  });
});

import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { type DataKeyStore, PersonalDataErasedError } from '../../src/personalData/dataKeyStore.js';

/** What every data key store adapter must do; client ids are fresh per test, so a shared server is fine. */
export const dataKeyStoreContract = (open: () => DataKeyStore | Promise<DataKeyStore>): void => {
  it('creates one 64-byte key per client on first use and returns the same key afterwards', async () => {
    const store = await open();
    const [a, b] = [randomUUID(), randomUUID()];
    const key = await store.obtain(a);
    expect(key).toHaveLength(64);
    expect(await store.obtain(a)).toEqual(key);
    expect(await store.obtain(b)).not.toEqual(key);
    const found = await store.find([a, b, randomUUID(), a]);
    expect([...found.keys()].sort()).toEqual([a, b].sort());
    expect(found.get(a)).toEqual(key);
    await store.close();
  });

  it('agrees on one key when writers race to create it', async () => {
    const store = await open();
    const client = randomUUID();
    const keys = await Promise.all(Array.from({ length: 8 }, () => store.obtain(client)));
    for (const key of keys) expect(key).toEqual(keys[0]);
    await store.close();
  });

  it('destroys a key for good: not found, never created again, a second destroy reports nothing left', async () => {
    const store = await open();
    const [a, never] = [randomUUID(), randomUUID()];
    await store.obtain(a);
    expect(await store.destroy(a)).toBe(true);
    expect((await store.find([a])).size).toBe(0);
    await expect(store.obtain(a)).rejects.toBeInstanceOf(PersonalDataErasedError);
    expect(await store.destroy(a)).toBe(false);
    expect(await store.destroy(never)).toBe(false);
    await expect(store.obtain(never)).rejects.toBeInstanceOf(PersonalDataErasedError);
    await store.close();
  });
};

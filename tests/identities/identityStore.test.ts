import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveIdentityKeys, openIdentityStore } from '../../src/identities/identityStore.js';

const dirs: string[] = [];
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-identities-'));
  dirs.push(dir);
  return join(dir, 'identities.sqlite');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const keys = deriveIdentityKeys('a-development-secret-of-at-least-32-chars');

describe('identity store', () => {
  it('gives the same person the same clientId, and different people different ones', () => {
    const store = openIdentityStore(tempPath(), keys);
    const first = store.resolve('131052-308T');
    expect(first.created).toBe(true);
    expect(store.resolve('131052-308T')).toEqual({ clientId: first.clientId, created: false });
    expect(store.resolve('131052Y308T').clientId).not.toBe(first.clientId);
    store.close();
  });

  it('keeps the code out of the file in clear text, and survives a reopen', () => {
    const path = tempPath();
    const store = openIdentityStore(path, keys);
    const { clientId } = store.resolve('010594Y9032');
    store.close();
    for (const file of [path, `${path}-wal`]) {
      try {
        expect(readFileSync(file).includes('010594Y9032')).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    const reopened = openIdentityStore(path, keys);
    expect(reopened.resolve('010594Y9032').clientId).toBe(clientId);
    reopened.close();
  });

  it('forgets a person on erasure', () => {
    const store = openIdentityStore(tempPath(), keys);
    const { clientId } = store.resolve('020594X903P');
    expect(store.forget(clientId)).toBe(true);
    expect(store.resolve('020594X903P').clientId).not.toBe(clientId);
    store.close();
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addApiKey, createApiKey, openApiKeyStore, revokeApiKey } from '../../../src/api/auth/apiKeys.js';
import { createAuthenticator } from '../../../src/api/auth/authenticator.js';
import { fixedClock } from '../../../src/clock.js';
import { NOW } from './support/keys.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-apikeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const withKey = (overrides: { expiresAt?: string } = {}) => {
  const path = join(dir, `keys-${files++}.json`);
  const printed: string[] = [];
  const record = addApiKey(
    path,
    { label: 'Oulu case system', roles: ['integrator'], organisations: ['trial-area:oulu'], ...overrides },
    { now: NOW, print: (key) => printed.push(key) },
  );
  return { path, record, printed, key: printed[0]!, store: openApiKeyStore(path) };
};

const codeOf = (action: () => unknown) => {
  try {
    action();
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('API keys', () => {
  it('prints the key once and stores only its hash (mode 0600)', () => {
    const { path, printed, key, record } = withKey();
    expect(printed).toHaveLength(1);
    expect(key).toMatch(/^jsl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const text = readFileSync(path, 'utf8');
    const secret = key.slice('jsl_'.length + 17);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(key);
    expect(text).toContain(record.keyId);
    expect(record.hash).toMatch(/^sha256:/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('authenticates a valid key as its roles and organisations', () => {
    const { key, store, record } = withKey();
    expect(store.verify(key, NOW)).toEqual({
      subject: `apiKey:${record.keyId}`,
      roles: ['integrator'],
      organisations: ['trial-area:oulu'],
      via: 'apiKey',
    });
  });

  it.each([
    ['a wrong secret', (key: string) => `${key.slice(0, -4)}AAAA`],
    ['an unknown key id', (key: string) => `jsl_0000000000000000_${key.slice(-43)}`],
    ['a malformed key', () => 'jsl_short'],
  ])('refuses %s with TOKEN_INVALID', (_name, mangle) => {
    const { key, store } = withKey();
    expect(codeOf(() => store.verify(mangle(key), NOW))).toBe('TOKEN_INVALID');
  });

  it('refuses a revoked key at once, without reopening the store', () => {
    const { key, store, path, record } = withKey();
    expect(codeOf(() => store.verify(key, NOW))).toBe('OK');
    expect(revokeApiKey(path, record.keyId, NOW)).toBe(true);
    expect(codeOf(() => store.verify(key, NOW))).toBe('TOKEN_INVALID');
    expect(revokeApiKey(path, record.keyId, NOW)).toBe(false);
  });

  it('refuses an expired key with TOKEN_EXPIRED', () => {
    const { key, store } = withKey({ expiresAt: '2026-06-30T08:00:00.000Z' });
    expect(codeOf(() => store.verify(key, NOW))).toBe('TOKEN_EXPIRED');
  });

  it('refuses to create a key for a malformed organisation', () => {
    expect(() => createApiKey({ label: 'x', roles: ['reader'], organisations: ['Oulu'] }, NOW)).toThrow(/Oulu/);
  });

  it('is accepted as X-Api-Key or Authorization: ApiKey, but not both at once', async () => {
    const { key, store } = withKey();
    const authenticator = createAuthenticator({ apiKeys: store, clock: fixedClock(NOW) });
    await expect(authenticator.authenticate({ apiKey: key })).resolves.toMatchObject({ via: 'apiKey' });
    await expect(authenticator.authenticate({ authorization: `ApiKey ${key}` })).resolves.toMatchObject({
      via: 'apiKey',
    });
    await expect(authenticator.authenticate({ apiKey: key, authorization: 'Bearer x.y.z' })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(authenticator.authenticate({ authorization: 'Bearer a.b.c' })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(authenticator.authenticate({ authorization: 'Basic dXNlcjpwYXNz' })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(authenticator.authenticate({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

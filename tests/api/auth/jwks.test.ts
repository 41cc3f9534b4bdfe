import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { authenticatorFromSettings } from '../../../src/api/auth/authenticator.js';
import { createKeySet, jwksFromUrl, parseJwks } from '../../../src/api/auth/jwks.js';
import { type AuthSettings, defaultAuthSettings } from '../../../src/api/auth/settings.js';
import { fixedClock } from '../../../src/clock.js';
import { startJwksServer } from './support/jwksServer.js';
import { ISSUER, jwks, NOW, NOW_SECONDS, signingKey, tokenFor } from './support/keys.js';

const first = signingKey('RS256', 'key-2026-06');
const second = signingKey('ES256', 'key-2026-07');
const dir = mkdtempSync(join(tmpdir(), 'ledger-jwks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = (overrides: Partial<AuthSettings>): AuthSettings => ({
  ...defaultAuthSettings,
  NODE_ENV: 'test',
  LEDGER_JWT_ISSUER: ISSUER,
  ...overrides,
});

const outcome = (promise: Promise<{ subject: string }>) =>
  promise.then(
    (identity) => identity.subject,
    (error: { code: string }) => error.code,
  );

describe('JWKS parsing', () => {
  it('keeps RS256 and ES256 signing keys and skips the rest', () => {
    const weak = generateKeyPairSync('rsa', { modulusLength: 1_024 }).publicKey.export({ format: 'jwk' });
    const keys = parseJwks(
      JSON.stringify({
        keys: [
          first.jwk,
          second.jwk,
          { ...first.jwk, kid: 'enc', use: 'enc' },
          { ...first.jwk, kid: 'ps', alg: 'PS256' },
          { ...weak, kid: 'weak' },
          { kty: 'oct', k: 'c2VjcmV0', kid: 'symmetric' },
          { kty: 'RSA', kid: 'broken', n: '!!', e: 'AQAB' },
        ],
      }),
    );
    expect(keys.map((key) => [key.kid, key.alg])).toEqual([
      ['key-2026-06', 'RS256'],
      ['key-2026-07', 'ES256'],
    ]);
  });

  it('refuses a document without keys', () => {
    expect(() => parseJwks('{"issuer":"x"}')).toThrow(/keys/);
  });
});

describe('JWKS from a file', () => {
  it('verifies tokens signed by a key in the file', async () => {
    const path = join(dir, 'jwks.json');
    writeFileSync(path, JSON.stringify(jwks(first, second)));
    const authenticator = authenticatorFromSettings(settings({ LEDGER_JWKS_FILE: path }), fixedClock(NOW));
    expect(await outcome(authenticator.authenticate({ authorization: `Bearer ${tokenFor(first)}` }))).toBe(
      'staff-17@oulu',
    );
    expect(await outcome(authenticator.authenticate({ authorization: `Bearer ${tokenFor(second)}` }))).toBe(
      'staff-17@oulu',
    );
  });

  it('answers AUTH_KEYS_UNAVAILABLE when the file cannot be read', async () => {
    const authenticator = authenticatorFromSettings(
      settings({ LEDGER_JWKS_FILE: join(dir, 'missing.json') }),
      fixedClock(NOW),
    );
    expect(await outcome(authenticator.authenticate({ authorization: `Bearer ${tokenFor(first)}` }))).toBe(
      'AUTH_KEYS_UNAVAILABLE',
    );
  });
});

describe('JWKS from a URL', () => {
  const start = async (document: unknown) => {
    const server = await startJwksServer(document);
    onTestFinished(() => server.close());
    const clock = fixedClock(NOW);
    const authenticator = authenticatorFromSettings(
      settings({ LEDGER_JWKS_URL: server.url, LEDGER_JWKS_MIN_REFRESH_SECONDS: 30, LEDGER_JWKS_CACHE_SECONDS: 600 }),
      clock,
    );
    const login = (token: string) => outcome(authenticator.authenticate({ authorization: `Bearer ${token}` }));
    return { server, clock, login };
  };

  it('fetches once and serves later tokens from the cache', async () => {
    const { server, login } = await start(jwks(first));
    expect(await login(tokenFor(first))).toBe('staff-17@oulu');
    expect(await login(tokenFor(first, { sub: 'other' }))).toBe('other');
    expect(server.requests()).toBe(1);
  });

  it('refetches on an unknown kid (rotation), at most once per minimum refresh interval', async () => {
    const { server, clock, login } = await start(jwks(first));
    expect(await login(tokenFor(first))).toBe('staff-17@oulu');
    clock.set('2026-06-30T09:01:00.000Z');
    server.serve(jwks(first, second));
    expect(await login(tokenFor(second))).toBe('staff-17@oulu');
    expect(server.requests()).toBe(2);

    const unknown = signingKey('ES256', 'key-unknown');
    expect(await login(tokenFor(unknown, { exp: NOW_SECONDS + 3_600 }))).toBe('TOKEN_INVALID');
    expect(await login(tokenFor(unknown, { exp: NOW_SECONDS + 3_600 }))).toBe('TOKEN_INVALID');
    expect(server.requests()).toBe(2);

    clock.set('2026-06-30T09:01:31.000Z');
    expect(await login(tokenFor(unknown, { exp: NOW_SECONDS + 3_600 }))).toBe('TOKEN_INVALID');
    expect(server.requests()).toBe(3);
  });

  it('refreshes after the cache age and keeps the old keys when the refresh fails', async () => {
    const { server, clock, login } = await start(jwks(first));
    expect(await login(tokenFor(first))).toBe('staff-17@oulu');
    server.serve({ not: 'a jwks' });
    clock.set('2026-06-30T09:10:00.000Z');
    expect(await login(tokenFor(first, { exp: NOW_SECONDS + 3_600 }))).toBe('staff-17@oulu');
    expect(server.requests()).toBe(2);
  });

  it('shares one fetch between concurrent requests', async () => {
    const { server, login } = await start(jwks(first));
    const results = await Promise.all(Array.from({ length: 5 }, () => login(tokenFor(first))));
    expect(results).toEqual(Array(5).fill('staff-17@oulu'));
    expect(server.requests()).toBe(1);
  });

  it('gives up on a silent server after its timeout: AUTH_KEYS_UNAVAILABLE', async () => {
    const server = await startJwksServer(jwks(first));
    onTestFinished(() => server.close());
    server.hang();
    const keys = createKeySet({
      load: jwksFromUrl(server.url, 200),
      nowSeconds: () => NOW_SECONDS,
      maxAgeSeconds: 600,
      minRefreshSeconds: 30,
    });
    await expect(keys.candidates('RS256', 'key-2026-06')).rejects.toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE' });
  });
});

import { describe, expect, it } from 'vitest';
import { authenticatorFromSettings } from '../../../src/api/auth/authenticator.js';
import { createJwtVerifier, type VerificationKey } from '../../../src/api/auth/jwt.js';
import { type AuthSettings, defaultAuthSettings } from '../../../src/api/auth/settings.js';
import { fixedClock } from '../../../src/clock.js';
import {
  AUDIENCE,
  claims,
  HS_SECRET,
  hsToken,
  ISSUER,
  NOW,
  NOW_SECONDS,
  signingKey,
  tokenFor,
} from './support/keys.js';

const rsa = signingKey('RS256', 'rsa-1');
const ec = signingKey('ES256', 'ec-1');
const stranger = signingKey('RS256', 'rsa-1');
const known: VerificationKey[] = [rsa, ec].map(({ alg, kid, publicKey }) => ({ alg, kid, key: publicKey }));

const verifier = (overrides: { hs256Secret?: string } = {}) =>
  createJwtVerifier({
    keys: { candidates: async (alg, kid) => known.filter((k) => k.alg === alg && (!kid || k.kid === kid)) },
    issuer: ISSUER,
    audience: AUDIENCE,
    clockSkewSeconds: 60,
    nowSeconds: () => NOW_SECONDS,
    ...overrides,
  });

const codeOf = (token: string, v = verifier()) =>
  v.verify(token).then(
    () => 'OK',
    (error: { code?: string }) => error.code ?? String(error),
  );

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('JWT verification', () => {
  it.each([
    ['RS256', () => tokenFor(rsa)],
    ['ES256', () => tokenFor(ec)],
    ['a token without kid', () => tokenFor({ ...rsa, kid: '' })],
    ['an audience list', () => tokenFor(rsa, { aud: ['other', AUDIENCE] })],
    ['expiry within the clock skew', () => tokenFor(rsa, { exp: NOW_SECONDS - 30 })],
    ['not-before within the clock skew', () => tokenFor(rsa, { nbf: NOW_SECONDS + 30 })],
  ])('accepts %s', async (_name, token) => {
    expect(await codeOf(token())).toBe('OK');
  });

  it('returns the claims', async () => {
    expect(await verifier().verify(tokenFor(ec))).toMatchObject({ sub: 'staff-17@oulu', iss: ISSUER });
  });

  it.each([
    ['expired', () => tokenFor(rsa, { exp: NOW_SECONDS - 61 }), 'TOKEN_EXPIRED'],
    ['not yet valid', () => tokenFor(rsa, { nbf: NOW_SECONDS + 61 }), 'TOKEN_INVALID'],
    ['issued in the future', () => tokenFor(rsa, { iat: NOW_SECONDS + 3_600 }), 'TOKEN_INVALID'],
    ['without exp', () => tokenFor(rsa, { exp: undefined }), 'TOKEN_INVALID'],
    ['wrong issuer', () => tokenFor(rsa, { iss: 'https://evil.example' }), 'TOKEN_INVALID'],
    ['wrong audience', () => tokenFor(rsa, { aud: 'someone-else' }), 'TOKEN_INVALID'],
    ['without subject', () => tokenFor(rsa, { sub: '' }), 'TOKEN_INVALID'],
    ['signed by another key with the same kid', () => tokenFor(stranger), 'TOKEN_INVALID'],
    ['with an unknown kid', () => tokenFor({ ...rsa, kid: 'rsa-9' }), 'TOKEN_INVALID'],
    ['HS256 when no secret is configured', () => hsToken(), 'TOKEN_INVALID'],
    ['garbage', () => 'not-a-jwt', 'TOKEN_INVALID'],
    ['too long', () => `${tokenFor(rsa)}${'a'.repeat(9_000)}`, 'TOKEN_INVALID'],
  ])('refuses a token %s', async (_name, token, code) => {
    expect(await codeOf(token())).toBe(code);
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = tokenFor(rsa).split('.');
    const forged = `${header}.${b64(claims({ roles: ['admin'] }))}.${signature}`;
    expect(await codeOf(forged)).toBe('TOKEN_INVALID');
  });

  it('refuses alg none, with or without a signature', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}`;
    expect(await codeOf(`${unsigned}.`)).toBe('TOKEN_INVALID');
    expect(await codeOf(`${unsigned}.c2lnbmF0dXJl`)).toBe('TOKEN_INVALID');
  });

  it('refuses HS256 signed with the RSA public key (algorithm confusion)', async () => {
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(await codeOf(hsToken({}, pem), verifier({ hs256Secret: HS_SECRET }))).toBe('TOKEN_INVALID');
  });

  it('refuses an RS256 header on an ES256 key', async () => {
    const [, payload, signature] = tokenFor(ec).split('.');
    expect(await codeOf(`${b64({ alg: 'RS256', kid: 'ec-1' })}.${payload}.${signature}`)).toBe('TOKEN_INVALID');
  });

  it('refuses a critical header it does not understand', async () => {
    const [, payload, signature] = tokenFor(rsa).split('.');
    expect(await codeOf(`${b64({ alg: 'RS256', kid: 'rsa-1', crit: ['exp'] })}.${payload}.${signature}`)).toBe(
      'TOKEN_INVALID',
    );
  });

  it('accepts HS256 only with the configured secret', async () => {
    const v = verifier({ hs256Secret: HS_SECRET });
    expect(await codeOf(hsToken(), v)).toBe('OK');
    expect(await codeOf(hsToken({}, 'x'.repeat(40)), v)).toBe('TOKEN_INVALID');
  });
});

describe('HS256 and the environment', () => {
  const settings = (NODE_ENV: AuthSettings['NODE_ENV']): AuthSettings => ({
    ...defaultAuthSettings,
    NODE_ENV,
    LEDGER_JWT_ISSUER: ISSUER,
    LEDGER_JWT_HS256_SECRET: HS_SECRET,
  });
  const authenticate = (NODE_ENV: AuthSettings['NODE_ENV']) =>
    authenticatorFromSettings(settings(NODE_ENV), fixedClock(NOW))
      .authenticate({ authorization: `Bearer ${hsToken()}` })
      .then(
        (identity) => identity.subject,
        (error: { code: string }) => error.code,
      );

  it('accepts HS256 in development and test', async () => {
    expect(await authenticate('development')).toBe('staff-17@oulu');
    expect(await authenticate('test')).toBe('staff-17@oulu');
  });

  it('refuses HS256 in production even when a secret is configured', async () => {
    expect(await authenticate('production')).toBe('TOKEN_INVALID');
  });
});

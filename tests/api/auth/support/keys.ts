import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { signJwt } from '../../../../src/api/auth/jwtSign.js';

export const ISSUER = 'https://idp.test.example';
export const AUDIENCE = 'jobseeker-ledger';
export const HS_SECRET = 'h'.repeat(40);
/** 2026-06-30T09:00:00Z, the default test clock. */
export const NOW = '2026-06-30T09:00:00.000Z';
export const NOW_SECONDS = Date.parse(NOW) / 1_000;

export interface SigningKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  jwk: Record<string, unknown>;
}

export const signingKey = (alg: 'RS256' | 'ES256', kid: string): SigningKey => {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2_048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { alg, kid, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
};

export const jwks = (...keys: SigningKey[]) => ({ keys: keys.map((key) => key.jwk) });

export const claims = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'staff-17@oulu',
  roles: ['integrator', 'reader'],
  organisations: ['trial-area:oulu'],
  iat: NOW_SECONDS - 60,
  exp: NOW_SECONDS + 600,
  ...overrides,
});

export const tokenFor = (key: SigningKey, overrides: Record<string, unknown> = {}): string =>
  signJwt(claims(overrides), { alg: key.alg, key: key.privateKey, kid: key.kid });

export const hsToken = (overrides: Record<string, unknown> = {}, secret = HS_SECRET): string =>
  signJwt(claims(overrides), { alg: 'HS256', secret });

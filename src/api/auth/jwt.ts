import { createHmac, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import { tokenExpired, tokenInvalid } from './errors.js';

export type AsymmetricAlg = 'RS256' | 'ES256';

/** A public key bound to exactly one algorithm (no algorithm confusion: an RSA key never verifies an HMAC). */
export interface VerificationKey {
  kid?: string;
  alg: AsymmetricAlg;
  key: KeyObject;
}

/** Finds the keys that may have signed a token; may refetch a JWKS when `kid` is unknown. */
export interface KeyResolver {
  candidates(alg: AsymmetricAlg, kid: string | undefined): Promise<readonly VerificationKey[]>;
}

export interface JwtVerifierOptions {
  keys?: KeyResolver;
  /** HS256 shared secret; the caller passes it only outside production. */
  hs256Secret?: string;
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
  /** Current time in whole seconds since the epoch (from the injected Clock). */
  nowSeconds: () => number;
}

export type JwtClaims = Readonly<Record<string, unknown>>;

const MAX_TOKEN_LENGTH = 8_192;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

const decodeJson = (segment: string, what: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {}
  throw tokenInvalid(`malformed ${what}`);
};

const hmacMatches = (secret: string, input: string, signature: Buffer): boolean => {
  const expected = createHmac('sha256', secret).update(input).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected);
};

const publicKeyMatches = (key: VerificationKey, input: string, signature: Buffer): boolean => {
  if (key.alg === 'ES256') {
    if (signature.length !== 64) return false;
    return verify('sha256', Buffer.from(input), { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
  }
  return verify('sha256', Buffer.from(input), key.key, signature);
};

const checkClaims = (claims: Record<string, unknown>, o: JwtVerifierOptions): void => {
  const now = o.nowSeconds();
  const skew = o.clockSkewSeconds;
  const { exp, nbf, iat, iss, aud, sub } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw tokenInvalid('exp is required');
  if (now > exp + skew) throw tokenExpired();
  if (nbf !== undefined && (typeof nbf !== 'number' || now + skew < nbf)) throw tokenInvalid('not valid yet (nbf)');
  if (iat !== undefined && (typeof iat !== 'number' || now + skew < iat)) throw tokenInvalid('issued in the future');
  if (iss !== o.issuer) throw tokenInvalid('wrong issuer');
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (!audiences.includes(o.audience)) throw tokenInvalid('wrong audience');
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256) throw tokenInvalid('sub is required');
};

/**
 * Verifies a compact JWS with node:crypto: the algorithm comes from an allow-list (RS256, ES256 with configured
 * keys; HS256 only when a development secret is given), never `none`; signature first, then exp/nbf/iat with
 * clock skew, issuer, audience and subject. Returns the claims or throws an AuthenticationError.
 */
export const createJwtVerifier = (o: JwtVerifierOptions) => ({
  async verify(token: string): Promise<JwtClaims> {
    if (token.length > MAX_TOKEN_LENGTH) throw tokenInvalid('too long');
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) throw tokenInvalid('not a signed JWT');
    const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
    const header = decodeJson(headerPart, 'header');
    if (header.crit !== undefined) throw tokenInvalid('unsupported critical header');
    const kid = typeof header.kid === 'string' ? header.kid : undefined;
    const input = `${headerPart}.${payloadPart}`;
    const signature = Buffer.from(signaturePart, 'base64url');
    const alg = header.alg;
    let valid = false;
    if (alg === 'HS256') {
      if (!o.hs256Secret) throw tokenInvalid('HS256 is not accepted here');
      valid = hmacMatches(o.hs256Secret, input, signature);
    } else if (alg === 'RS256' || alg === 'ES256') {
      if (!o.keys) throw tokenInvalid(`${alg} is not accepted here`);
      const keys = await o.keys.candidates(alg, kid);
      if (keys.length === 0) throw tokenInvalid('unknown signing key');
      valid = keys.some((key) => publicKeyMatches(key, input, signature));
    } else {
      throw tokenInvalid('unsupported algorithm');
    }
    if (!valid) throw tokenInvalid('bad signature');
    const claims = decodeJson(payloadPart, 'payload');
    checkClaims(claims, o);
    return claims;
  },
});

export type JwtVerifier = ReturnType<typeof createJwtVerifier>;

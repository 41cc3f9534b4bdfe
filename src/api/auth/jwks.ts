import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SigningKeysUnavailableError } from './errors.js';
import type { AsymmetricAlg, KeyResolver, VerificationKey } from './jwt.js';

const MIN_RSA_BITS = 2_048;
const MAX_JWKS_BYTES = 1_048_576;

/** One JWK as a verification key, or undefined when it is not an RS256/ES256 signing key (those are skipped). */
export const toVerificationKey = (jwk: Record<string, unknown>): VerificationKey | undefined => {
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify')) return undefined;
  const kid = typeof jwk.kid === 'string' ? jwk.kid : undefined;
  try {
    if (jwk.kty === 'RSA' && (jwk.alg === undefined || jwk.alg === 'RS256')) {
      const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
      if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
      return { alg: 'RS256', key, ...(kid ? { kid } : {}) };
    }
    if (jwk.kty === 'EC' && jwk.crv === 'P-256' && (jwk.alg === undefined || jwk.alg === 'ES256')) {
      const key = createPublicKey({
        key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as JsonWebKey,
        format: 'jwk',
      });
      return { alg: 'ES256', key, ...(kid ? { kid } : {}) };
    }
  } catch {
    return undefined;
  }
  return undefined;
};

/** The usable keys of a JWKS document (`{ keys: [...] }`); throws when the document is not a JWKS. */
export const parseJwks = (text: string): VerificationKey[] => {
  const document: unknown = JSON.parse(text);
  const keys = (document as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('not a JWKS document: "keys" is missing');
  return keys
    .filter((jwk): jwk is Record<string, unknown> => jwk !== null && typeof jwk === 'object')
    .map(toVerificationKey)
    .filter((key): key is VerificationKey => key !== undefined);
};

export type JwksLoader = () => Promise<VerificationKey[]>;

export const jwksFromFile =
  (path: string): JwksLoader =>
  async () =>
    parseJwks(await readFile(path, 'utf8'));

/** Fetches a JWKS with a timeout; no redirects, at most 1 MiB. */
export const jwksFromUrl =
  (url: string, timeoutMs: number): JwksLoader =>
  async () => {
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`JWKS answered HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > MAX_JWKS_BYTES) throw new Error('JWKS document too large');
    return parseJwks(text);
  };

export interface KeySetOptions {
  load: JwksLoader;
  /** Whole seconds since the epoch, from the injected Clock. */
  nowSeconds: () => number;
  /** Keys older than this are refetched on the next request. */
  maxAgeSeconds: number;
  /** At most one refetch per this many seconds, whatever unknown `kid`s arrive. */
  minRefreshSeconds: number;
  onError?: (error: unknown) => void;
}

/**
 * A cached JWKS: loaded on first use, refreshed after `maxAgeSeconds`, and refetched when a token names an unknown
 * `kid` (key rotation), at most once per `minRefreshSeconds`. A failed refresh keeps the previous keys.
 */
export const createKeySet = (o: KeySetOptions): KeyResolver & { refreshCount(): number } => {
  let keys: VerificationKey[] | undefined;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let attemptedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;
  let refreshes = 0;

  const refresh = (): Promise<void> => {
    inFlight ??= (async () => {
      attemptedAt = o.nowSeconds();
      refreshes++;
      try {
        keys = await o.load();
        loadedAt = o.nowSeconds();
      } catch (error) {
        o.onError?.(error);
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const mayRefresh = () => o.nowSeconds() - attemptedAt >= o.minRefreshSeconds;

  const matching = (alg: AsymmetricAlg, kid: string | undefined) =>
    (keys ?? []).filter((key) => key.alg === alg && (kid === undefined || key.kid === kid));

  return {
    async candidates(alg, kid) {
      if (inFlight) await inFlight;
      const stale = o.nowSeconds() - loadedAt >= o.maxAgeSeconds;
      if ((keys === undefined || stale) && mayRefresh()) await refresh();
      if (keys === undefined) throw new SigningKeysUnavailableError('The token signing keys cannot be loaded');
      const found = matching(alg, kid);
      if (found.length > 0 || !mayRefresh()) return found;
      await refresh();
      return matching(alg, kid);
    },
    refreshCount: () => refreshes,
  };
};

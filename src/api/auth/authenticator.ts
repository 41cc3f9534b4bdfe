import type { Clock } from '../../clock.js';
import { type ApiKeyStore, openApiKeyStore } from './apiKeys.js';
import { tokenInvalid, unauthenticated } from './errors.js';
import { type Identity, organisationsFrom, rolesFrom } from './identity.js';
import { createKeySet, jwksFromFile, jwksFromUrl } from './jwks.js';
import { createJwtVerifier, type JwtVerifier } from './jwt.js';
import type { AuthSettings } from './settings.js';

/** The credentials of one request: the `Authorization` header and/or the `X-Api-Key` header. */
export interface Credentials {
  authorization?: string | undefined;
  apiKey?: string | undefined;
}

export interface Authenticator {
  /** The caller's identity, or throws AuthenticationError (401) / SigningKeysUnavailableError (503). */
  authenticate(credentials: Credentials): Promise<Identity>;
}

const BEARER = /^Bearer +([^\s]+)$/i;
const API_KEY = /^ApiKey +([^\s]+)$/i;

/** Combines a JWT verifier and an API key store; either may be absent (then that kind of credential is refused). */
export const createAuthenticator = (parts: {
  jwt?: JwtVerifier | undefined;
  apiKeys?: ApiKeyStore | undefined;
  clock: Clock;
}): Authenticator => {
  const fromJwt = async (token: string): Promise<Identity> => {
    if (!parts.jwt) throw tokenInvalid('bearer tokens are not accepted here');
    const claims = await parts.jwt.verify(token);
    return {
      subject: claims.sub as string,
      roles: rolesFrom(claims.roles),
      organisations: organisationsFrom(claims.organisations),
      via: 'jwt',
    };
  };
  const fromApiKey = async (key: string): Promise<Identity> => {
    if (!parts.apiKeys) throw tokenInvalid('API keys are not accepted here');
    return parts.apiKeys.verify(key, parts.clock.now());
  };

  return {
    async authenticate({ authorization, apiKey }) {
      if (authorization !== undefined && apiKey !== undefined) throw tokenInvalid('send one credential, not two');
      if (apiKey !== undefined) return fromApiKey(apiKey.trim());
      if (authorization === undefined || authorization.trim() === '') throw unauthenticated();
      const bearer = BEARER.exec(authorization.trim());
      if (bearer?.[1]) return fromJwt(bearer[1]);
      const key = API_KEY.exec(authorization.trim());
      if (key?.[1]) return fromApiKey(key[1]);
      throw tokenInvalid('unsupported authorization scheme');
    },
  };
};

const secondsOf = (clock: Clock) => () => Math.floor(Date.parse(clock.now()) / 1_000);

/**
 * The authenticator described by configuration: RS256/ES256 from `LEDGER_JWKS_URL` or `LEDGER_JWKS_FILE`,
 * HS256 from `LEDGER_JWT_HS256_SECRET` outside production only, API keys from `LEDGER_API_KEYS_FILE`.
 */
export const authenticatorFromSettings = (
  settings: AuthSettings,
  clock: Clock,
  onError: (error: unknown, what: string) => void = () => {},
): Authenticator => {
  const nowSeconds = secondsOf(clock);
  const load = settings.LEDGER_JWKS_URL
    ? jwksFromUrl(settings.LEDGER_JWKS_URL, settings.LEDGER_JWKS_TIMEOUT_MS)
    : settings.LEDGER_JWKS_FILE
      ? jwksFromFile(settings.LEDGER_JWKS_FILE)
      : undefined;
  const keys = load
    ? createKeySet({
        load,
        nowSeconds,
        maxAgeSeconds: settings.LEDGER_JWKS_CACHE_SECONDS,
        minRefreshSeconds: settings.LEDGER_JWKS_MIN_REFRESH_SECONDS,
        onError: (error) => onError(error, 'JWKS refresh failed'),
      })
    : undefined;
  const hs256Secret = settings.NODE_ENV === 'production' ? undefined : settings.LEDGER_JWT_HS256_SECRET;
  const jwt =
    keys || hs256Secret
      ? createJwtVerifier({
          ...(keys ? { keys } : {}),
          ...(hs256Secret ? { hs256Secret } : {}),
          issuer: settings.LEDGER_JWT_ISSUER,
          audience: settings.LEDGER_JWT_AUDIENCE,
          clockSkewSeconds: settings.LEDGER_JWT_CLOCK_SKEW_SECONDS,
          nowSeconds,
        })
      : undefined;
  const apiKeys = settings.LEDGER_API_KEYS_FILE
    ? openApiKeyStore(settings.LEDGER_API_KEYS_FILE, (error) => onError(error, 'API key file reload failed'))
    : undefined;
  return createAuthenticator({ jwt, apiKeys, clock });
};

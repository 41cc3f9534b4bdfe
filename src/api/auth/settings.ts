/** The configuration variables authentication reads (a subset of Config; see the report for defaults). */
export interface AuthSettings {
  NODE_ENV: 'development' | 'production' | 'test';
  LEDGER_JWKS_FILE?: string | undefined;
  LEDGER_JWKS_URL?: string | undefined;
  LEDGER_JWKS_TIMEOUT_MS: number;
  LEDGER_JWKS_CACHE_SECONDS: number;
  LEDGER_JWKS_MIN_REFRESH_SECONDS: number;
  LEDGER_JWT_ISSUER: string;
  LEDGER_JWT_AUDIENCE: string;
  LEDGER_JWT_CLOCK_SKEW_SECONDS: number;
  LEDGER_JWT_HS256_SECRET?: string | undefined;
  LEDGER_API_KEYS_FILE?: string | undefined;
}

/** Issuer of `token` command tokens; refused in production. */
export const DEVELOPMENT_ISSUER = 'jobseeker-ledger-dev';
export const DEFAULT_AUDIENCE = 'jobseeker-ledger';

export const defaultAuthSettings = {
  LEDGER_JWKS_TIMEOUT_MS: 3_000,
  LEDGER_JWKS_CACHE_SECONDS: 600,
  LEDGER_JWKS_MIN_REFRESH_SECONDS: 30,
  LEDGER_JWT_ISSUER: DEVELOPMENT_ISSUER,
  LEDGER_JWT_AUDIENCE: DEFAULT_AUDIENCE,
  LEDGER_JWT_CLOCK_SKEW_SECONDS: 60,
} as const satisfies Partial<AuthSettings>;

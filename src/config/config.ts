import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every setting, its environment variable and its default. The README's configuration table mirrors it. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LEDGER_STORE: z.enum(['sqlite', 'kurrentdb']).default('sqlite'),
  LEDGER_DATA_DIR: z.string().min(1).default('./data'),
  LEDGER_REFERENCE_DATA_FILE: z.string().min(1).optional(),
  LEDGER_KURRENTDB_URL: z
    .string()
    .regex(/^(kurrentdb|esdb|kdb)(\+discover)?:\/\//, 'must be a kurrentdb:// connection string')
    .default('kurrentdb://localhost:2113?tls=false'),
  LEDGER_KURRENTDB_TIMEOUT_MS: int(100, 120_000).default(5_000),
  LEDGER_HOST: z.string().min(1).default('127.0.0.1'),
  LEDGER_PORT: int(0, 65_535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LEDGER_BODY_LIMIT_BYTES: int(1_024, 1_073_741_824).default(1_048_576),
  LEDGER_IMPORT_BODY_LIMIT_BYTES: int(1_024, 1_099_511_627_776).default(10_737_418_240),
  LEDGER_JSON_MAX_DEPTH: int(2, 1_000).default(32),
  LEDGER_MAX_EVENTS_PER_REQUEST: int(1, 10_000).default(500),
  LEDGER_READY_MAX_LAG_EVENTS: int(0, 1_000_000_000).default(1_000),
  LEDGER_READ_YOUR_WRITES_TIMEOUT_MS: int(0, 60_000).default(2_000),
  LEDGER_SHUTDOWN_TIMEOUT_MS: int(100, 600_000).default(10_000),
  LEDGER_GRAPHIQL: bool.optional(),
  LEDGER_METRICS_ENABLED: bool.default(true),
  LEDGER_AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  LEDGER_AUDIT_CHECKPOINT_EVERY_EVENTS: int(1, 100_000_000).default(10_000),
  LEDGER_AUDIT_CHECKPOINT_EVERY_MS: int(0, 86_400_000).default(60_000),
  LEDGER_IDENTITY_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LEDGER_MASTER_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LEDGER_DATA_KEY_CACHE_TTL_MS: int(0, 3_600_000).default(60_000),
  LEDGER_READ_MODEL_CLIENTS_IN_MEMORY: int(1, 1_000_000).default(2_000),
  LEDGER_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  LEDGER_JWKS_FILE: z.string().min(1).optional(),
  LEDGER_JWKS_TIMEOUT_MS: int(100, 60_000).default(3_000),
  LEDGER_JWKS_CACHE_SECONDS: int(1, 86_400).default(600),
  LEDGER_JWKS_MIN_REFRESH_SECONDS: int(0, 3_600).default(30),
  LEDGER_JWT_ISSUER: z.string().min(1).default('jobseeker-ledger-dev'),
  LEDGER_JWT_AUDIENCE: z.string().min(1).default('jobseeker-ledger'),
  LEDGER_JWT_CLOCK_SKEW_SECONDS: int(0, 600).default(60),
  LEDGER_JWT_HS256_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LEDGER_API_KEYS_FILE: z.string().min(1).optional(),
  LEDGER_METRICS_PUBLIC: bool.default(true),
  LEDGER_CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .default([]),
  LEDGER_RATE_LIMIT_WINDOW_MS: int(1_000, 86_400_000).default(60_000),
  LEDGER_RATE_LIMIT_PER_IP: int(1, 10_000_000).default(600),
  LEDGER_RATE_LIMIT_PER_IDENTITY: int(1, 10_000_000).default(1_200),
  LEDGER_ACCESS_LOG_FLUSH_MS: int(10, 60_000).default(1_000),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** A wrong setting: the message names every offending variable and what is allowed. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

/** Reads the configuration from an environment-like object (never from `process.env` at import time). */
export const loadConfig = (env: Readonly<Record<string, string | undefined>>): Config => {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape)
      .filter((key) => env[key] !== undefined && env[key] !== '')
      .map((key) => [key, env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  return Object.freeze(parsed.data);
};

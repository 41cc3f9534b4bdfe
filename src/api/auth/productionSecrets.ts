import { DEVELOPMENT_ISSUER } from './settings.js';

/** The configuration the production check reads (a subset of Config). */
export interface SecretSettings {
  NODE_ENV: 'development' | 'production' | 'test';
  LEDGER_JWT_HS256_SECRET?: string | undefined;
  LEDGER_JWKS_FILE?: string | undefined;
  LEDGER_JWKS_URL?: string | undefined;
  LEDGER_JWT_ISSUER?: string | undefined;
  LEDGER_API_KEYS_FILE?: string | undefined;
  LEDGER_CORS_ORIGINS?: readonly string[] | undefined;
  LEDGER_IDENTITY_KEY?: string | undefined;
  LEDGER_MASTER_KEY?: string | undefined;
}

/** Refusal to start: names every offending variable. */
export class InsecureProductionConfigError extends Error {
  override readonly name = 'InsecureProductionConfigError';
  constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(`Refusing to start in production:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
  }
}

const PLACEHOLDER = /change.?me|example|placeholder|development|dev-secret|test-secret|^(.)\1+$/i;

/**
 * Throws when production would run with development credentials: an HS256 secret, a generated development key
 * (`generated` names the variables whose value came from a generated file), the development issuer, a placeholder
 * secret, a JWKS over plain HTTP, no way to authenticate at all, or CORS open to every origin.
 */
export const assertProductionSecrets = (settings: SecretSettings, generated: readonly string[] = []): void => {
  if (settings.NODE_ENV !== 'production') return;
  const problems: Array<{ variable: string; message: string }> = [];
  const refuse = (variable: string, message: string) => problems.push({ variable, message });

  if (settings.LEDGER_JWT_HS256_SECRET)
    refuse('LEDGER_JWT_HS256_SECRET', 'HS256 development tokens are not allowed in production; unset it');
  for (const variable of generated)
    refuse(variable, 'holds a generated development key; set a real secret from the secret store');
  if (settings.LEDGER_IDENTITY_KEY && PLACEHOLDER.test(settings.LEDGER_IDENTITY_KEY))
    refuse('LEDGER_IDENTITY_KEY', 'looks like a placeholder or development value');
  if (settings.LEDGER_MASTER_KEY && PLACEHOLDER.test(settings.LEDGER_MASTER_KEY))
    refuse('LEDGER_MASTER_KEY', 'looks like a placeholder or development value');
  const jwks = settings.LEDGER_JWKS_URL ?? settings.LEDGER_JWKS_FILE;
  if (!jwks && !settings.LEDGER_API_KEYS_FILE)
    refuse(
      'LEDGER_JWKS_URL',
      'set LEDGER_JWKS_URL, LEDGER_JWKS_FILE or LEDGER_API_KEYS_FILE: nothing can authenticate',
    );
  if (settings.LEDGER_JWKS_URL && !settings.LEDGER_JWKS_URL.startsWith('https://'))
    refuse('LEDGER_JWKS_URL', 'must be an https:// URL in production');
  if (jwks && (!settings.LEDGER_JWT_ISSUER || settings.LEDGER_JWT_ISSUER === DEVELOPMENT_ISSUER))
    refuse('LEDGER_JWT_ISSUER', `must name the production token issuer, not "${DEVELOPMENT_ISSUER}"`);
  if (settings.LEDGER_CORS_ORIGINS?.includes('*'))
    refuse('LEDGER_CORS_ORIGINS', 'must list origins; "*" is not allowed in production');
  if (problems.length > 0) throw new InsecureProductionConfigError(problems);
};

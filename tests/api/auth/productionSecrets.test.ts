import { describe, expect, it } from 'vitest';
import {
  assertProductionSecrets,
  InsecureProductionConfigError,
  type SecretSettings,
} from '../../../src/api/auth/productionSecrets.js';

const production: SecretSettings = {
  NODE_ENV: 'production',
  LEDGER_JWKS_URL: 'https://login.example.fi/.well-known/jwks.json',
  LEDGER_JWT_ISSUER: 'https://login.example.fi',
  LEDGER_IDENTITY_KEY: 'q8M2vR7xK1pL9sT4wY6zB3nC5dF0gH2j',
};

const refusedVariables = (settings: SecretSettings, generated: string[] = []): string[] => {
  try {
    assertProductionSecrets(settings, generated);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(InsecureProductionConfigError);
    return (error as InsecureProductionConfigError).problems.map((problem) => problem.variable);
  }
};

describe('production secrets', () => {
  it('lets a proper production configuration start', () => {
    expect(refusedVariables(production)).toEqual([]);
    expect(refusedVariables({ NODE_ENV: 'production', LEDGER_API_KEYS_FILE: '/etc/ledger/api-keys.json' })).toEqual([]);
  });

  it('checks nothing outside production', () => {
    expect(refusedVariables({ NODE_ENV: 'development', LEDGER_JWT_HS256_SECRET: 'x'.repeat(40) })).toEqual([]);
  });

  it.each([
    ['an HS256 secret', { LEDGER_JWT_HS256_SECRET: 'x'.repeat(40) }, 'LEDGER_JWT_HS256_SECRET'],
    ['the development issuer', { LEDGER_JWT_ISSUER: 'jobseeker-ledger-dev' }, 'LEDGER_JWT_ISSUER'],
    ['no issuer', { LEDGER_JWT_ISSUER: undefined }, 'LEDGER_JWT_ISSUER'],
    ['a JWKS over plain HTTP', { LEDGER_JWKS_URL: 'http://login.example.fi/jwks' }, 'LEDGER_JWKS_URL'],
    ['no way to authenticate', { LEDGER_JWKS_URL: undefined, LEDGER_JWT_ISSUER: undefined }, 'LEDGER_JWKS_URL'],
    [
      'a placeholder identity key',
      { LEDGER_IDENTITY_KEY: 'change-me-change-me-change-me-change-me' },
      'LEDGER_IDENTITY_KEY',
    ],
    ['a placeholder master key', { LEDGER_MASTER_KEY: 'example-master-key-example-master-key' }, 'LEDGER_MASTER_KEY'],
    ['CORS open to everyone', { LEDGER_CORS_ORIGINS: ['*'] }, 'LEDGER_CORS_ORIGINS'],
  ])('refuses %s, naming the variable', (_name, overrides, variable) => {
    expect(refusedVariables({ ...production, ...overrides })).toEqual([variable]);
  });

  it('refuses a generated development key', () => {
    expect(refusedVariables(production, ['LEDGER_IDENTITY_KEY'])).toEqual(['LEDGER_IDENTITY_KEY']);
  });

  it('names every problem at once', () => {
    expect(
      refusedVariables({ ...production, LEDGER_JWT_HS256_SECRET: 'x'.repeat(40), LEDGER_JWT_ISSUER: undefined }),
    ).toEqual(['LEDGER_JWT_HS256_SECRET', 'LEDGER_JWT_ISSUER']);
  });
});

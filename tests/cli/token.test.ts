import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJwtVerifier } from '../../src/api/auth/jwt.js';
import { DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER } from '../../src/api/auth/settings.js';
import { cli, tempDataDir } from './cliRun.js';

const verify = (token: string, secret: string, issuer = DEVELOPMENT_ISSUER, audience = DEFAULT_AUDIENCE) =>
  createJwtVerifier({
    hs256Secret: secret,
    issuer,
    audience,
    clockSkewSeconds: 0,
    nowSeconds: () => Math.floor(Date.now() / 1000),
  }).verify(token);

describe('token', () => {
  it('signs the given claims with the development key it generates in the data directory', async () => {
    const dir = tempDataDir();
    const args = ['token', '--subject', 'ci', '--roles', 'integrator,reader,auditor,admin'];
    const run = await cli(dir, [...args, '--organisations', 'trial-area:oulu,national', '--ttl', '600']);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/generated a development key for LEDGER_JWT_HS256_SECRET/);
    const secret = readFileSync(join(dir, 'jwt-hs256.key'), 'utf8').trim();
    const claims = await verify(run.out.trim(), secret);
    expect(claims).toMatchObject({
      sub: 'ci',
      roles: ['integrator', 'reader', 'auditor', 'admin'],
      organisations: ['trial-area:oulu', 'national'],
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);

    const second = await cli(dir, ['token']);
    expect(second.err).toBe('');
    expect(await verify(second.out.trim(), secret)).toMatchObject({
      sub: 'developer',
      roles: ['integrator', 'reader'],
      organisations: ['national'],
    });
  });

  it('uses LEDGER_JWT_HS256_SECRET, issuer and audience from the environment when set', async () => {
    const dir = tempDataDir();
    const secret = 'a-development-secret-of-at-least-32-characters';
    const env = { LEDGER_JWT_HS256_SECRET: secret, LEDGER_JWT_ISSUER: 'me', LEDGER_JWT_AUDIENCE: 'you' };
    const run = await cli(dir, ['token', '--roles', 'reader'], env);
    expect(run.code).toBe(0);
    expect(await verify(run.out.trim(), secret, 'me', 'you')).toMatchObject({ roles: ['reader'] });
    await expect(verify(run.out.trim(), `${secret}x`, 'me', 'you')).rejects.toThrow();
  });

  it('refuses production, unknown roles and malformed organisations', async () => {
    const dir = tempDataDir();
    const production = await cli(dir, ['token'], { NODE_ENV: 'production' });
    expect(production.code).toBe(1);
    expect(production.out).toBe('');
    expect(production.err).toMatch(/production/);
    expect((await cli(dir, ['token', '--roles', 'root'])).code).toBe(2);
    expect((await cli(dir, ['token', '--organisations', 'oulu'])).code).toBe(2);
    expect((await cli(dir, ['token', '--ttl', '0'])).code).toBe(2);
  });
});

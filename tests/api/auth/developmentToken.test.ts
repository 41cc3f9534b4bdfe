import { describe, expect, it } from 'vitest';
import { authenticatorFromSettings } from '../../../src/api/auth/authenticator.js';
import { type AuthSettings, defaultAuthSettings } from '../../../src/api/auth/settings.js';
import { issueDevelopmentToken } from '../../../src/cli/tokenCommand.js';
import { fixedClock } from '../../../src/clock.js';
import { HS_SECRET, NOW } from './support/keys.js';

const settings: AuthSettings = { ...defaultAuthSettings, NODE_ENV: 'development', LEDGER_JWT_HS256_SECRET: HS_SECRET };

const token = (overrides: Partial<Parameters<typeof issueDevelopmentToken>[0]> = {}) =>
  issueDevelopmentToken({
    secret: HS_SECRET,
    subject: 'developer',
    roles: ['integrator', 'reader', 'unknown-role'],
    organisations: ['employment-area:jyvaskyla', 'Not An Org'],
    ttlSeconds: 3_600,
    now: new Date(NOW),
    ...overrides,
  });

describe('issueDevelopmentToken', () => {
  it('issues an HS256 token the development server accepts (unknown roles and organisations grant nothing)', async () => {
    const authenticator = authenticatorFromSettings(settings, fixedClock('2026-06-30T09:30:00.000Z'));
    await expect(authenticator.authenticate({ authorization: `Bearer ${token()}` })).resolves.toEqual({
      subject: 'developer',
      roles: ['integrator', 'reader'],
      organisations: ['employment-area:jyvaskyla'],
      via: 'jwt',
    });
  });

  it('expires after its time to live', async () => {
    const authenticator = authenticatorFromSettings(settings, fixedClock('2026-06-30T10:02:00.000Z'));
    await expect(authenticator.authenticate({ authorization: `Bearer ${token()}` })).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
    });
  });

  it('refuses a short secret and a non-positive lifetime', () => {
    expect(() => token({ secret: 'short' })).toThrow(/32/);
    expect(() => token({ ttlSeconds: 0 })).toThrow(/ttlSeconds/);
  });
});

import { ROLES, type Role } from '../../src/api/auth/identity.js';
import { issueDevelopmentToken } from '../../src/cli/tokenCommand.js';
import { finnishReferenceData } from '../../src/domain/reference/finland.js';

/** The HS256 development secret the test servers accept (LEDGER_JWT_HS256_SECRET). */
export const TEST_JWT_SECRET = 'jwt-secret-for-the-test-suite-only-0123456789';

/** `national` and every organisation of the shipped reference data. */
export const ALL_ORGANISATIONS: readonly string[] = [
  'national',
  ...finnishReferenceData.teOffices.map((o) => `te-office:${o.id}`),
  ...finnishReferenceData.trialAreas.map((o) => `trial-area:${o.id}`),
  ...finnishReferenceData.employmentAreas.map((o) => `employment-area:${o.id}`),
];

/** The environment a test server needs to accept `testToken()` and not rate-limit a busy test. */
export const TEST_AUTH_ENV: Readonly<Record<string, string>> = {
  LEDGER_JWT_HS256_SECRET: TEST_JWT_SECRET,
  LEDGER_RATE_LIMIT_PER_IP: '10000000',
  LEDGER_RATE_LIMIT_PER_IDENTITY: '10000000',
};

/**
 * A development token valid from 2000 for 60 years (the servers run on fixed clocks): by default every role and
 * every organisation, subject `test-suite`.
 */
export const testToken = (
  options: { subject?: string; roles?: readonly Role[]; organisations?: readonly string[] } = {},
): string =>
  issueDevelopmentToken({
    secret: TEST_JWT_SECRET,
    subject: options.subject ?? 'test-suite',
    roles: options.roles ?? ROLES,
    organisations: options.organisations ?? ALL_ORGANISATIONS,
    ttlSeconds: 60 * 365 * 86_400,
    now: new Date('2000-01-01T00:00:00Z'),
  });

/** `{ authorization: 'Bearer ...' }` for `testToken(options)`. */
export const bearer = (options?: Parameters<typeof testToken>[0]): Record<string, string> => ({
  authorization: `Bearer ${testToken(options)}`,
});

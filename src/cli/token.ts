import { ROLES } from '../api/auth/identity.js';
import { DEFAULT_AUDIENCE, DEVELOPMENT_ISSUER } from '../api/auth/settings.js';
import type { Config } from '../config/config.js';
import { AppError } from '../domain/errors.js';
import { integerOption } from './cliArgs.js';
import { type CliIo, defineCommand, UsageError } from './command.js';
import { organisationsOption, rolesOption } from './identityOptions.js';
import { secretOrDevelopmentKey } from './secrets.js';
import { issueDevelopmentToken } from './tokenCommand.js';

export class DevelopmentTokenRefused extends AppError {
  readonly code = 'DEVELOPMENT_TOKEN_REFUSED';
  readonly kind = 'preconditionFailed';
}

/** File in LEDGER_DATA_DIR holding the generated development secret; the server must read the same one. */
export const HS256_KEY_FILE = 'jwt-hs256.key';

/**
 * An authentication setting from the validated config when it declares it, otherwise from the environment
 * (the JWT settings are not all part of the config schema yet).
 */
const setting = (config: Config, io: CliIo, name: string): string | undefined => {
  const value = (config as Readonly<Record<string, unknown>>)[name] ?? io.env[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const tokenCommand = defineCommand({
  usage: 'token [--subject S] [--roles R,...] [--organisations ORG,...] [--ttl SECONDS]',
  description:
    'Prints a development JWT (HS256) for the API on stdout, e.g. ' +
    '`curl -H "authorization: Bearer $(jobseeker-ledger token)" ...`. It is signed with LEDGER_JWT_HS256_SECRET, or ' +
    `without it with the development key in LEDGER_DATA_DIR/${HS256_KEY_FILE} (generated on first use). Issuer and ` +
    `audience are LEDGER_JWT_ISSUER and LEDGER_JWT_AUDIENCE (default ${DEVELOPMENT_ISSUER}, ${DEFAULT_AUDIENCE}). ` +
    'Refused when NODE_ENV=production, where HS256 tokens are not accepted.',
  options: {
    subject: { type: 'string', valueName: 'S', default: 'developer', description: 'the sub claim' },
    roles: {
      type: 'string',
      valueName: 'R,...',
      default: 'integrator,reader',
      description: `comma-separated roles: ${ROLES.join(', ')}`,
    },
    organisations: {
      type: 'string',
      valueName: 'ORG,...',
      default: 'national',
      description: 'comma-separated organisation ids, e.g. trial-area:oulu,national',
    },
    ttl: { type: 'string', valueName: 'SECONDS', default: '3600', description: 'lifetime of the token' },
  },
  async run({ values, positionals, io, config }) {
    if (positionals.length > 0) throw new UsageError(`token takes no arguments, got ${positionals.join(' ')}`);
    const subject = values.subject ?? '';
    if (subject.length === 0 || subject.length > 256) throw new UsageError('--subject must be 1-256 characters');
    const input = {
      subject,
      roles: rolesOption(values.roles),
      organisations: organisationsOption(values.organisations),
      ttlSeconds: integerOption('ttl', values.ttl, 1, 31_536_000),
    };
    const settings = config();
    if (settings.NODE_ENV === 'production')
      throw new DevelopmentTokenRefused(
        'token makes development tokens, which production refuses (NODE_ENV=production)',
      );
    const secret = secretOrDevelopmentKey(
      settings,
      setting(settings, io, 'LEDGER_JWT_HS256_SECRET'),
      'LEDGER_JWT_HS256_SECRET',
      HS256_KEY_FILE,
      (message) => io.stderr.write(`${message}\n`),
    );
    if (secret.length < 32) throw new DevelopmentTokenRefused('LEDGER_JWT_HS256_SECRET must be at least 32 characters');
    const issuer = setting(settings, io, 'LEDGER_JWT_ISSUER') ?? DEVELOPMENT_ISSUER;
    const audience = setting(settings, io, 'LEDGER_JWT_AUDIENCE') ?? DEFAULT_AUDIENCE;
    io.stdout.write(`${issueDevelopmentToken({ ...input, secret, issuer, audience })}\n`);
    return 0;
  },
});

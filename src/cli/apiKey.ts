import { type ApiKeyRecord, addApiKey, createApiKey, readApiKeys, revokeApiKey } from '../api/auth/apiKeys.js';
import { ROLES } from '../api/auth/identity.js';
import { AppError } from '../domain/errors.js';
import { type CommandContext, defineCommand, UsageError } from './command.js';
import { organisationsOption, rolesOption } from './identityOptions.js';

export class ApiKeysFileNotSet extends AppError {
  readonly code = 'API_KEYS_FILE_NOT_SET';
  readonly kind = 'preconditionFailed';
}

export class ApiKeysFileInvalid extends AppError {
  readonly code = 'API_KEYS_FILE_INVALID';
  readonly kind = 'invalid';
}

export class ApiKeyNotFound extends AppError {
  readonly code = 'API_KEY_NOT_FOUND';
  readonly kind = 'notFound';
}

const options = {
  file: { type: 'string', valueName: 'PATH', description: 'the key file (default LEDGER_API_KEYS_FILE)' },
  label: { type: 'string', valueName: 'TEXT', description: 'create: who or what uses the key (up to 200 characters)' },
  roles: { type: 'string', valueName: 'R,...', description: `create: comma-separated roles: ${ROLES.join(', ')}` },
  organisations: {
    type: 'string',
    valueName: 'ORG,...',
    description: 'create: comma-separated organisation ids, e.g. employment-area:jyvaskyla',
  },
  'expires-at': {
    type: 'string',
    valueName: 'TIME',
    description: 'create: ISO-8601 instant after which the key stops working',
  },
  'record-only': {
    type: 'boolean',
    description: 'create: write no file; print the key and its record as JSON, for a key file kept elsewhere',
  },
  json: { type: 'boolean', description: 'list: print JSON instead of a table' },
} as const;

type Context = CommandContext<typeof options>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const keyFile = ({ values, config }: Context): string => {
  const file = values.file ?? config().LEDGER_API_KEYS_FILE;
  if (file === undefined)
    throw new ApiKeysFileNotSet('Set LEDGER_API_KEYS_FILE (the file the server reads) or pass --file PATH');
  return file;
};

/** Runs `action` on the key file, reporting a malformed file as such rather than with a stack trace. */
const onKeyFile = <T>(file: string, action: () => T): T => {
  try {
    return action();
  } catch (error) {
    if (error instanceof AppError || error instanceof UsageError) throw error;
    throw new ApiKeysFileInvalid(`${file} is not a valid API key file: ${(error as Error).message}`);
  }
};

const newKey = ({ values }: Context, now: string) => {
  const label = values.label?.trim() ?? '';
  if (label.length === 0 || label.length > 200) throw new UsageError('--label must be 1-200 characters');
  const expiresAt = values['expires-at'];
  if (expiresAt !== undefined && (!ISO_INSTANT.test(expiresAt) || Number.isNaN(Date.parse(expiresAt))))
    throw new UsageError(`--expires-at must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, got ${expiresAt}`);
  const expires = expiresAt === undefined ? undefined : new Date(expiresAt).toISOString();
  if (expires !== undefined && expires <= now) throw new UsageError('--expires-at must be in the future');
  return {
    label,
    roles: rolesOption(values.roles),
    organisations: organisationsOption(values.organisations),
    ...(expires === undefined ? {} : { expiresAt: expires }),
  };
};

const create = (context: Context): number => {
  const { io, values } = context;
  const now = new Date().toISOString();
  const input = newKey(context, now);
  if (values['record-only']) {
    io.stdout.write(`${JSON.stringify(createApiKey(input, now), null, 2)}\n`);
    io.stderr.write('The key is shown once: store it now. Add the record to the "keys" of the key file.\n');
    return 0;
  }
  const file = keyFile(context);
  const record = onKeyFile(file, () => addApiKey(file, input, { now, print: (key) => io.stdout.write(`${key}\n`) }));
  io.stderr.write(
    `Added API key ${record.keyId} (${record.label}) to ${file}. The key is shown once: store it now.\n` +
      'A running server picks it up at the next request.\n',
  );
  return 0;
};

const statusOf = (record: ApiKeyRecord, now: string): string =>
  record.revokedAt !== undefined
    ? 'revoked'
    : record.expiresAt !== undefined && Date.parse(record.expiresAt) <= Date.parse(now)
      ? 'expired'
      : 'active';

const table = (rows: ReadonlyArray<readonly string[]>): string => {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

const list = (context: Context): number => {
  const file = keyFile(context);
  const now = new Date().toISOString();
  const keys = onKeyFile(file, () => readApiKeys(file)).map((record) => {
    const { hash: _hash, ...shown } = record;
    return { ...shown, status: statusOf(record, now) };
  });
  if (context.values.json) {
    context.io.stdout.write(`${JSON.stringify(keys, null, 2)}\n`);
    return 0;
  }
  const header = ['keyId', 'status', 'label', 'roles', 'organisations', 'created', 'expires'];
  const rows = keys.map((k) => [
    k.keyId,
    k.status,
    k.label,
    k.roles.join(','),
    k.organisations.join(','),
    k.createdAt,
    k.revokedAt === undefined ? (k.expiresAt ?? '-') : `revoked ${k.revokedAt}`,
  ]);
  context.io.stdout.write(keys.length === 0 ? `No API keys in ${file}\n` : `${table([header, ...rows])}\n`);
  return 0;
};

const revoke = (context: Context, keyId: string): number => {
  const file = keyFile(context);
  if (!onKeyFile(file, () => revokeApiKey(file, keyId, new Date().toISOString())))
    throw new ApiKeyNotFound(`No active API key ${keyId} in ${file}`);
  context.io.stderr.write(`Revoked API key ${keyId}; a running server refuses it from the next request.\n`);
  return 0;
};

export const apiKeyCommand = defineCommand({
  usage:
    'api-key create --label TEXT --roles R,... --organisations ORG,... [--expires-at TIME] [--record-only] | ' +
    'api-key list [--json] | api-key revoke KEY_ID',
  description:
    'Manages the API keys of machine integrators in the key file the server reads (LEDGER_API_KEYS_FILE, or ' +
    '--file). `create` prints a new key `jsl_<keyId>_<secret>` once on stdout and adds only its SHA-256 with ' +
    'label, roles, organisations and expiry to the file (mode 0600); the key cannot be recovered later. `list` ' +
    'shows the keys without their hashes; `revoke` marks one revoked. A running server re-reads the file when ' +
    'it changes, so no restart is needed. Clients send the key as `X-Api-Key: jsl_...` or ' +
    '`Authorization: ApiKey jsl_...`.',
  arguments: [
    { name: 'create | list | revoke', description: 'what to do' },
    { name: 'KEY_ID', description: 'revoke: the 16-hex-digit key id (the part after jsl_, as `list` shows it)' },
  ],
  options,
  async run(context) {
    const [action, keyId, ...extra] = context.positionals;
    if (extra.length > 0 || (action !== 'revoke' && keyId !== undefined))
      throw new UsageError(`too many arguments: ${context.positionals.join(' ')}`);
    if (action === 'create') return create(context);
    if (action === 'list') return list(context);
    if (action === 'revoke') {
      if (keyId === undefined || !/^[0-9a-f]{16}$/.test(keyId))
        throw new UsageError('revoke needs the key id: 16 hexadecimal digits, as `api-key list` shows');
      return revoke(context, keyId);
    }
    throw new UsageError(action === undefined ? 'api-key needs create, list or revoke' : `unknown action ${action}`);
  },
});

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { tokenExpired, tokenInvalid } from './errors.js';
import { type Identity, organisationsFrom, ROLES, type Role } from './identity.js';

/**
 * API keys for machine integrators: `jsl_<keyId>_<secret>` with a 256-bit random secret. Only SHA-256 of the
 * secret is stored. A slow hash (scrypt) protects guessable passwords; a 256-bit random secret cannot be guessed,
 * so a fast hash is as safe here and costs no CPU per request.
 */
const KEY_FORMAT = /^jsl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

const ApiKeyRecord = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  hash: z.string().regex(/^sha256:[A-Za-z0-9_-]{43}$/),
  roles: z.array(z.enum(ROLES)),
  organisations: z.array(z.string()),
  label: z.string().max(200),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type ApiKeyRecord = z.infer<typeof ApiKeyRecord>;
const ApiKeyFile = z.object({ version: z.literal(1), keys: z.array(ApiKeyRecord) });
type ApiKeyFile = z.infer<typeof ApiKeyFile>;

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();
const DUMMY = digest('no such key');

export interface NewApiKey {
  label: string;
  roles: readonly Role[];
  organisations: readonly string[];
  expiresAt?: string;
}

/** A fresh key and the record to store; the key itself is shown once and never stored. */
export const createApiKey = (input: NewApiKey, now: string): { key: string; record: ApiKeyRecord } => {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const organisations = organisationsFrom(input.organisations);
  const rejected = input.organisations.filter((organisation) => !organisations.includes(organisation));
  if (rejected.length > 0) throw new Error(`not organisation ids: ${rejected.join(', ')}`);
  const record = ApiKeyRecord.parse({
    keyId,
    hash: `sha256:${digest(secret).toString('base64url')}`,
    roles: [...new Set(input.roles)],
    organisations,
    label: input.label,
    createdAt: now,
    ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
  });
  return { key: `jsl_${keyId}_${secret}`, record };
};

const readKeyFile = (path: string): ApiKeyFile =>
  existsSync(path) ? ApiKeyFile.parse(JSON.parse(readFileSync(path, 'utf8'))) : { version: 1, keys: [] };

/** The records of a key file, oldest first (none when the file does not exist yet). */
export const readApiKeys = (path: string): ApiKeyRecord[] => readKeyFile(path).keys;

const writeKeyFile = (path: string, file: ApiKeyFile): void => {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(temporary, path);
};

/** Creates a key, appends its record to the key file (mode 0600) and hands the key to `print`, once. */
export const addApiKey = (
  path: string,
  input: NewApiKey,
  options: { now: string; print: (key: string) => void },
): ApiKeyRecord => {
  const file = readKeyFile(path);
  const { key, record } = createApiKey(input, options.now);
  writeKeyFile(path, { ...file, keys: [...file.keys, record] });
  options.print(key);
  return record;
};

/** Marks a key revoked; it stops working at the next request (the store re-reads a changed file). */
export const revokeApiKey = (path: string, keyId: string, now: string): boolean => {
  const file = readKeyFile(path);
  const found = file.keys.some((record) => record.keyId === keyId && record.revokedAt === undefined);
  if (found)
    writeKeyFile(path, {
      ...file,
      keys: file.keys.map((record) => (record.keyId === keyId ? { ...record, revokedAt: now } : record)),
    });
  return found;
};

export interface ApiKeyStore {
  /** The identity of a presented key, or throws TOKEN_INVALID / TOKEN_EXPIRED. */
  verify(presented: string, now: string): Identity;
}

/** Opens the key file (must be valid at start-up); re-reads it when it changes, keeping the last good version. */
export const openApiKeyStore = (path: string, onError: (error: unknown) => void = () => {}): ApiKeyStore => {
  const load = () =>
    new Map(
      readKeyFile(path).keys.map((record) => [
        record.keyId,
        { ...record, organisations: organisationsFrom(record.organisations) },
      ]),
    );
  const versionOf = () => {
    const stat = statSync(path, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : 'absent';
  };
  let seen = versionOf();
  let records = load();

  const current = () => {
    try {
      const version = versionOf();
      if (version !== seen) {
        seen = version;
        records = load();
      }
    } catch (error) {
      onError(error);
    }
    return records;
  };

  return {
    verify(presented, now) {
      const match = KEY_FORMAT.exec(presented);
      if (!match) throw tokenInvalid('malformed API key');
      const [, keyId, secret] = match as unknown as [string, string, string];
      const record = current().get(keyId);
      const stored = record ? Buffer.from(record.hash.slice('sha256:'.length), 'base64url') : DUMMY;
      const matches = timingSafeEqual(digest(secret), stored);
      if (!record || !matches || record.revokedAt !== undefined) throw tokenInvalid('unknown or revoked API key');
      if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= Date.parse(now)) throw tokenExpired();
      return {
        subject: `apiKey:${record.keyId}`,
        roles: record.roles,
        organisations: [...record.organisations],
        via: 'apiKey',
      };
    },
  };
};

import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadedSigningKey, loadOrCreateSigningKey, publicKeyFromPem } from '../audit/signing.js';
import type { Config } from '../config/config.js';
import { MissingSecretError } from './secrets.js';

export const signingKeyPath = (config: Config): string =>
  config.LEDGER_AUDIT_SIGNING_KEY_FILE ?? join(config.LEDGER_DATA_DIR, 'audit-signing.key');

/** The Ed25519 checkpoint key: configured in production, generated into the data directory in development. */
export const loadSigningKey = (config: Config): LoadedSigningKey => {
  if (config.NODE_ENV === 'production' && config.LEDGER_AUDIT_SIGNING_KEY_FILE === undefined)
    throw new MissingSecretError('LEDGER_AUDIT_SIGNING_KEY_FILE must name the checkpoint signing key in production');
  return loadOrCreateSigningKey(signingKeyPath(config));
};

/** Public keys that may have signed checkpoints: the current key's `.pub` file, for offline verification. */
export const loadPublicKeys = (config: Config, extraPemFiles: readonly string[] = []): KeyObject[] =>
  [`${signingKeyPath(config)}.pub`, ...extraPemFiles].flatMap((file) => {
    try {
      return [publicKeyFromPem(readFileSync(file, 'utf8'))];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && extraPemFiles.length === 0) return [];
      throw error;
    }
  });

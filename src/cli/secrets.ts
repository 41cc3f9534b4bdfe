import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';

export class MissingSecretError extends Error {
  override readonly name = 'MissingSecretError';
}

/**
 * A secret from configuration, or in development a random one generated on first start into the data directory
 * (mode 0600). Production refuses to start without the configured value.
 */
export const secretOrDevelopmentKey = (
  config: Config,
  configured: string | undefined,
  variable: string,
  fileName: string,
  announce: (message: string) => void,
): string => {
  if (configured) return configured;
  if (config.NODE_ENV === 'production')
    throw new MissingSecretError(`${variable} must be set in production (at least 32 characters)`);
  mkdirSync(config.LEDGER_DATA_DIR, { recursive: true });
  const file = join(config.LEDGER_DATA_DIR, fileName);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    announce(`generated a development key for ${variable} in ${file}; set ${variable} in production`);
  }
  return readFileSync(file, 'utf8').trim();
};

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** Wraps and unwraps clients' data keys with the master key (AES-256-GCM, the client id as associated data). */
export interface KeyWrapper {
  wrap(clientId: string, key: Buffer): Buffer;
  /** @throws when the wrapped key was altered or belongs to another client or master key. */
  unwrap(clientId: string, wrapped: Buffer): Buffer;
  /** A short, non-secret identifier of the master key, stored with wrapped keys. */
  readonly keyId: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const createKeyWrapper = (masterKey: Buffer): KeyWrapper => {
  if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes (AES-256)');
  const keyId = createHmac('sha256', masterKey).update('jobseeker-ledger/master-key-id').digest('hex').slice(0, 16);
  return {
    keyId,
    wrap: (clientId, key) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
      cipher.setAAD(Buffer.from(clientId, 'utf8'));
      const body = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    unwrap: (clientId, wrapped) => {
      const decipher = createDecipheriv('aes-256-gcm', masterKey, wrapped.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(clientId, 'utf8'));
      decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    },
  };
};

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface IdentityKeys {
  /** 32 bytes for the HMAC look-up key. */
  lookupKey: Buffer;
  /** 32 bytes for AES-256-GCM. */
  encryptionKey: Buffer;
}

/** Derives the two keys from one secret so one configuration value suffices. */
export const deriveIdentityKeys = (secret: string): IdentityKeys => ({
  lookupKey: createHmac('sha256', secret).update('jobseeker-ledger/identity/lookup').digest(),
  encryptionKey: createHmac('sha256', secret).update('jobseeker-ledger/identity/encryption').digest(),
});

/** The keyed look-up hash (HMAC-SHA-256) of a validated, normalised code: the only form a store may index. */
export const lookupHash = (keys: IdentityKeys, code: string): Buffer =>
  createHmac('sha256', keys.lookupKey).update(code).digest();

/** The code sealed with AES-256-GCM: IV (12 bytes), tag (16 bytes), ciphertext. */
export const sealIdentity = (keys: IdentityKeys, code: string): Buffer => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
};

/** Decrypts a sealed code; only for the erasure audit and key rotation, never for an API answer. */
export const decryptIdentity = (key: Buffer, sealed: Buffer): string => {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
};

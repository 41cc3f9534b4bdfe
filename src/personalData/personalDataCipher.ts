import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/** How an encrypted `person` part is stored in an event's `data`. */
export interface SealedPersonalData {
  $enc: typeof ALGORITHM;
  /** Base64 of the 12-byte nonce. */
  iv: string;
  /** Base64 of the ciphertext followed by the 16-byte GCM tag. */
  ct: string;
}

const ALGORITHM = 'A256GCM-SIV1';
const TAG_BYTES = 16;

export const isSealed = (value: unknown): value is SealedPersonalData =>
  typeof value === 'object' &&
  value !== null &&
  (value as { $enc?: unknown }).$enc === ALGORITHM &&
  typeof (value as { iv?: unknown }).iv === 'string' &&
  typeof (value as { ct?: unknown }).ct === 'string';

/**
 * AES-256-GCM with a synthetic nonce: the nonce is an HMAC of the associated data and the plaintext under the
 * key's second half, so a retried event encrypts to the same bytes (idempotent appends compare equal) and two
 * different plaintexts never share a nonce. The first 32 bytes of the 64-byte data key encrypt.
 */
export const sealPersonalData = (key: Buffer, associatedData: string, fields: object): SealedPersonalData => {
  const plain = Buffer.from(JSON.stringify(fields), 'utf8');
  const aad = Buffer.from(associatedData, 'utf8');
  const iv = createHmac('sha256', key.subarray(32)).update(aad).update(plain).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key.subarray(0, 32), iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { $enc: ALGORITHM, iv: iv.toString('base64'), ct: body.toString('base64') };
};

/** @throws when the sealed part was altered, moved to another event, or sealed with another key. */
export const openPersonalData = (
  key: Buffer,
  associatedData: string,
  sealed: SealedPersonalData,
): Record<string, unknown> => {
  const body = Buffer.from(sealed.ct, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key.subarray(0, 32), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
};

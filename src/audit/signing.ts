import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../domain/errors.js';
import { sha256Hex } from './hashing.js';

export class SigningKeyError extends AppError {
  readonly code = 'AUDIT_SIGNING_KEY_INVALID';
  readonly kind = 'invalid';
}

export const generateSigningKey = (): KeyObject => generateKeyPairSync('ed25519').privateKey;

const asPublicKey = (key: KeyObject): KeyObject => (key.type === 'private' ? createPublicKey(key) : key);

/** First 16 hex characters of SHA-256 over the public key's SPKI DER encoding. */
export const keyIdOf = (key: KeyObject): string =>
  sha256Hex(asPublicKey(key).export({ type: 'spki', format: 'der' })).slice(0, 16);

export const privateKeyToPem = (key: KeyObject): string => key.export({ type: 'pkcs8', format: 'pem' }).toString();
export const publicKeyToPem = (key: KeyObject): string =>
  asPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();

const assertEd25519 = (key: KeyObject): KeyObject => {
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('Audit checkpoint keys must be Ed25519');
  return key;
};

/** An Ed25519 private key from PKCS#8 PEM. */
export const privateKeyFromPem = (pem: string): KeyObject => {
  try {
    return assertEd25519(createPrivateKey(pem));
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`Not an Ed25519 private key in PEM: ${(error as Error).message}`);
  }
};

/** An Ed25519 public key from SPKI PEM (a private key PEM yields its public key). */
export const publicKeyFromPem = (pem: string): KeyObject => {
  try {
    return assertEd25519(createPublicKey(pem));
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`Not an Ed25519 public key in PEM: ${(error as Error).message}`);
  }
};

/** Public keys by key id, from KeyObjects (private or public) or PEM strings. */
export const publicKeyRing = (keys: Iterable<KeyObject | string>): Map<string, KeyObject> => {
  const ring = new Map<string, KeyObject>();
  for (const key of keys) {
    const publicKey = asPublicKey(typeof key === 'string' ? publicKeyFromPem(key) : assertEd25519(key));
    ring.set(keyIdOf(publicKey), publicKey);
  }
  return ring;
};

export const signBytes = (key: KeyObject, data: string): string =>
  sign(null, Buffer.from(data), key).toString('base64');

export const verifyBytes = (key: KeyObject, data: string, signature: string): boolean => {
  try {
    return verify(null, Buffer.from(data), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};

export interface LoadedSigningKey {
  key: KeyObject;
  keyId: string;
  path: string;
  /** True when the key did not exist and was generated now. */
  created: boolean;
}

/**
 * For development: reads the PKCS#8 PEM private key at `path`, or generates one there (mode 0600) when
 * the file does not exist. The public key is written next to it as `<path>.pub`. Production keys come from
 * configuration instead.
 */
export const loadOrCreateSigningKey = (path: string): LoadedSigningKey => {
  if (existsSync(path)) {
    const key = privateKeyFromPem(readFileSync(path, 'utf8'));
    return { key, keyId: keyIdOf(key), path, created: false };
  }
  const key = generateSigningKey();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, privateKeyToPem(key), { mode: 0o600, flag: 'wx' });
  writeFileSync(`${path}.pub`, publicKeyToPem(key), { mode: 0o644 });
  return { key, keyId: keyIdOf(key), path, created: true };
};

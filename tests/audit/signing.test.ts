import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  keyIdOf,
  loadOrCreateSigningKey,
  privateKeyFromPem,
  publicKeyFromPem,
  publicKeyRing,
  publicKeyToPem,
  signBytes,
  verifyBytes,
} from '../../src/audit/signing.js';
import { tempDirectory } from './support.js';

const directory = tempDirectory('audit-keys-');

describe('signing keys', () => {
  it('generates a development key once, then loads the same key', () => {
    const path = join(directory, 'keys', 'audit-signing.pem');
    const created = loadOrCreateSigningKey(path);
    expect(created.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}.pub`)).toBe(true);
    const loaded = loadOrCreateSigningKey(path);
    expect(loaded).toMatchObject({ created: false, keyId: created.keyId, path });
    expect(created.keyId).toMatch(/^[0-9a-f]{16}$/);
    const publicKey = publicKeyFromPem(readFileSync(`${path}.pub`, 'utf8'));
    expect(keyIdOf(publicKey)).toBe(created.keyId);
    expect(verifyBytes(publicKey, 'payload', signBytes(loaded.key, 'payload'))).toBe(true);
    expect(verifyBytes(publicKey, 'payload!', signBytes(loaded.key, 'payload'))).toBe(false);
  });

  it('builds a key ring from PEM strings and key objects', () => {
    const path = join(directory, 'ring.pem');
    const { key, keyId } = loadOrCreateSigningKey(path);
    const ring = publicKeyRing([publicKeyToPem(key), readFileSync(path, 'utf8'), key]);
    expect([...ring.keys()]).toEqual([keyId]);
  });

  it('refuses keys that are not Ed25519', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => privateKeyFromPem(pem)).toThrow(expect.objectContaining({ code: 'AUDIT_SIGNING_KEY_INVALID' }));
    expect(() => publicKeyFromPem('not a key')).toThrow(expect.objectContaining({ code: 'AUDIT_SIGNING_KEY_INVALID' }));
  });
});

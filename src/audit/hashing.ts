import { createHash, hash as oneShotHash } from 'node:crypto';
import type { EventMetadata } from '../eventStore/eventStore.js';
import { canonicalize, canonicalMetadata } from './canonical.js';

/** `prevHash` of every stream's first event (revision 0). */
export const GENESIS_HASH = '0'.repeat(64);

/** Metadata keys written by the hash chain; integrators may not set them. */
export const HASH_KEYS = ['prevHash', 'hash'] as const;

const HEX_HASH = /^[0-9a-f]{64}$/;

export const isHexHash = (value: unknown): value is string => typeof value === 'string' && HEX_HASH.test(value);

/** SHA-256 as a Buffer; the one-shot `crypto.hash` (Node >= 20.12) avoids a Hash object per call. */
export const sha256: (data: string | Buffer) => Buffer =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('sha256', data, 'buffer')
    : (data) => createHash('sha256').update(data).digest();

export const sha256Hex: (data: string | Buffer) => string =
  typeof oneShotHash === 'function'
    ? (data) => oneShotHash('sha256', data, 'hex')
    : (data) => createHash('sha256').update(data).digest('hex');

/** The fields an event hash covers; `recordedAt` and `position` are assigned by the store afterwards and are not. */
export interface HashedFields {
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * SHA-256 (hex) over the RFC 8785 canonical JSON of
 * `{ stream, revision (decimal string), id, type, version, data, metadata without prevHash/hash, prevHash }`.
 * The text is assembled with the keys already in canonical order.
 */
export const eventHash = (event: HashedFields, prevHash: string): string =>
  sha256Hex(hashInput(canonicalize(event.data) ?? 'null', canonicalMetadata(event.metadata), event, prevHash));

/**
 * The canonical hash input from the canonical texts of `data` and of the metadata without hash keys. A revision
 * may be given as its decimal string.
 */
export const hashInput = (
  data: string,
  metadata: string,
  event: Pick<HashedFields, 'stream' | 'id' | 'type' | 'version'> & { revision: bigint | string },
  prevHash: string,
): string =>
  validatedHashInput(
    data,
    metadata,
    escaped(event.stream),
    event.revision,
    escaped(event.id),
    escaped(event.type),
    JSON.stringify(event.version),
    escaped(prevHash),
  );

/** Whether JSON writes the string with escapes: quotes, backslashes, control characters, surrogates. */
const needsEscape = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
  }
  return false;
};

/** The text JSON writes between the quotes of a string. */
const escaped = (text: string): string => (needsEscape(text) ? JSON.stringify(text).slice(1, -1) : text);

/** Reused for every input, and joined into one flat string: cheaper to build and to hash than concatenations. */
const parts = [
  '{"data":',
  '',
  ',"id":"',
  '',
  '","metadata":',
  '',
  ',"prevHash":"',
  '',
  '","revision":"',
  '',
  '","stream":"',
  '',
  '","type":"',
  '',
  '","version":',
  '',
  '}',
];

/**
 * `hashInput` for an event whose stream name, id and type JSON writes without escapes (the store's validation
 * guarantees it), whose version is an integer or its canonical text, and whose `prevHash` is hex.
 */
export const validatedHashInput = (
  data: string,
  metadata: string,
  stream: string,
  revision: bigint | string,
  id: string,
  type: string,
  version: number | string,
  prevHash: string,
): string => {
  parts[1] = data;
  parts[3] = id;
  parts[5] = metadata;
  parts[7] = prevHash;
  parts[9] = typeof revision === 'string' ? revision : revision.toString();
  parts[11] = stream;
  parts[13] = type;
  parts[15] = typeof version === 'string' ? version : String(version);
  const input = parts.join('');
  parts[1] = parts[5] = '';
  return input;
};

/** The chain fields of a stored event, when both are present and well-formed. */
export const chainFieldsOf = (metadata: EventMetadata): { prevHash: string; hash: string } | undefined => {
  const { prevHash, hash } = metadata;
  return isHexHash(prevHash) && isHexHash(hash) ? { prevHash, hash } : undefined;
};

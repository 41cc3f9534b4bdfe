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
export const sha256 = (data: string | Buffer): Buffer =>
  typeof oneShotHash === 'function'
    ? oneShotHash('sha256', data, 'buffer')
    : createHash('sha256').update(data).digest();

export const sha256Hex = (data: string | Buffer): string =>
  typeof oneShotHash === 'function'
    ? oneShotHash('sha256', data, 'hex')
    : createHash('sha256').update(data).digest('hex');

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

/** The canonical hash input from the canonical texts of `data` and of the metadata without hash keys. */
export const hashInput = (
  data: string,
  metadata: string,
  event: Pick<HashedFields, 'stream' | 'revision' | 'id' | 'type' | 'version'>,
  prevHash: string,
): string =>
  `{"data":${data},"id":${JSON.stringify(event.id)},"metadata":${metadata},"prevHash":${JSON.stringify(prevHash)},` +
  `"revision":"${event.revision}","stream":${JSON.stringify(event.stream)},"type":${JSON.stringify(event.type)},` +
  `"version":${JSON.stringify(event.version)}}`;

/** The chain fields of a stored event, when both are present and well-formed. */
export const chainFieldsOf = (metadata: EventMetadata): { prevHash: string; hash: string } | undefined => {
  const { prevHash, hash } = metadata;
  return isHexHash(prevHash) && isHexHash(hash) ? { prevHash, hash } : undefined;
};

import { HASH_BYTES } from '../eventStore/serialisedEvent.js';
import { sha256Hex, validatedHashInput } from './hashing.js';

/** The fields of one event's hash input. */
export interface HashFields {
  id: string;
  type: string;
  version: number | string;
  canonicalData: string;
  canonicalMetadata: string;
}

/**
 * The call's chain hashes, `[prevHash, hash of event 1, hash of event 2, ...]`, 32 bytes each: every hash covers
 * the hex text of the one before it (see `eventHash`).
 */
export const chainHashesOf = (
  stream: string,
  revision: bigint,
  prevHash: string,
  events: readonly HashFields[],
): Uint8Array => {
  const hashes = Buffer.allocUnsafe((events.length + 1) * HASH_BYTES);
  hashes.write(prevHash, 0, HASH_BYTES, 'hex');
  let previous = prevHash;
  let next = revision;
  for (let k = 0; k < events.length; k++) {
    const { id, type, version, canonicalData, canonicalMetadata } = events[k]!;
    // A hex digest is one string; a Buffer digest would be an object with external memory for the GC to track.
    previous = sha256Hex(
      validatedHashInput(canonicalData, canonicalMetadata, stream, next, id, type, version, previous),
    );
    hashes.write(previous, (k + 1) * HASH_BYTES, HASH_BYTES, 'hex');
    next++;
  }
  return hashes;
};

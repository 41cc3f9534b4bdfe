import { InvalidEventError } from '../eventStore/errors.js';
import type { EventMetadata, NewEvent } from '../eventStore/eventStore.js';
import { SerialisedEvent } from '../eventStore/serialisedEvent.js';
import { assertValidNewEvents, normaliseEventId } from '../eventStore/validation.js';
import { canonicalize } from './canonical.js';
import { GENESIS_HASH, HASH_KEYS, sha256Hex, validatedHashInput } from './hashing.js';
import type { Head } from './headCache.js';

/** A validated event with the canonical texts of its `data` and `metadata`: the hash input and the stored form. */
export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  canonicalData: string;
  canonicalMetadata: string;
}

const canonicalText = (value: unknown, index: number, path: string): string => {
  try {
    return canonicalize(value) ?? 'null';
  } catch (error) {
    throw new InvalidEventError(index, path, `must be JSON-serialisable (${(error as Error).message})`);
  }
};

/** Validates the events and takes their canonical texts, before the first `await`. */
export const prepareEvents = (stream: string, events: readonly NewEvent[]): PreparedEvent[] => {
  assertValidNewEvents(stream, events);
  return events.map((event, index) => {
    const metadata = event.metadata ?? {};
    for (const key of HASH_KEYS)
      if (key in metadata) throw new InvalidEventError(index, `metadata.${key}`, 'is reserved for the hash chain');
    return {
      id: normaliseEventId(event.id),
      type: event.type,
      version: event.version ?? 1,
      data: event.data,
      metadata,
      canonicalData: canonicalText(event.data, index, 'data'),
      canonicalMetadata: canonicalText(metadata, index, 'metadata'),
    };
  });
};

/** The stored metadata text: the canonical text with the chain keys added at the end. */
const chainedMetadataJson = (canonicalMetadata: string, prevHash: string, hash: string): string =>
  `${canonicalMetadata === '{}' ? '{' : `${canonicalMetadata.slice(0, -1)},`}"prevHash":"${prevHash}","hash":"${hash}"}`;

/** The metadata with the chain keys; `Object.assign` copies much faster than spread syntax followed by more keys. */
const chainedMetadata = (metadata: EventMetadata, prevHash: string, hash: string): EventMetadata => {
  const chained: EventMetadata = Object.hasOwn(metadata, '__proto__') ? { ...metadata } : Object.assign({}, metadata);
  chained.prevHash = prevHash;
  chained.hash = hash;
  return chained;
};

/** The events hashed onto `head` (undefined: a new stream), and the head they make. */
export const chainEvents = (
  stream: string,
  events: readonly PreparedEvent[],
  head: Head | undefined,
): { chained: SerialisedEvent[]; written: Head } => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head === undefined ? 0n : head.revision + 1n;
  const chained = events.map((event) => {
    const { id, type, version, canonicalData, canonicalMetadata } = event;
    const hash = sha256Hex(
      validatedHashInput(canonicalData, canonicalMetadata, stream, revision, id, type, version, prevHash),
    );
    const serialised = new SerialisedEvent(
      id,
      type,
      version,
      event.data,
      chainedMetadata(event.metadata, prevHash, hash),
      canonicalData,
      chainedMetadataJson(canonicalMetadata, prevHash, hash),
    );
    prevHash = hash;
    revision++;
    return serialised;
  });
  return { chained, written: { revision: revision - 1n, hash: prevHash } };
};

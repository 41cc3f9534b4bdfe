import { InvalidEventError } from '../eventStore/errors.js';
import type { NewEvent } from '../eventStore/eventStore.js';
import { HASH_BYTES, SerialisedEvent } from '../eventStore/serialisedEvent.js';
import { assertValidNewEvents, normaliseEventId } from '../eventStore/validation.js';
import { canonicalize } from './canonical.js';
import { HASH_KEYS } from './hashing.js';
import type { Head } from './headCache.js';

/**
 * A validated event with the canonical texts of its `data` and `metadata`: the hash input and the stored form. It
 * keeps none of the caller's objects.
 */
export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
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
      canonicalData: canonicalText(event.data, index, 'data'),
      canonicalMetadata: canonicalText(metadata, index, 'metadata'),
    };
  });
};

/** The events with their chain hashes (`chainHashesOf`), and the head they make. */
export const chainEvents = (
  events: readonly PreparedEvent[],
  head: Head | undefined,
  hashes: Uint8Array,
): { chained: SerialisedEvent[]; written: Head } => {
  const chained = events.map(
    (event, index) =>
      new SerialisedEvent(
        event.id,
        event.type,
        event.version,
        event.canonicalData,
        event.canonicalMetadata,
        hashes,
        index * HASH_BYTES,
      ),
  );
  const revision = (head === undefined ? -1n : head.revision) + BigInt(events.length);
  return { chained, written: { revision, hash: chained.at(-1)!.hash } };
};

import type { StoredEvent } from '../eventStore/eventStore.js';
import { chainFieldsOf, eventHash, GENESIS_HASH } from './hashing.js';

export type ChainBreakReason = 'HASH_MISSING' | 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'REVISION_GAP';

export interface ChainBreak {
  reason: ChainBreakReason;
  detail: string;
}

/** What the checker knows of the stream before `event`: nothing (`undefined`: the event must be revision 0). */
export interface ChainLink {
  revision: bigint;
  hash: string;
}

/**
 * Checks one event against its predecessor in the stream: revision gap-free, `prevHash` equal to the
 * predecessor's hash (the genesis value at revision 0), `hash` equal to the recomputed hash.
 * `anchor: true` accepts the event as the first one seen of a stream that starts earlier (partial exports).
 */
export const checkLink = (
  event: Pick<StoredEvent, 'stream' | 'revision' | 'id' | 'type' | 'version' | 'data' | 'metadata'>,
  previous: ChainLink | undefined,
  anchor = false,
  fields = chainFieldsOf(event.metadata),
): ChainBreak | undefined => {
  if (fields === undefined)
    return { reason: 'HASH_MISSING', detail: 'metadata.prevHash/hash are missing or malformed' };
  if (previous !== undefined || !anchor) {
    const expectedRevision = previous === undefined ? 0n : previous.revision + 1n;
    if (event.revision !== expectedRevision)
      return {
        reason: 'REVISION_GAP',
        detail: `expected revision ${expectedRevision}, found ${event.revision}: events are missing or out of order`,
      };
    const expectedPrev = previous?.hash ?? GENESIS_HASH;
    if (fields.prevHash !== expectedPrev)
      return { reason: 'PREV_HASH_MISMATCH', detail: `prevHash ${fields.prevHash} differs from ${expectedPrev}` };
  }
  const recomputed = eventHash(event, fields.prevHash);
  if (recomputed !== fields.hash)
    return { reason: 'HASH_MISMATCH', detail: `stored hash ${fields.hash}, recomputed ${recomputed}: content altered` };
  return undefined;
};

export interface StreamChainReport {
  ok: boolean;
  eventsChecked: number;
  firstBreak?: ChainBreak & { revision: bigint; position: bigint; eventId: string };
}

/** Verifies one stream's events, given in revision order from revision 0. Pure. */
export const verifyStreamChain = (events: Iterable<StoredEvent>): StreamChainReport => {
  let previous: ChainLink | undefined;
  let eventsChecked = 0;
  for (const event of events) {
    const broken = checkLink(event, previous);
    if (broken !== undefined)
      return {
        ok: false,
        eventsChecked,
        firstBreak: { ...broken, revision: event.revision, position: event.position, eventId: event.id },
      };
    previous = { revision: event.revision, hash: chainFieldsOf(event.metadata)!.hash };
    eventsChecked++;
  }
  return { ok: true, eventsChecked };
};

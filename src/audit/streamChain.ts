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
  const broken = checkLinkage(event.revision, fields.prevHash, previous?.revision, previous?.hash, anchor);
  if (broken !== undefined) return broken;
  const recomputed = eventHash(event, fields.prevHash);
  if (recomputed !== fields.hash)
    return { reason: 'HASH_MISMATCH', detail: `stored hash ${fields.hash}, recomputed ${recomputed}: content altered` };
  return undefined;
};

/**
 * The link checks of `checkLink` without the hash, for an event whose hash was recomputed elsewhere; the
 * predecessor is given by its revision and hash (both undefined: none seen).
 */
export const checkLinkage = (
  revision: bigint,
  prevHash: string,
  previousRevision: bigint | undefined,
  previousHash: string | undefined,
  anchor: boolean,
): ChainBreak | undefined => {
  if (previousRevision === undefined && anchor) return undefined;
  const expectedRevision = previousRevision === undefined ? 0n : previousRevision + 1n;
  if (revision !== expectedRevision)
    return {
      reason: 'REVISION_GAP',
      detail: `expected revision ${expectedRevision}, found ${revision}: events are missing or out of order`,
    };
  const expectedPrev = previousHash ?? GENESIS_HASH;
  if (prevHash !== expectedPrev)
    return { reason: 'PREV_HASH_MISMATCH', detail: `prevHash ${prevHash} differs from ${expectedPrev}` };
  return undefined;
};

/**
 * What a line checker reports of an event whose hash it recomputed and found equal to the stored one. Position and
 * revision are safe integers; the event's prevHash and hash are 64 bytes: the 16 words of `chain` at `chainAt`.
 */
export interface CheckedEvent {
  position: number;
  stream: string;
  revision: number;
  chain: Int32Array;
  chainAt: number;
}

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

import { IdempotencyConflictError } from '../errors.js';
import type { AppendResult, NewEvent, StoredEvent } from '../eventStore.js';
import { isSameEvent } from '../idempotency.js';
import { normaliseEventId } from '../validation.js';
import { type ReadContext, readWritten } from './reads.js';

/**
 * Finds the call's ids among the newest `window` events of the stream, reading backwards and
 * stopping as soon as every id is found. Only this stream is searched: KurrentDB has no index by
 * event id, so an id reused in another stream is not detected.
 */
export const findStored = async (
  ctx: ReadContext,
  stream: string,
  ids: ReadonlySet<string>,
  window: number,
): Promise<Map<string, StoredEvent>> => {
  const found = new Map<string, StoredEvent>();
  const maxCount = Number.isFinite(window) ? window : undefined;
  const read = { direction: 'backwards' as const, maxCount, requiresLeader: true };
  for await (const { event } of readWritten(ctx, stream, read)) {
    if (ids.has(event.id)) found.set(event.id, event);
    if (found.size === ids.size) break;
  }
  return found;
};

/**
 * Decides what already-stored copies of the call's events mean: nothing stored, a new append;
 * all stored with the same content, an exact retry answered with the original revisions and
 * positions; anything else is refused.
 */
export const resolveRetry = (
  stream: string,
  events: readonly NewEvent[],
  found: ReadonlyMap<string, StoredEvent>,
): AppendResult | undefined => {
  if (found.size === 0) return undefined;
  const stored = events.map((event) => found.get(normaliseEventId(event.id)));
  events.forEach((event, index) => {
    const original = stored[index];
    if (original !== undefined && !isSameEvent(original, event))
      throw new IdempotencyConflictError(stream, event.id, 'contentDiffers');
  });
  const fresh = events.find((_, index) => stored[index] === undefined);
  if (fresh !== undefined) throw new IdempotencyConflictError(stream, fresh.id, 'mixedRetry');
  const originals = stored as StoredEvent[];
  const last = originals[originals.length - 1]!;
  return {
    nextRevision: last.revision,
    events: originals.map(({ id, revision, position }) => ({ id, revision, position })),
    commitPosition: last.position,
    alreadyStored: true,
  };
};

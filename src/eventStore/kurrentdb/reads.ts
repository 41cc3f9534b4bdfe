import { BACKWARDS, END, FORWARDS, type KurrentDBClient, START } from '@kurrent/kurrentdb-client';
import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '../eventStore.js';
import { isMissingStream, toStoreError } from './clientErrors.js';
import { appendIdOf, positionOf, type ResolvedLike, toPosition, toStoredEvent, typesFilter } from './mapping.js';
import { timedIteration } from './timeout.js';

export interface ReadContext {
  client: KurrentDBClient;
  timeoutMs: number;
}

/** A stored event with the `appendId` it was written with (for idempotency checks). */
export interface WrittenEvent {
  event: StoredEvent;
  appendId: string | undefined;
}

interface StreamRead {
  from?: bigint;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
  /** Read from the leader: needed right after a write, when a follower may lag. */
  requiresLeader?: boolean;
}

/** One stream, as our events with their append ids; a missing stream reads as empty. */
export async function* readWritten(ctx: ReadContext, stream: string, read: StreamRead): AsyncGenerator<WrittenEvent> {
  const backwards = read.direction === 'backwards';
  try {
    const source = ctx.client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: read.from ?? (backwards ? END : START),
      maxCount: read.maxCount ?? Number.MAX_SAFE_INTEGER,
      requiresLeader: read.requiresLeader ?? false,
      deadline: ctx.timeoutMs,
    });
    for await (const resolved of timedIteration<ResolvedLike>(source, ctx.timeoutMs, `reading ${stream}`)) {
      const event = toStoredEvent(resolved);
      if (event !== undefined) yield { event, appendId: appendIdOf(resolved) };
    }
  } catch (error) {
    if (isMissingStream(error)) return;
    throw toStoreError(error, `reading ${stream}`);
  }
}

export async function* readStreamEvents(
  ctx: ReadContext,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<StoredEvent> {
  if (options.limit !== undefined && options.limit <= 0) return;
  const read = { from: options.from, direction: options.direction, maxCount: options.limit };
  for await (const { event } of readWritten(ctx, stream, read)) yield event;
}

/**
 * `$all` forwards from just after `after`. KurrentDB reads from a position inclusively and its
 * positions have gaps, so the start is re-checked here; system records are skipped, and when they
 * make a page come up short of `limit` the read continues from the last position seen.
 */
export async function* readAllEvents(ctx: ReadContext, options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let from = options.after;
  const filter = typesFilter(options.types);
  while (remaining > 0) {
    const maxCount = Number.isFinite(remaining) ? remaining + 1 : Number.MAX_SAFE_INTEGER;
    let seen = 0;
    let last: bigint | undefined;
    try {
      const source = ctx.client.readAll({
        direction: FORWARDS,
        fromPosition: from === undefined ? START : toPosition(from),
        maxCount,
        filter,
        deadline: ctx.timeoutMs,
      });
      for await (const resolved of timedIteration<ResolvedLike>(source, ctx.timeoutMs, 'reading $all')) {
        seen++;
        const position = positionOf(resolved);
        if (position !== undefined) last = position;
        if (from !== undefined && (position === undefined || position <= from)) continue;
        const event = toStoredEvent(resolved);
        if (event === undefined) continue;
        yield event;
        if (--remaining === 0) return;
      }
    } catch (error) {
      throw toStoreError(error, 'reading $all');
    }
    if (seen < maxCount || last === undefined || (from !== undefined && last <= from)) return;
    from = last;
  }
}

/** Position of the newest event of ours in `$all`, or 0n when there is none. */
export const headPosition = async (ctx: ReadContext): Promise<bigint> => {
  try {
    const source = ctx.client.readAll({
      direction: BACKWARDS,
      fromPosition: END,
      filter: typesFilter(undefined),
      deadline: ctx.timeoutMs,
    });
    for await (const resolved of timedIteration<ResolvedLike>(source, ctx.timeoutMs, 'reading the head of $all')) {
      const event = toStoredEvent(resolved);
      if (event !== undefined) return event.position;
    }
    return 0n;
  } catch (error) {
    throw toStoreError(error, 'reading the head of $all');
  }
};

export const streamRevision = async (ctx: ReadContext, stream: string): Promise<bigint | undefined> => {
  for await (const { event } of readWritten(ctx, stream, { direction: 'backwards', maxCount: 1 }))
    return event.revision;
  return undefined;
};

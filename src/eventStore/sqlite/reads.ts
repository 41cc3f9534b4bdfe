import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '../eventStore.js';
import type { SubscriptionBatch } from '../pullSubscription.js';
import { batchedIterable } from './batchedIterable.js';
import type { EventTypes } from './eventTypes.js';
import { toStoreError } from './sqliteErrors.js';
import { type EventRow, MAX_REVISION, type Statements, toStoredEvents } from './statements.js';

export const READ_BATCH = 1_000;

/** What every read needs from the store. */
export interface ReadContext {
  statements: Statements;
  types: EventTypes;
  ensureOpen: () => void;
}

/** Runs a read, translating driver errors. */
export const guarded = <T>(read: () => T): T => {
  try {
    return read();
  } catch (error) {
    throw toStoreError(error);
  }
};

const byPosition = (a: EventRow, b: EventRow): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** `exhausted` is true when no matching event after `through` existed at the time of the read. */
type AllBatch = SubscriptionBatch & { exhausted: boolean };

/**
 * One batch of the global log after `after`. With a type filter each type is read along the
 * (type, position) index and the lists are merged; events are delivered only up to the smallest
 * last position among the lists that hit the limit, so no matching event is ever skipped.
 * The head is read before the types are resolved: a type first committed later only has events after it.
 */
export const readAllBatch = (
  { statements, types }: ReadContext,
  after: bigint,
  limit: number,
  typeNames: readonly string[] | undefined,
): AllBatch => {
  if (typeNames === undefined || typeNames.length === 0) {
    const rows = statements.readAll.all(after, limit) as EventRow[];
    return {
      events: toStoredEvents(rows, types, statements.hashAt),
      through: rows.at(-1)?.[0] ?? after,
      exhausted: rows.length < limit,
    };
  }
  const head = (statements.headPosition.get() as bigint | null) ?? 0n;
  let rows: EventRow[] = [];
  let cutoff: bigint | undefined;
  for (const name of new Set(typeNames)) {
    const type = types.idOf(name);
    if (type === undefined) continue;
    const ofType = statements.readAllOfType.all(type, after, limit) as EventRow[];
    if (ofType.length === limit) {
      const last = ofType.at(-1)![0];
      if (cutoff === undefined || last < cutoff) cutoff = last;
    }
    rows = rows.concat(ofType);
  }
  rows.sort(byPosition);
  if (cutoff !== undefined) rows = rows.filter((row) => row[0] <= (cutoff as bigint));
  if (rows.length > limit) rows = rows.slice(0, limit);
  const complete = cutoff === undefined && rows.length < limit;
  const lastRow = rows.at(-1)?.[0] ?? after;
  const through = complete && head > lastRow ? head : lastRow;
  return {
    events: toStoredEvents(rows, types, statements.hashAt),
    through: through > after ? through : after,
    exhausted: complete,
  };
};

export const readAll = (context: ReadContext, options: ReadAllOptions = {}): AsyncIterable<StoredEvent> => {
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let after = options.after ?? 0n;
  let finished = false;
  return batchedIterable(() => {
    while (!finished && remaining > 0) {
      context.ensureOpen();
      const batch = guarded(() => readAllBatch(context, after, Math.min(remaining, READ_BATCH), options.types));
      remaining -= batch.events.length;
      finished = batch.exhausted || batch.through === after;
      after = batch.through;
      if (batch.events.length > 0) return batch.events;
    }
    return undefined;
  });
};

export const readStream = (
  context: ReadContext,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncIterable<StoredEvent> => {
  const backwards = options.direction === 'backwards';
  const read = backwards ? context.statements.readBackwards : context.statements.readForwards;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let next = options.from ?? (backwards ? MAX_REVISION : 0n);
  let finished = false;
  return batchedIterable(() => {
    if (finished || remaining <= 0 || next < 0n) return undefined;
    context.ensureOpen();
    const limit = Math.min(remaining, READ_BATCH);
    const rows = guarded(() => read.all(stream, next, limit) as EventRow[]);
    remaining -= rows.length;
    finished = rows.length < limit;
    if (rows.length === 0) return undefined;
    const last = rows.at(-1)![2];
    next = backwards ? last - 1n : last + 1n;
    return guarded(() => toStoredEvents(rows, context.types, context.statements.hashAt));
  });
};

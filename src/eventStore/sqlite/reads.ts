import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '../eventStore.js';
import type { SubscriptionBatch } from '../pullSubscription.js';
import { toStoreError } from './sqliteErrors.js';
import { type EventRow, MAX_REVISION, type Statements, toStoredEvent } from './statements.js';

export const READ_BATCH = 1_000;

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
 */
export const readAllBatch = (
  statements: Statements,
  after: bigint,
  limit: number,
  types: readonly string[] | undefined,
): AllBatch => {
  if (types === undefined || types.length === 0) {
    const rows = statements.readAll.all(after, limit) as EventRow[];
    return { events: rows.map(toStoredEvent), through: rows.at(-1)?.[0] ?? after, exhausted: rows.length < limit };
  }
  const head = (statements.headPosition.get() as bigint | null) ?? 0n;
  let rows: EventRow[] = [];
  let cutoff: bigint | undefined;
  for (const type of new Set(types)) {
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
  return { events: rows.map(toStoredEvent), through: through > after ? through : after, exhausted: complete };
};

export async function* readAll(
  statements: Statements,
  ensureOpen: () => void,
  options: ReadAllOptions = {},
): AsyncGenerator<StoredEvent> {
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let after = options.after ?? 0n;
  while (remaining > 0) {
    ensureOpen();
    const batch = guarded(() => readAllBatch(statements, after, Math.min(remaining, READ_BATCH), options.types));
    yield* batch.events;
    remaining -= batch.events.length;
    if (batch.exhausted || batch.through === after) return;
    after = batch.through;
  }
}

export async function* readStream(
  statements: Statements,
  ensureOpen: () => void,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncGenerator<StoredEvent> {
  const backwards = options.direction === 'backwards';
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let next = options.from ?? (backwards ? MAX_REVISION : 0n);
  while (remaining > 0 && next >= 0n) {
    ensureOpen();
    const limit = Math.min(remaining, READ_BATCH);
    const rows = guarded(
      () => (backwards ? statements.readBackwards : statements.readForwards).all(stream, next, limit) as EventRow[],
    );
    yield* rows.map(toStoredEvent);
    if (rows.length < limit) return;
    remaining -= rows.length;
    const last = rows.at(-1)![2];
    next = backwards ? last - 1n : last + 1n;
  }
}

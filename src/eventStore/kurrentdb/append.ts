import { randomUUID } from 'node:crypto';
import { ConcurrencyError, IdempotencyConflictError, InvalidEventError, StoreUnavailableError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, StoredEvent } from '../eventStore.js';
import { SerialisedEvent } from '../serialisedEvent.js';
import { assertValidNewEvents, normaliseEventId } from '../validation.js';
import { toStoreError, wrongExpectedVersion } from './clientErrors.js';
import { toEventData, toStreamState } from './mapping.js';
import { type ReadContext, readWritten, type WrittenEvent } from './reads.js';
import { findStored, resolveRetry } from './retries.js';
import { withTimeout } from './timeout.js';

export interface AppendContext extends ReadContext {
  idempotencyWindow: number;
}

const jsonCopy = <T>(value: T, index: number, path: string): T => {
  try {
    return JSON.parse(JSON.stringify(value)) as T;
  } catch {
    throw new InvalidEventError(index, path, 'must be JSON-serialisable');
  }
};

/** The events as they will be stored, copied before the first `await` so later changes by the caller do not leak in. */
const snapshot = (events: readonly NewEvent[]): NewEvent[] =>
  events.map((event, index) =>
    event instanceof SerialisedEvent
      ? {
          id: event.id,
          type: event.type,
          version: event.version,
          data: JSON.parse(event.dataJson),
          metadata: JSON.parse(event.metadataJson),
        }
      : {
          ...event,
          data: jsonCopy(event.data, index, 'data'),
          ...(event.metadata === undefined ? {} : { metadata: jsonCopy(event.metadata, index, 'metadata') }),
        },
  );

const distinctIds = (stream: string, events: readonly NewEvent[]): Set<string> => {
  const ids = new Set<string>();
  for (const event of events) {
    const id = normaliseEventId(event.id);
    if (ids.has(id)) throw new IdempotencyConflictError(stream, event.id, 'duplicateInCall');
    ids.add(id);
  }
  return ids;
};

/**
 * Appends with the port's semantics on top of KurrentDB's:
 * - before writing (except with `noStream`, where a retry shows up as a conflict) the stream is
 *   searched for the call's ids, because KurrentDB deduplicates only a retry sent with the same
 *   expected revision as the original;
 * - after a wrong expected version the stream is searched again, so a retry still gets its original
 *   revisions instead of a ConcurrencyError;
 * - after a success the written events are read back from the leader: they give each event's global
 *   position, and their `appendId` shows whether the server wrote them or silently replayed an
 *   earlier append with the same ids (whose content must then match).
 */
export const appendEvents = async (
  ctx: AppendContext,
  stream: string,
  input: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> => {
  assertValidNewEvents(stream, input);
  const events = snapshot(input);
  const ids = distinctIds(stream, events);
  const lookUp = async () => resolveRetry(stream, events, await findStored(ctx, stream, ids, ctx.idempotencyWindow));
  if (expected !== 'noStream') {
    const retry = await lookUp();
    if (retry !== undefined) return retry;
  }
  const appendId = randomUUID();
  let nextRevision: bigint;
  try {
    const result = await withTimeout(
      ctx.client.appendToStream(
        stream,
        events.map((event) => toEventData(event, appendId)),
        { streamState: toStreamState(expected), deadline: ctx.timeoutMs },
      ),
      ctx.timeoutMs,
      `appending to ${stream}`,
    );
    nextRevision = result.nextExpectedRevision;
  } catch (error) {
    const conflict = wrongExpectedVersion(error);
    if (conflict === undefined) throw toStoreError(error, `appending to ${stream}`);
    const retry = await lookUp();
    if (retry !== undefined) return retry;
    throw new ConcurrencyError(stream, expected, conflict.actual);
  }
  return confirmWrite(ctx, stream, events, appendId, nextRevision);
};

const confirmWrite = async (
  ctx: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  appendId: string,
  nextRevision: bigint,
): Promise<AppendResult> => {
  const first = nextRevision - BigInt(events.length - 1);
  const written: WrittenEvent[] = [];
  const read = { from: first, maxCount: events.length, requiresLeader: true };
  for await (const item of readWritten(ctx, stream, read)) written.push(item);
  const matches =
    written.length === events.length &&
    written.every(({ event }, index) => event.id === normaliseEventId(events[index]!.id));
  if (!matches)
    throw new StoreUnavailableError(
      `KurrentDB acknowledged the append to ${stream} but its events could not be read back`,
    );
  const stored: StoredEvent[] = written.map(({ event }) => event);
  if (!written.every((item) => item.appendId === appendId))
    return resolveRetry(stream, events, new Map(stored.map((event) => [event.id, event])))!;
  const last = stored[stored.length - 1]!;
  return {
    nextRevision: last.revision,
    events: stored.map(({ id, revision, position }) => ({ id, revision, position })),
    commitPosition: last.position,
    alreadyStored: false,
  };
};

import { AppError } from '../../domain/errors.js';
import { assertNoDuplicateIds, expectedHolds, resolveRetry, type StoredMatch } from '../appendRules.js';
import { ConcurrencyError, InvalidEventError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../eventStore.js';
import { SerialisedEvent } from '../serialisedEvent.js';
import { assertValidNewEvents, assertValidStreamName, normaliseEventId } from '../validation.js';
import type { EventTypes } from './eventTypes.js';
import type { EventInserter, EventValues } from './insertEvents.js';
import { isEventIdTaken, isRevisionTaken } from './sqliteErrors.js';
import type { Statements, StoredIdRow } from './statements.js';

/** An event serialised once, when the call arrives, so the commit only binds strings (and a hash chain's bytes). */
export interface PreparedEvent extends EventValues {
  type: string;
}

/** One `appendToStream` call waiting for its group commit. */
export interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: PreparedEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/** What a call needs from the store while it is committed. */
export interface AppendContext {
  statements: Statements;
  types: EventTypes;
  insertEvents: EventInserter;
}

export type AppendOutcome = { result: AppendResult } | { error: AppError };

const toJson = (value: unknown, index: number, path: string): string => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidEventError(index, path, `must be JSON-serialisable (${(error as Error).message})`);
  }
};

const serialise = (event: NewEvent, index: number): PreparedEvent => ({
  id: normaliseEventId(event.id),
  type: event.type,
  version: event.version ?? 1,
  dataJson: toJson(event.data, index, 'data'),
  baseMetadataJson: event.metadata === undefined ? '{}' : toJson(event.metadata, index, 'metadata'),
  chain: undefined,
  chainOffset: 0,
});

/**
 * Validates and serialises a call before it is queued: bad input never reaches the transaction. The hash chain
 * validated its `SerialisedEvent`s before hashing them.
 */
export const prepareEvents = (stream: string, events: readonly NewEvent[]): PreparedEvent[] => {
  const chained = Array.isArray(events) && events.length > 0 && events.every((e) => e instanceof SerialisedEvent);
  if (chained) assertValidStreamName(stream);
  else assertValidNewEvents(stream, events);
  // A SerialisedEvent already has the prepared form.
  const prepared: PreparedEvent[] = chained ? (events as SerialisedEvent[]) : events.map(serialise);
  assertNoDuplicateIds(
    stream,
    prepared.map((event) => event.id),
  );
  return prepared;
};

const storedMatches = (statements: Statements, call: PendingAppend, streamId: bigint): Map<string, StoredMatch> => {
  const ids = JSON.stringify(call.events.map((event) => event.id));
  const rows = statements.storedByIds.all(streamId, ids) as StoredIdRow[];
  return new Map(
    rows.map(([position, revision, id, type, version, data]) => [
      id,
      { id, type, version: Number(version), data: JSON.parse(data), stream: call.stream, revision, position },
    ]),
  );
};

/** Classifies a call whose ids are (partly) stored: an exact retry, or an idempotency conflict. */
const resolveFromLog = (call: PendingAppend, stored: Map<string, StoredMatch>) =>
  resolveRetry(
    call.stream,
    call.events.map((event) => ({
      id: event.id,
      type: event.type,
      version: event.version,
      data: JSON.parse(event.dataJson),
    })),
    stored,
  );

class EventIdTaken extends Error {
  constructor(readonly streamId: bigint) {
    super('event id taken');
  }
}

type StreamState = [id: bigint, head: bigint | null] | undefined;

const insertAll = (
  context: AppendContext,
  call: PendingAppend,
  typeIds: readonly number[],
  state: StreamState,
  recordedAt: string,
): AppendResult => {
  const { statements } = context;
  const streamId = state?.[0] ?? (statements.insertStream.run(call.stream).lastInsertRowid as bigint);
  const head = state?.[1] ?? undefined;
  const first = head === undefined ? 0n : head + 1n;
  let positions: bigint[];
  try {
    positions = context.insertEvents(streamId, first, call.events, typeIds, recordedAt);
  } catch (error) {
    if (isEventIdTaken(error)) throw new EventIdTaken(streamId);
    if (isRevisionTaken(error)) {
      const actual = (statements.streamHead.get(call.stream) as bigint | null) ?? undefined;
      throw new ConcurrencyError(call.stream, call.expected, actual);
    }
    throw error;
  }
  const events = call.events.map((event, index) => ({
    id: event.id,
    revision: first + BigInt(index),
    position: positions[index]!,
  }));
  const last = events.at(-1)!;
  return { nextRevision: last.revision, events, commitPosition: last.position, alreadyStored: false };
};

const attempt = (context: AppendContext, call: PendingAppend, typeIds: number[], recordedAt: string): AppendResult => {
  const { statements } = context;
  const state = statements.streamState.get(call.stream) as StreamState;
  const head = state?.[1] ?? undefined;
  if (expectedHolds(call.expected, head)) return insertAll(context, call, typeIds, state, recordedAt);
  const stored = state === undefined ? new Map<string, StoredMatch>() : storedMatches(statements, call, state[0]);
  if (stored.size > 0) return resolveFromLog(call, stored);
  throw new ConcurrencyError(call.stream, call.expected, head);
};

/**
 * Runs one call inside its own SAVEPOINT of the group's transaction. The common path inserts
 * optimistically and lets the unique id index detect a retry; only then are the ids looked up, in
 * one query. A refused call rolls back to its savepoint and leaves the rest of the group intact.
 * Storage failures are rethrown: they abort the whole group.
 */
export const appendInSavepoint = (context: AppendContext, call: PendingAppend, recordedAt: string): AppendOutcome => {
  const { statements } = context;
  const typeIds = call.events.map((event) => context.types.intern(event.type));
  statements.savepoint.run();
  let taken: EventIdTaken;
  try {
    const result = attempt(context, call, typeIds, recordedAt);
    statements.release.run();
    return { result };
  } catch (error) {
    statements.rollbackToSavepoint.run();
    statements.release.run();
    if (error instanceof AppError) return { error };
    if (!(error instanceof EventIdTaken)) throw error;
    taken = error;
  }
  try {
    return { result: resolveFromLog(call, storedMatches(statements, call, taken.streamId)) };
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
};

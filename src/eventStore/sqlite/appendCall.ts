import { AppError } from '../../domain/errors.js';
import { assertNoDuplicateIds, expectedHolds, resolveRetry, type StoredMatch } from '../appendRules.js';
import { ConcurrencyError, InvalidEventError } from '../errors.js';
import type { AppendResult, ExpectedRevision, NewEvent } from '../eventStore.js';
import { assertValidNewEvents, normaliseEventId } from '../validation.js';
import { isEventIdTaken, isRevisionTaken } from './sqliteErrors.js';
import type { EventRow, Statements } from './statements.js';

/** An event serialised once, when the call arrives, so the commit only binds strings. */
export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  data: string;
  metadata: string;
}

/** One `appendToStream` call waiting for its group commit. */
export interface PendingAppend {
  stream: string;
  expected: ExpectedRevision;
  events: PreparedEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export type AppendOutcome = { result: AppendResult } | { error: AppError };

const toJson = (value: unknown, index: number, path: string): string => {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidEventError(index, path, `must be JSON-serialisable (${(error as Error).message})`);
  }
};

/** Validates and serialises a call before it is queued: bad input never reaches the transaction. */
export const prepareEvents = (stream: string, events: readonly NewEvent[]): PreparedEvent[] => {
  assertValidNewEvents(stream, events);
  const prepared = events.map((event, index) => ({
    id: normaliseEventId(event.id),
    type: event.type,
    version: event.version ?? 1,
    data: toJson(event.data, index, 'data'),
    metadata: event.metadata === undefined ? '{}' : toJson(event.metadata, index, 'metadata'),
  }));
  assertNoDuplicateIds(
    stream,
    prepared.map((event) => event.id),
  );
  return prepared;
};

const storedMatches = (statements: Statements, call: PendingAppend): Map<string, StoredMatch> => {
  const rows = statements.storedByIds.all(call.stream, JSON.stringify(call.events.map((event) => event.id))) as EventRow[];
  return new Map(
    rows.map(([position, stream, revision, id, type, version, data]) => [
      id,
      { id, type, version: Number(version), data: JSON.parse(data), stream, revision, position },
    ]),
  );
};

/** Classifies a call whose ids are (partly) stored: an exact retry, or an idempotency conflict. */
const resolveFromLog = (statements: Statements, call: PendingAppend, stored = storedMatches(statements, call)) =>
  resolveRetry(
    call.stream,
    call.events.map((event) => ({ ...event, data: JSON.parse(event.data) })),
    stored,
  );

class EventIdTaken extends Error {}

const insertAll = (statements: Statements, call: PendingAppend, head: bigint | undefined, recordedAt: string) => {
  let revision = head === undefined ? 0n : head + 1n;
  const events: { id: string; revision: bigint; position: bigint }[] = [];
  try {
    for (const event of call.events) {
      const { lastInsertRowid } = statements.insert.run(
        call.stream,
        revision,
        event.id,
        event.type,
        event.version,
        event.data,
        event.metadata,
        recordedAt,
      );
      events.push({ id: event.id, revision, position: BigInt(lastInsertRowid) });
      revision++;
    }
  } catch (error) {
    if (isEventIdTaken(error)) throw new EventIdTaken();
    if (isRevisionTaken(error))
      throw new ConcurrencyError(call.stream, call.expected, statements.streamHead.get(call.stream) as bigint);
    throw error;
  }
  const last = events.at(-1)!;
  return { nextRevision: last.revision, events, commitPosition: last.position, alreadyStored: false };
};

const attempt = (statements: Statements, call: PendingAppend, recordedAt: string): AppendResult => {
  const head = statements.streamHead.get(call.stream) as bigint | undefined;
  if (expectedHolds(call.expected, head)) return insertAll(statements, call, head, recordedAt);
  const stored = storedMatches(statements, call);
  if (stored.size > 0) return resolveFromLog(statements, call, stored);
  throw new ConcurrencyError(call.stream, call.expected, head);
};

/**
 * Runs one call inside its own SAVEPOINT of the group's transaction. The common path inserts
 * optimistically and lets the unique id index detect a retry; only then are the ids looked up, in
 * one query. A refused call rolls back to its savepoint and leaves the rest of the group intact.
 * Storage failures are rethrown: they abort the whole group.
 */
export const appendInSavepoint = (statements: Statements, call: PendingAppend, recordedAt: string): AppendOutcome => {
  statements.savepoint.run();
  try {
    const result = attempt(statements, call, recordedAt);
    statements.release.run();
    return { result };
  } catch (error) {
    statements.rollbackToSavepoint.run();
    statements.release.run();
    if (error instanceof AppError) return { error };
    if (!(error instanceof EventIdTaken)) throw error;
  }
  try {
    return { result: resolveFromLog(statements, call) };
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
};

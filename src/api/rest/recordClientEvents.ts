import { decideClientEvents, evolveAll } from '../../domain/client/decide.js';
import { AppError } from '../../domain/errors.js';
import { eventCatalogue } from '../../domain/events/catalogue.js';
import type { ClientEvent } from '../../domain/events/clientEvent.js';
import { parseClientEvent, parsePostedClientEvent } from '../../domain/events/parseClientEvent.js';
import { ConcurrencyError, IdempotencyConflictError } from '../../eventStore/errors.js';
import type {
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
} from '../../eventStore/eventStore.js';
import { isSameEvent } from '../../eventStore/idempotency.js';
import { clientStream } from './wire.js';

export interface RecordRequest {
  clientId: string;
  expected: ExpectedRevision | undefined;
  events: ReadonlyArray<{
    id: string;
    type: string;
    version?: number;
    data: Record<string, unknown>;
    metadata?: EventMetadata;
  }>;
  today: string;
  /** Added to each event's metadata when the integrator gave none. */
  correlationId: string;
}

export interface RecordResult {
  clientId: string;
  alreadyStored: boolean;
  events: Array<{ id: string; revision: bigint; position: bigint }>;
}

/** One event of the call failed schema validation; `path` points into the request body. */
export class InvalidEventInRequest extends AppError {
  readonly code: string;
  readonly kind = 'invalid';
  constructor(index: number, cause: AppError) {
    const issues = (cause.details.issues as Array<{ path: Array<string | number>; message: string }> | undefined) ?? [];
    const errors =
      cause.code === 'INVALID_EVENT_DATA'
        ? issues.map((issue) => ({
            location: 'body',
            path: `/events/${index}/data/${issue.path.join('/')}`.replace(/\/$/, ''),
            message: issue.message,
          }))
        : [
            {
              location: 'body',
              path: `/events/${index}/${cause.code === 'UNKNOWN_EVENT_TYPE' ? 'type' : 'version'}`,
              message: cause.message,
            },
          ];
    super(`Event ${index}: ${cause.message}`, { eventIndex: index, errors });
    this.code = cause.code;
  }
}

const MAX_DECIDE_ATTEMPTS = 5;

const readHistory = async (store: EventStore, stream: string): Promise<StoredEvent[]> => {
  const history: StoredEvent[] = [];
  for await (const event of store.readStream(stream)) history.push(event);
  return history;
};

/** An exact retry of stored events answers with the original revisions, before any rule is applied. */
const findRetry = (
  history: readonly StoredEvent[],
  request: RecordRequest,
  candidates: readonly NewEvent[],
): RecordResult | undefined => {
  const byId = new Map(history.map((event) => [event.id, event]));
  const stored = candidates.map((event) => byId.get(event.id));
  const storedCount = stored.filter((event) => event !== undefined).length;
  if (storedCount === 0) return undefined;
  const stream = clientStream(request.clientId);
  candidates.forEach((event, index) => {
    const match = stored[index];
    if (!match) throw new IdempotencyConflictError(stream, event.id, 'mixedRetry');
    if (!isSameEvent(match, event)) throw new IdempotencyConflictError(stream, event.id, 'contentDiffers');
  });
  return {
    clientId: request.clientId,
    alreadyStored: true,
    events: stored.map((event) => ({ id: event!.id, revision: event!.revision, position: event!.position })),
  };
};

const parseAll = (request: RecordRequest): ClientEvent[] =>
  request.events.map((event, index) => {
    try {
      return parsePostedClientEvent(event.type, event.version ?? 1, event.data);
    } catch (error) {
      if (error instanceof AppError) throw new InvalidEventInRequest(index, error);
      throw error;
    }
  });

const historyRevision = (history: readonly StoredEvent[]): bigint | undefined => history.at(-1)?.revision;

const satisfies = (expected: ExpectedRevision | undefined, actual: bigint | undefined): boolean =>
  expected === undefined || expected === 'any'
    ? true
    : expected === 'noStream'
      ? actual === undefined
      : expected === 'streamExists'
        ? actual !== undefined
        : actual === expected;

/**
 * Records integrator-posted events for one client: schema, then idempotent retry, then the client's rules on
 * the current history, then an append guarded by the revision the decision was made on (so a racing writer
 * can never slip an event between the check and the write). With no explicit expected revision a lost race is
 * retried on the new history.
 */
export const recordClientEvents = async (store: EventStore, request: RecordRequest): Promise<RecordResult> => {
  const parsed = parseAll(request);
  const stream = clientStream(request.clientId);
  const newEvents: NewEvent[] = request.events.map((event, index) => ({
    id: event.id.toLowerCase(),
    type: event.type,
    version: eventCatalogue[parsed[index]!.type].version,
    data: parsed[index]!.data as Record<string, unknown>,
    metadata: { correlationId: request.correlationId, ...event.metadata },
  }));
  for (let attempt = 1; ; attempt++) {
    const history = await readHistory(store, stream);
    const retry = findRetry(history, request, newEvents);
    if (retry) return retry;
    const actual = historyRevision(history);
    if (!satisfies(request.expected, actual)) throw new ConcurrencyError(stream, request.expected ?? 'any', actual);
    const state = evolveAll(history.map((event) => parseClientEvent(event.type, event.version, event.data)));
    decideClientEvents(state, parsed, { today: request.today });
    try {
      const result = await store.appendToStream(stream, newEvents, { expected: actual ?? 'noStream' });
      return { clientId: request.clientId, alreadyStored: result.alreadyStored, events: [...result.events] };
    } catch (error) {
      const explicit = request.expected !== undefined && request.expected !== 'any';
      if (!(error instanceof ConcurrencyError) || explicit || attempt >= MAX_DECIDE_ATTEMPTS) {
        if (error instanceof ConcurrencyError && explicit)
          throw new ConcurrencyError(stream, request.expected!, error.actual);
        throw error;
      }
    }
  }
};

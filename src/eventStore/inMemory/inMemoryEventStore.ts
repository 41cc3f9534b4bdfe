import {
  assertNoDuplicateIds,
  type CandidateEvent,
  expectedHolds,
  resolveRetry,
  type StoredMatch,
} from '../appendRules.js';
import { ConcurrencyError, InvalidEventError, StoreClosedError } from '../errors.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  Subscription,
} from '../eventStore.js';
import { ChangeSignal, createPullSubscription, type SubscriptionBatch } from '../pullSubscription.js';
import { SerialisedEvent } from '../serialisedEvent.js';
import { assertValidNewEvents, normaliseEventId } from '../validation.js';

export interface InMemoryEventStoreOptions {
  /** Clock for `recordedAt`; defaults to the real clock. */
  now?: () => string;
}

const SCAN_BATCH = 10_000;
const DELIVERY_BATCH = 1_000;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** A frozen copy holding exactly what a JSON store would hold. */
const jsonCopy = <T>(value: T, index: number, path: string): T => {
  try {
    return deepFreeze(JSON.parse(JSON.stringify(value)) as T);
  } catch (error) {
    throw new InvalidEventError(index, path, `must be JSON-serialisable (${(error as Error).message})`);
  }
};

const parsedCopy = <T>(json: string): T => deepFreeze(JSON.parse(json) as T);

type Candidate = CandidateEvent & { metadata: EventMetadata };

const toCandidate = (event: NewEvent, index: number): Candidate => ({
  id: normaliseEventId(event.id),
  type: event.type,
  version: event.version ?? 1,
  data: event instanceof SerialisedEvent ? parsedCopy(event.dataJson) : jsonCopy(event.data, index, 'data'),
  metadata:
    event instanceof SerialisedEvent
      ? parsedCopy(event.metadataJson)
      : jsonCopy(event.metadata ?? {}, index, 'metadata'),
});

/** Reference adapter with the port's exact semantics, held in memory; for unit tests. */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date().toISOString());
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const byStreamAndId = new Map<string, StoredEvent>();
  const idKey = (stream: string, id: string): string => `${stream}\u0000${id}`;
  const signal = new ChangeSignal();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError();
  };

  const append = (stream: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult => {
    ensureOpen();
    assertValidNewEvents(stream, events);
    const candidates = events.map(toCandidate);
    assertNoDuplicateIds(
      stream,
      candidates.map((candidate) => candidate.id),
    );
    const stored = new Map<string, StoredMatch>();
    for (const candidate of candidates) {
      const hit = byStreamAndId.get(idKey(stream, candidate.id));
      if (hit !== undefined) stored.set(hit.id, hit);
    }
    if (stored.size > 0) return resolveRetry(stream, candidates, stored);
    const streamEvents = streams.get(stream) ?? [];
    const head = streamEvents.at(-1)?.revision;
    if (!expectedHolds(expected, head)) throw new ConcurrencyError(stream, expected, head);
    const recordedAt = now();
    const first = head === undefined ? 0n : head + 1n;
    const written = candidates.map((candidate, offset) =>
      Object.freeze<StoredEvent>({
        ...candidate,
        recordedAt,
        stream,
        revision: first + BigInt(offset),
        position: BigInt(log.length + offset + 1),
      }),
    );
    for (const event of written) {
      log.push(event);
      streamEvents.push(event);
      byStreamAndId.set(idKey(stream, event.id), event);
    }
    streams.set(stream, streamEvents);
    signal.notify();
    const last = written.at(-1)!;
    return {
      nextRevision: last.revision,
      events: written.map(({ id, revision, position }) => ({ id, revision, position })),
      commitPosition: last.position,
      alreadyStored: false,
    };
  };

  const scanAll = (after: bigint, limit: number, types: readonly string[] | undefined): SubscriptionBatch => {
    const wanted = types !== undefined && types.length > 0 ? new Set(types) : undefined;
    const events: StoredEvent[] = [];
    let index = after < 0n ? 0 : Number(after);
    const end = Math.min(log.length, index + SCAN_BATCH);
    for (; index < end && events.length < limit; index++) {
      const event = log[index]!;
      if (wanted === undefined || wanted.has(event.type)) events.push(event);
    }
    return { events, through: BigInt(index) };
  };

  async function* readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<StoredEvent> {
    ensureOpen();
    const events = streams.get(stream) ?? [];
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    let count = 0;
    if (options.direction === 'backwards') {
      const start =
        options.from === undefined || options.from >= events.length ? events.length - 1 : Number(options.from);
      for (let index = start; index >= 0 && count < limit; index--, count++) yield events[index]!;
    } else {
      const start = options.from === undefined || options.from < 0n ? 0 : Number(options.from);
      for (let index = start; index < events.length && count < limit; index++, count++) yield events[index]!;
    }
  }

  async function* readAll(options: ReadAllOptions = {}): AsyncGenerator<StoredEvent> {
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let after = options.after ?? 0n;
    while (remaining > 0) {
      ensureOpen();
      const batch = scanAll(after, Math.min(remaining, DELIVERY_BATCH), options.types);
      for (const event of batch.events) yield event;
      remaining -= batch.events.length;
      if (batch.through >= BigInt(log.length) || batch.through === after) return;
      after = batch.through;
    }
  }

  return {
    kind: 'memory',
    appendToStream: async (stream, events, { expected }) => append(stream, events, expected),
    readStream,
    readAll,
    streamRevision: async (stream) => {
      ensureOpen();
      return streams.get(stream)?.at(-1)?.revision;
    },
    headPosition: async () => {
      ensureOpen();
      return BigInt(log.length);
    },
    subscribeToAll: (subscribeOptions = {}) => {
      ensureOpen();
      const subscription = createPullSubscription(
        (after) => scanAll(after, DELIVERY_BATCH, subscribeOptions.types),
        signal,
        subscribeOptions.after ?? 0n,
        (closedSubscription) => subscriptions.delete(closedSubscription),
      );
      subscriptions.add(subscription);
      return subscription;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      signal.stop();
    },
  };
};

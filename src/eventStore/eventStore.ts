/**
 * The event-store port: an append-only log of streams (one stream per client), read in stream order
 * and in global order. Every adapter (SQLite, KurrentDB, in-memory) implements exactly these semantics;
 * `tests/eventStore/contract.ts` is the executable specification.
 *
 * Revisions and positions are `bigint` everywhere inside the service and decimal strings at the edges.
 */

/** Free-form metadata; the three named keys have a meaning for the service, the rest is kept as given. */
export interface EventMetadata {
  /** Ties together everything caused by one business request (propagated from the request id). */
  correlationId?: string;
  /** Id of the event or command that caused this event. */
  causationId?: string;
  /** Who recorded the event: a staff id, a system name or `system:<name>`. */
  actor?: string;
  [key: string]: unknown;
}

/** An event as it is handed to `appendToStream`. */
export interface NewEvent {
  /** UUID chosen by the writer; the idempotency key of the event within its stream. */
  id: string;
  /** Event type, e.g. `JobSearchStarted`; letters, digits, `_`, `.`, `-`, max 128 characters. */
  type: string;
  /** Schema version of `data` (positive integer); defaults to 1. */
  version?: number;
  /** The payload: a JSON object. */
  data: Record<string, unknown>;
  metadata?: EventMetadata;
}

/** An event as the log holds it. */
export interface StoredEvent {
  id: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** ISO-8601 UTC timestamp assigned by the store when the event was committed. */
  recordedAt: string;
  stream: string;
  /** 0-based revision inside the stream; gap-free. */
  revision: bigint;
  /** Position in the global log; strictly increasing in commit order. */
  position: bigint;
}

/**
 * What the writer believes about the stream:
 * - `any`: no check;
 * - `noStream`: the stream must not exist yet;
 * - `streamExists`: the stream must hold at least one event;
 * - a bigint: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'any' | 'noStream' | 'streamExists' | bigint;

export interface AppendOptions {
  expected: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event of the call (the stream's new head). */
  nextRevision: bigint;
  /** Revision and global position of every event of the call, in call order. */
  events: ReadonlyArray<{ id: string; revision: bigint; position: bigint }>;
  /** Global position of the last event of the call. */
  commitPosition: bigint;
  /** True when every event was already stored (an idempotent retry): nothing was written. */
  alreadyStored: boolean;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** First revision to return (inclusive). Defaults to the start (forwards) or the end (backwards). */
  from?: bigint;
  direction?: ReadDirection;
  limit?: number;
}

export interface ReadAllOptions {
  /** Return only events whose position is strictly greater than this. Defaults to the beginning. */
  after?: bigint;
  limit?: number;
  /** Only events of these types (all types when absent or empty). */
  types?: readonly string[];
}

export interface SubscribeOptions {
  /** Deliver events strictly after this position; from the beginning when absent. */
  after?: bigint;
  types?: readonly string[];
}

/**
 * A catch-up subscription: first every stored event after the start, then each new event as it is
 * committed, in global order. It is pulled: the consumer's `next()` sets the pace (back-pressure).
 */
export interface Subscription extends AsyncIterable<StoredEvent> {
  /** Stop delivering; a pending `next()` resolves as done. Idempotent. */
  close(): Promise<void>;
}

/** Append-only log of client streams. */
export interface EventStore {
  /** Short name of the adapter, for logs and metrics (`sqlite`, `kurrentdb`, `memory`). */
  readonly kind: string;

  /**
   * Appends all events atomically with consecutive revisions and increasing positions.
   *
   * An idempotent retry (every event id already stored in this stream with the same type, version
   * and data; metadata may differ, as a retry carries a new request id) writes nothing and returns
   * the original revisions and positions, whatever `expected` says. Idempotency is durable: it is
   * checked against the log itself, not a time-limited cache.
   *
   * @throws ConcurrencyError when `expected` does not hold.
   * @throws IdempotencyConflictError when an id is already stored in the stream with other content, when
   *   the call mixes already-stored and new events, or repeats an id. Ids are keys within a stream: the
   *   store does not relate equal ids in different streams (neither can KurrentDB).
   * @throws InvalidStreamNameError / InvalidEventError before anything is written.
   * @throws StoreUnavailableError when the storage cannot be reached or written.
   */
  appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** The events of one stream in revision order; an unknown stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent>;

  /** The global log in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;

  /** Revision of the stream's last event, or `undefined` when the stream does not exist. */
  streamRevision(stream: string): Promise<bigint | undefined>;

  /** Position of the last committed event in the global log (0n when empty). */
  headPosition(): Promise<bigint>;

  /** Catch-up then live subscription to the global log. */
  subscribeToAll(options?: SubscribeOptions): Subscription;

  /** Closes subscriptions and releases the storage; further calls fail. Idempotent. */
  close(): Promise<void>;
}

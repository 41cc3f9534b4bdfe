import { StoreClosedError } from '../errors.js';
import type { EventStore, Subscription } from '../eventStore.js';
import { type AppendContext, appendEvents } from './append.js';
import { connectClient, DEFAULT_TIMEOUT_MS, releaseClient } from './client.js';
import { headPosition, readAllEvents, readStreamEvents, streamRevision } from './reads.js';
import { KurrentDbSubscription } from './subscription.js';

export { probeKurrentDb } from './client.js';

export interface KurrentDbOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`, or a cluster: `kurrentdb+discover://...`. */
  connectionString: string;
  /** Our own limit on every call that can hang (the client can wait forever on a silent server). */
  timeoutMs?: number;
  /**
   * How many of a stream's newest events are searched for the ids of an append (idempotency).
   * A retry of an event older than this is not recognised. Default 1,000; `Infinity` for all.
   */
  idempotencyWindow?: number;
  /** Events buffered per subscription before the server is paused. Default 256. */
  subscriptionBuffer?: number;
}

/**
 * The event store on KurrentDB (or EventStoreDB 22.6+): one KurrentDB stream per stream, revision =
 * stream revision, position = commit position in `$all` (increasing, with gaps), recordedAt = the
 * server's `created` time of the event. Connects and probes the server first; rejects with
 * StoreUnavailableError when it does not answer within `timeoutMs`, leaving nothing open.
 *
 * Limits of this adapter compared with the port:
 * - an event id is checked against its own stream's newest `idempotencyWindow` events (default 1,000;
 *   client streams hold tens of events, so in practice the whole stream);
 * - every append costs a read of the stream's newest events before writing (except with
 *   `noStream`) and a read of the written events afterwards (their positions and a check that the
 *   server wrote them rather than replaying an earlier append).
 */
export const createKurrentDbEventStore = async (options: KurrentDbOptions): Promise<EventStore> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = await connectClient(options.connectionString, timeoutMs);
  const ctx: AppendContext = { client, timeoutMs, idempotencyWindow: options.idempotencyWindow ?? 1_000 };
  const subscriptions = new Set<Subscription>();
  let closed = false;
  const open = () => {
    if (closed) throw new StoreClosedError();
  };

  return {
    kind: 'kurrentdb',

    appendToStream: async (stream, events, { expected }) => {
      open();
      return appendEvents(ctx, stream, events, expected);
    },

    async *readStream(stream, readOptions) {
      open();
      yield* readStreamEvents(ctx, stream, readOptions);
    },

    async *readAll(readOptions) {
      open();
      yield* readAllEvents(ctx, readOptions);
    },

    streamRevision: async (stream) => {
      open();
      return streamRevision(ctx, stream);
    },

    headPosition: async () => {
      open();
      return headPosition(ctx);
    },

    subscribeToAll: (subscribeOptions) => {
      open();
      const subscription = new KurrentDbSubscription(
        { client, timeoutMs, bufferSize: options.subscriptionBuffer ?? 256, onClose: (s) => subscriptions.delete(s) },
        subscribeOptions,
      );
      subscriptions.add(subscription);
      return subscription;
    },

    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await releaseClient(client, timeoutMs);
    },
  };
};

import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';

export interface BatchFeed {
  /** Closes the subscription, commits what was already received and resolves when the loop has ended. */
  stop(): Promise<void>;
  /** Settles when the feed ends: fulfilled after `stop`, rejected when the store or `onBatch` failed. */
  readonly done: Promise<void>;
}

/** Most events per batch: `live` while following the head, `catchUp` once a batch has filled up without waiting. */
export interface BatchLimits {
  live: number;
  catchUp: number;
}

/**
 * Turns a catch-up subscription into batches handed to `onBatch` one at a time (the next one waits until the
 * previous one's promise settles): up to `limits.live` events, or whatever has arrived by the time the subscription
 * would wait for new events (one `setImmediate`). After a full batch the feed is behind the head and batches may
 * grow to `limits.catchUp` (fewer, larger transactions) until the subscription waits again. Every full batch waits
 * for its `onBatch` and yields to the event loop once, so readers keep being served.
 */
export const startBatchFeed = (
  store: EventStore,
  after: bigint,
  limits: BatchLimits,
  onBatch: (events: StoredEvent[]) => void | Promise<void>,
): BatchFeed => {
  const subscription = store.subscribeToAll({ after });
  const iterator = subscription[Symbol.asyncIterator]();
  let batch: StoredEvent[] = [];
  let armed = false;
  let behind = false;
  let failure: { error: unknown } | undefined;
  let handed: Promise<void> = Promise.resolve();

  const fail = (error: unknown): void => {
    failure ??= { error };
    void subscription.close();
  };

  const flush = (): Promise<void> => {
    armed = false;
    if (batch.length === 0 || failure !== undefined) return handed;
    const events = batch;
    batch = [];
    handed = handed.then(() => (failure === undefined ? onBatch(events) : undefined)).catch(fail);
    return handed;
  };

  const flushWhenIdle = (): void => {
    if (batch.length > 0) behind = false;
    void flush();
  };

  const loop = async (): Promise<void> => {
    try {
      for (;;) {
        const result = await iterator.next();
        if (result.done) break;
        batch.push(result.value);
        if (batch.length >= (behind ? limits.catchUp : limits.live)) {
          behind = true;
          await flush();
          await yieldToEventLoop();
        } else if (!armed) {
          armed = true;
          setImmediate(flushWhenIdle);
        }
      }
      await flush();
    } finally {
      await subscription.close();
      await handed;
    }
    if (failure !== undefined) throw failure.error;
  };

  const done = loop();
  return {
    done,
    stop: async () => {
      await subscription.close();
      await done.catch(() => undefined);
    },
  };
};

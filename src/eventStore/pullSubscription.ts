import type { StoredEvent, Subscription } from './eventStore.js';

/** One read of a subscription: matching events after the cursor, and how far the source has looked. */
export interface SubscriptionBatch {
  events: StoredEvent[];
  /** Every event up to this position has been considered; the next read starts after it. */
  through: bigint;
}

/** Wakes waiting readers when the log may have grown: in-process commits, or an optional poll. */
export class ChangeSignal {
  #version = 0;
  readonly #waiters = new Set<() => void>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly poll?: { intervalMs: number; changed: () => boolean }) {}

  get version(): number {
    return this.#version;
  }

  notify(): void {
    this.#version++;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    this.#stopPolling();
    for (const wake of waiters) wake();
  }

  /** Resolves once the version moves past `seen` (at once when it already has), or when cancelled. */
  wait(seen: number): { done: Promise<void>; cancel: () => void } {
    if (this.#version !== seen) return { done: Promise.resolve(), cancel: () => {} };
    let wake: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    this.#waiters.add(wake);
    this.#startPolling();
    const cancel = () => {
      this.#waiters.delete(wake);
      if (this.#waiters.size === 0) this.#stopPolling();
      wake();
    };
    return { done, cancel };
  }

  /** Wakes everyone and stops polling. */
  stop(): void {
    this.notify();
  }

  #startPolling(): void {
    const poll = this.poll;
    if (poll === undefined || this.#timer !== undefined) return;
    this.#timer = setInterval(() => {
      let changed = true;
      try {
        changed = poll.changed();
      } catch {
        // A failing probe wakes the readers, whose own read reports the failure.
      }
      if (changed) this.notify();
    }, poll.intervalMs);
  }

  #stopPolling(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * A pull-based catch-up subscription: it keeps a position cursor and at most one read batch, reads
 * the next batch only when the consumer asks for more, and waits on the signal when it is level with
 * the log.
 */
export const createPullSubscription = (
  readBatch: (after: bigint) => SubscriptionBatch,
  signal: ChangeSignal,
  after: bigint,
  onClose: (subscription: Subscription) => void,
): Subscription => {
  let cursor = after;
  let buffer: StoredEvent[] = [];
  let index = 0;
  let closed = false;
  let cancelWait: (() => void) | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const pull = async (): Promise<IteratorResult<StoredEvent>> => {
    while (!closed) {
      const buffered = buffer[index];
      if (buffered !== undefined) {
        index++;
        return { value: buffered, done: false };
      }
      const seen = signal.version;
      const batch = readBatch(cursor);
      buffer = batch.events;
      index = 0;
      if (batch.through > cursor) cursor = batch.through;
      if (buffer.length > 0) continue;
      const waiting = signal.wait(seen);
      cancelWait = waiting.cancel;
      await waiting.done;
      cancelWait = undefined;
    }
    return { value: undefined, done: true };
  };

  const subscription: Subscription & AsyncIterator<StoredEvent> = {
    next: () => {
      const result = queue.then(pull);
      queue = result.catch(() => undefined);
      return result;
    },
    return: async () => {
      await subscription.close();
      return { value: undefined, done: true };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      buffer = [];
      cancelWait?.();
      onClose(subscription);
    },
    [Symbol.asyncIterator]: () => subscription,
  };
  return subscription;
};

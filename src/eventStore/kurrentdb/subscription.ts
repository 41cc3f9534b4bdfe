import { type AllStreamSubscription, type KurrentDBClient, START } from '@kurrent/kurrentdb-client';
import type { AppError } from '../../domain/errors.js';
import type { StoredEvent, SubscribeOptions, Subscription } from '../eventStore.js';
import { toStoreError } from './clientErrors.js';
import { positionOf, type ResolvedLike, toPosition, toStoredEvent, typesFilter } from './mapping.js';
import { StoreTimeoutError, withTimeout } from './timeout.js';

export interface SubscriptionContext {
  client: KurrentDBClient;
  timeoutMs: number;
  /** Events the client may buffer before the gRPC stream, and so the server, is paused. */
  bufferSize: number;
  onClose: (subscription: Subscription) => void;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Pull-based wrapper of a client `$all` subscription. The client's subscription is a Node stream
 * piped from gRPC; it is read only when the consumer calls `next()`, so when the consumer is slow
 * its buffer fills, the pipe pauses and gRPC flow control stops the server (back-pressure).
 * KurrentDB starts a subscription after the given position; the start is re-checked here anyway.
 */
export class KurrentDbSubscription implements Subscription, AsyncIterator<StoredEvent> {
  readonly #ctx: SubscriptionContext;
  readonly #after: bigint | undefined;
  readonly #source: AllStreamSubscription;
  readonly #iterator: AsyncIterator<ResolvedLike>;
  readonly #stopped: Promise<IteratorReturnResult<undefined>>;
  #stop: () => void = () => undefined;
  #confirmation: NodeJS.Timeout | undefined;
  #failure: AppError | undefined;
  #closed = false;

  constructor(ctx: SubscriptionContext, options: SubscribeOptions = {}) {
    this.#ctx = ctx;
    this.#after = options.after;
    this.#stopped = new Promise((resolve) => {
      this.#stop = () => resolve(DONE);
    });
    this.#source = ctx.client.subscribeToAll(
      {
        fromPosition: options.after === undefined ? START : toPosition(options.after),
        filter: typesFilter(options.types),
      },
      { highWaterMark: ctx.bufferSize },
    );
    this.#iterator = this.#source[Symbol.asyncIterator]();
    this.#source.on('error', (error) => this.#fail(toStoreError(error, 'subscribing to $all')));
    this.#confirmation = setTimeout(
      () => this.#fail(new StoreTimeoutError('the subscription', ctx.timeoutMs)),
      ctx.timeoutMs,
    );
    this.#source.once('confirmation', () => clearTimeout(this.#confirmation));
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<StoredEvent>> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#closed) return DONE;
      let step: IteratorResult<ResolvedLike, unknown>;
      try {
        step = await Promise.race([this.#iterator.next(), this.#stopped]);
      } catch (error) {
        this.#fail(toStoreError(error, 'subscribing to $all'));
        continue;
      }
      if (this.#failure !== undefined || this.#closed) continue;
      if (step.done) {
        await this.close();
        return DONE;
      }
      const position = positionOf(step.value);
      if (this.#after !== undefined && (position === undefined || position <= this.#after)) continue;
      const event = toStoredEvent(step.value);
      if (event !== undefined) return { value: event, done: false };
    }
  }

  async return(): Promise<IteratorResult<StoredEvent>> {
    await this.close();
    return DONE;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#confirmation);
    this.#stop();
    this.#ctx.onClose(this);
    await withTimeout(this.#source.unsubscribe(), this.#ctx.timeoutMs, 'closing the subscription').catch(
      () => undefined,
    );
    this.#source.destroy();
  }

  #fail(failure: AppError): void {
    if (this.#closed || this.#failure !== undefined) return;
    this.#failure = failure;
    void this.close();
  }
}

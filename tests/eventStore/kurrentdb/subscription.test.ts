import { once } from 'node:events';
import { PassThrough, type TransformOptions } from 'node:stream';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/eventStore/errors.js';
import type { ResolvedLike } from '../../../src/eventStore/kurrentdb/mapping.js';
import { KurrentDbSubscription } from '../../../src/eventStore/kurrentdb/subscription.js';
import { StoreTimeoutError } from '../../../src/eventStore/kurrentdb/timeout.js';

/** Stands in for the client's subscription: an object-mode stream the test writes resolved events into. */
class FakeSource extends PassThrough {
  unsubscribed = false;
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

const resolved = (n: number, overrides: Partial<NonNullable<ResolvedLike['event']>> = {}): ResolvedLike => ({
  event: {
    streamId: 'client-1',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'Noted',
    isJson: true,
    revision: BigInt(n),
    created: new Date('2026-03-02T08:00:00.000Z'),
    data: { n },
    metadata: { schemaVersion: 1, appendId: 'a', metadata: {} },
    position: { commit: BigInt(100 * (n + 1)), prepare: BigInt(100 * (n + 1)) },
    ...overrides,
  },
});

const subscribe = (options: { after?: bigint; timeoutMs?: number; confirm?: boolean } = {}) => {
  let source: FakeSource | undefined;
  const client = {
    subscribeToAll: (_options: unknown, readable: TransformOptions) => {
      source = new FakeSource({ objectMode: true, highWaterMark: readable.highWaterMark });
      return source;
    },
  } as unknown as KurrentDBClient;
  const ctx = { client, timeoutMs: options.timeoutMs ?? 60_000, bufferSize: 4, onClose: () => undefined };
  const subscription = new KurrentDbSubscription(ctx, { after: options.after });
  if (options.confirm !== false) source!.emit('confirmation');
  return { subscription, source: source! };
};

describe('KurrentDB subscription wrapper', () => {
  it('pauses the producer while the consumer does not pull, then delivers everything in order', async () => {
    const { subscription, source } = subscribe();
    let written = 0;
    while (source.write(resolved(written))) written++;
    written++;
    expect(written).toBeLessThanOrEqual(2 * 4 + 1);
    const producing = (async () => {
      for (; written < 50; written++) if (!source.write(resolved(written))) await once(source, 'drain');
    })();
    const received: unknown[] = [];
    for await (const event of subscription) {
      received.push(event.data.n);
      if (received.length === 50) break;
    }
    await producing;
    expect(received).toEqual(Array.from({ length: 50 }, (_, n) => n));
    expect(source.unsubscribed).toBe(true);
  });

  it('skips system records and anything at or before the start position', async () => {
    const { subscription, source } = subscribe({ after: 200n });
    source.write(resolved(0));
    source.write(resolved(1));
    source.write(resolved(2, { type: '$metadata' }));
    source.write(resolved(3, { streamId: '$ce-client' }));
    source.write(resolved(4));
    const next = await subscription[Symbol.asyncIterator]().next();
    expect(next).toMatchObject({ done: false, value: { data: { n: 4 }, position: 500n } });
    await subscription.close();
  });

  it('ends a pending next() on close and unsubscribes once', async () => {
    const { subscription, source } = subscribe();
    const pending = subscription[Symbol.asyncIterator]().next();
    await subscription.close();
    await subscription.close();
    await expect(pending).resolves.toMatchObject({ done: true });
    expect(source.unsubscribed).toBe(true);
    expect(source.destroyed).toBe(true);
  });

  it('fails with StoreTimeoutError when the server never confirms the subscription', async () => {
    const { subscription, source } = subscribe({ timeoutMs: 50, confirm: false });
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(source.unsubscribed).toBe(true);
  });

  it('turns a dropped subscription into StoreUnavailableError', async () => {
    const { subscription, source } = subscribe();
    const pending = subscription[Symbol.asyncIterator]().next();
    source.destroy(new Error('14 UNAVAILABLE: connection dropped'));
    await expect(pending).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

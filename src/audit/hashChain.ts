import { expectedHolds } from '../eventStore/appendRules.js';
import { ConcurrencyError } from '../eventStore/errors.js';
import type { AppendResult, EventStore, ExpectedRevision, StoredEvent } from '../eventStore/eventStore.js';
import { chainEvents, type PreparedEvent, prepareEvents } from './chainEvents.js';
import { chainHashesOf } from './chainHashes.js';
import { chainFieldsOf, eventHash, GENESIS_HASH } from './hashing.js';
import { type Head, HeadCache } from './headCache.js';

export interface HashChainOptions {
  /** How often an `any`/`streamExists` append is retried after losing a race to another process (default 5). */
  maxRetries?: number;
  /** How many stream heads written by this process are remembered, to skip reading them again (default 10,000). */
  headCacheSize?: number;
}

/** A head written before hashing was enabled is adopted by hashing its content onto the genesis value. */
const headOf = (event: StoredEvent): Head => ({
  revision: event.revision,
  hash: chainFieldsOf(event.metadata)?.hash ?? eventHash(event, GENESIS_HASH),
});

/**
 * Wraps any EventStore so that every appended event carries `metadata.prevHash` and `metadata.hash`
 * (see `eventHash`). Each append is hashed against the stream head (the one this process wrote, or read) and
 * written with that head as the expected revision, so a chain can never fork; appends to one stream are
 * serialised in-process, and an `any`/`streamExists` append that loses a race to another process is re-hashed
 * and retried. The events reach the store as `SerialisedEvent`s carrying the canonical texts that were hashed
 * and the hashes as bytes.
 * Reads pass through unchanged.
 */
export const withHashChain = (store: EventStore, options: HashChainOptions = {}): EventStore => {
  const maxRetries = options.maxRetries ?? 5;
  const heads = new HeadCache(options.headCacheSize ?? 10_000);
  const queues = new Map<string, Promise<unknown>>();

  const serialised = <T>(stream: string, work: () => Promise<T>): Promise<T> => {
    const run = (queues.get(stream) ?? Promise.resolve()).then(work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(stream, settled);
    void settled.then(() => {
      if (queues.get(stream) === settled) queues.delete(stream);
    });
    return run;
  };

  /** The stored head; asking for the revision first is much cheaper when the stream does not exist yet. */
  const readHead = async (stream: string): Promise<Head | undefined> => {
    if ((await store.streamRevision(stream)) === undefined) return undefined;
    for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) return headOf(event);
    return undefined;
  };

  /**
   * The head to hash against. `noStream` needs none: if the stream exists after all, the adapter answers a retry
   * or refuses. A head this process wrote is used when `expected` holds on it; otherwise, and on a retry, it is read.
   */
  const headFor = async (stream: string, expected: ExpectedRevision, fresh: boolean): Promise<Head | undefined> => {
    if (!fresh) {
      if (expected === 'noStream') return undefined;
      const known = heads.get(stream);
      if (known !== undefined && expectedHolds(expected, known.revision)) return known;
    }
    return readHead(stream);
  };

  /** Remembers the head an append wrote (not one it found: an idempotent retry writes nothing). */
  const remember = (stream: string, written: Head, result: AppendResult): AppendResult => {
    if (result.alreadyStored || result.nextRevision !== written.revision) heads.delete(stream);
    else heads.set(stream, written);
    return result;
  };

  const appendChained = async (
    stream: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> => {
    for (let attempt = 0; ; attempt++) {
      const head = await headFor(stream, expected, attempt > 0);
      const holds = expectedHolds(expected, head?.revision);
      if (!holds && head === undefined) {
        heads.delete(stream);
        throw new ConcurrencyError(stream, expected, undefined);
      }
      const { chained, written } = chainEvents(
        events,
        head,
        chainHashesOf(stream, head === undefined ? 0n : head.revision + 1n, head?.hash ?? GENESIS_HASH, events),
      );
      if (!holds) {
        heads.delete(stream);
        // `noStream` never holds on an existing stream: the adapter answers a retry or refuses, writing nothing.
        return await store
          .appendToStream(stream, chained, { expected: 'noStream' })
          .catch((error: unknown) => rethrowAs(error, stream, expected));
      }
      try {
        return remember(
          stream,
          written,
          await store.appendToStream(stream, chained, { expected: head?.revision ?? 'noStream' }),
        );
      } catch (error) {
        heads.delete(stream);
        const raced = error instanceof ConcurrencyError && (expected === 'any' || expected === 'streamExists');
        if (!raced || attempt >= maxRetries) rethrowAs(error, stream, expected);
      }
    }
  };

  return {
    kind: store.kind,
    appendToStream: async (stream, events, { expected }) => {
      const prepared = prepareEvents(stream, events);
      return serialised(stream, () => appendChained(stream, prepared, expected));
    },
    readStream: (stream, readOptions) => store.readStream(stream, readOptions),
    readAll: (readOptions) => store.readAll(readOptions),
    streamRevision: (stream) => store.streamRevision(stream),
    headPosition: () => store.headPosition(),
    subscribeToAll: (subscribeOptions) => store.subscribeToAll(subscribeOptions),
    close: () => store.close(),
  };
};

const rethrowAs = (error: unknown, stream: string, expected: ExpectedRevision): never => {
  if (error instanceof ConcurrencyError) throw new ConcurrencyError(stream, expected, error.actual);
  throw error;
};

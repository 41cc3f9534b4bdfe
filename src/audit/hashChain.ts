import { expectedHolds } from '../eventStore/appendRules.js';
import { ConcurrencyError, InvalidEventError } from '../eventStore/errors.js';
import type {
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  StoredEvent,
} from '../eventStore/eventStore.js';
import { assertValidNewEvents, normaliseEventId } from '../eventStore/validation.js';
import { canonicalize } from './canonical.js';
import { chainFieldsOf, eventHash, GENESIS_HASH, HASH_KEYS, hashInput, sha256Hex } from './hashing.js';

export interface HashChainOptions {
  /** How often an `any`/`streamExists` append is retried after losing a race to another process (default 5). */
  maxRetries?: number;
}

interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Canonical JSON of `data` and of `metadata`: the hash input, and the source of the stored copies. */
  canonicalData: string;
  canonicalMetadata: string;
}

interface Head {
  revision: bigint;
  hash: string;
}

const canonicalText = (value: unknown, index: number, path: string): string => {
  try {
    return canonicalize(value) ?? 'null';
  } catch (error) {
    throw new InvalidEventError(index, path, `must be JSON-serialisable (${(error as Error).message})`);
  }
};

/** Validated copies in the form the store will hold, taken before the first `await`. */
const prepare = (stream: string, events: readonly NewEvent[]): PreparedEvent[] => {
  assertValidNewEvents(stream, events);
  return events.map((event, index) => {
    const metadata = event.metadata ?? {};
    for (const key of HASH_KEYS)
      if (key in metadata) throw new InvalidEventError(index, `metadata.${key}`, 'is reserved for the hash chain');
    const canonicalData = canonicalText(event.data, index, 'data');
    const canonicalMetadata = canonicalText(metadata, index, 'metadata');
    return {
      id: normaliseEventId(event.id),
      type: event.type,
      version: event.version ?? 1,
      data: JSON.parse(canonicalData) as Record<string, unknown>,
      metadata: JSON.parse(canonicalMetadata) as EventMetadata,
      canonicalData,
      canonicalMetadata,
    };
  });
};

const chain = (stream: string, events: readonly PreparedEvent[], head: Head | undefined): NewEvent[] => {
  let prevHash = head?.hash ?? GENESIS_HASH;
  let revision = head === undefined ? 0n : head.revision + 1n;
  return events.map((event) => {
    const { id, type, version } = event;
    const hash = sha256Hex(
      hashInput(event.canonicalData, event.canonicalMetadata, { stream, revision, id, type, version }, prevHash),
    );
    const chained = { id, type, version, data: event.data, metadata: { ...event.metadata, prevHash, hash } };
    prevHash = hash;
    revision++;
    return chained;
  });
};

/** A head written before hashing was enabled is adopted by hashing its content onto the genesis value. */
const headOf = (event: StoredEvent): Head => ({
  revision: event.revision,
  hash: chainFieldsOf(event.metadata)?.hash ?? eventHash(event, GENESIS_HASH),
});

/**
 * Wraps any EventStore so that every appended event carries `metadata.prevHash` and `metadata.hash`
 * (see `eventHash`). Each append is hashed against the stream head it read and written with that head
 * as the expected revision, so a chain can never fork; appends to one stream are serialised in-process,
 * and an `any`/`streamExists` append that loses a race to another process is re-hashed and retried.
 * Reads pass through unchanged.
 */
export const withHashChain = (store: EventStore, options: HashChainOptions = {}): EventStore => {
  const maxRetries = options.maxRetries ?? 5;
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

  const readHead = async (stream: string): Promise<Head | undefined> => {
    for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) return headOf(event);
    return undefined;
  };

  const appendChained = async (
    stream: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> => {
    for (let attempt = 0; ; attempt++) {
      const head = await readHead(stream);
      const chained = chain(stream, events, head);
      if (!expectedHolds(expected, head?.revision)) {
        if (head === undefined) throw new ConcurrencyError(stream, expected, undefined);
        // `noStream` never holds on an existing stream: the adapter answers a retry or refuses, writing nothing.
        return await store
          .appendToStream(stream, chained, { expected: 'noStream' })
          .catch((error: unknown) => rethrowAs(error, stream, expected));
      }
      try {
        return await store.appendToStream(stream, chained, { expected: head?.revision ?? 'noStream' });
      } catch (error) {
        const raced = error instanceof ConcurrencyError && (expected === 'any' || expected === 'streamExists');
        if (!raced || attempt >= maxRetries) rethrowAs(error, stream, expected);
      }
    }
  };

  return {
    kind: store.kind,
    appendToStream: async (stream, events, { expected }) => {
      const prepared = prepare(stream, events);
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

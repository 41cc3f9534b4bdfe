import { personalFieldsOf } from '../domain/events/catalogue.js';
import type { EventStore, NewEvent, StoredEvent, Subscription } from '../eventStore/eventStore.js';
import { normaliseEventId } from '../eventStore/validation.js';
import type { DataKeyCache } from './dataKeyCache.js';
import { isSealed, openPersonalData, sealPersonalData } from './personalDataCipher.js';

const CLIENT_STREAM = 'client-';
/** The key of `data` that holds the sealed personal fields (for JobSearchStarted it replaces `person` itself). */
export const SEALED_FIELD = 'person';

const clientIdOf = (stream: string): string | undefined =>
  stream.startsWith(CLIENT_STREAM) ? stream.slice(CLIENT_STREAM.length) : undefined;

const associatedData = (stream: string, id: string): string => `${stream}\n${id}`;

/** The personal fields present in `data`, or undefined when there are none to seal. */
const personalPart = (event: NewEvent): Record<string, unknown> | undefined => {
  const fields = personalFieldsOf(event.type);
  if (fields.length === 0 || isSealed(event.data[SEALED_FIELD])) return undefined;
  const part: Record<string, unknown> = {};
  let found = false;
  for (const field of fields)
    if (Object.hasOwn(event.data, field)) {
      part[field] = event.data[field];
      found = true;
    }
  return found ? part : undefined;
};

const seal = (stream: string, event: NewEvent, key: Buffer, part: Record<string, unknown>): NewEvent => {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event.data)) if (!(field in part)) data[field] = value;
  data[SEALED_FIELD] = sealPersonalData(key, associatedData(stream, normaliseEventId(event.id)), part);
  return { ...event, data };
};

const unsealed = (event: StoredEvent, part: Record<string, unknown>): StoredEvent => {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(event.data)) if (field !== SEALED_FIELD) data[field] = value;
  return { ...event, data: Object.assign(data, part) };
};

/** The service's event store: personal data encrypted, plus what erasure and auditors need. */
export interface EncryptedEventStore extends EventStore {
  /** The same log in its stored form (sealed personal parts): what the hash chain covers and auditors export. */
  readonly storedForm: EventStore;
  readonly dataKeys: DataKeyCache;
}

/**
 * Encrypts the personal fields of client events (domain §9) with the client's data key before they reach the
 * store, and decrypts them on every read. Once the key is destroyed (erasure), the personal fields read as null
 * while the stored ciphertext, and so the hash chain over it, stays as it was. Put it outside the hash chain:
 * app → encryption → hash chain → adapter. Other streams pass through untouched.
 */
export const withPersonalDataEncryption = (store: EventStore, keys: DataKeyCache): EncryptedEventStore => {
  const decrypt = async (event: StoredEvent): Promise<StoredEvent> => {
    const sealed = event.data[SEALED_FIELD];
    if (!isSealed(sealed)) return event;
    const clientId = clientIdOf(event.stream);
    const key = clientId === undefined ? null : await keys.find(clientId);
    if (key === null) {
      const erased = Object.fromEntries(personalFieldsOf(event.type).map((field) => [field, null]));
      return unsealed(event, erased);
    }
    return unsealed(event, openPersonalData(key, associatedData(event.stream, event.id), sealed));
  };

  /** Decrypts on the way through; events without a sealed part cost no extra promise. */
  const decrypted = (events: AsyncIterable<StoredEvent>): AsyncIterable<StoredEvent> => ({
    [Symbol.asyncIterator]: () => {
      const source = events[Symbol.asyncIterator]();
      return {
        next: () =>
          source
            .next()
            .then((result) =>
              result.done || !isSealed(result.value.data[SEALED_FIELD])
                ? result
                : decrypt(result.value).then((value) => ({ done: false, value })),
            ),
        return: (value?: unknown) =>
          source.return ? source.return(value) : Promise.resolve({ done: true as const, value: undefined }),
      };
    },
  });

  const subscription = (source: Subscription): Subscription => ({
    [Symbol.asyncIterator]: () => decrypted(source)[Symbol.asyncIterator](),
    close: () => source.close(),
  });

  return {
    kind: store.kind,
    appendToStream: async (stream, events, options) => {
      const clientId = clientIdOf(stream);
      const parts = clientId === undefined ? [] : events.map(personalPart);
      if (clientId === undefined || parts.every((part) => part === undefined))
        return store.appendToStream(stream, events, options);
      const key = await keys.obtain(clientId);
      const sealedEvents = events.map((event, index) => {
        const part = parts[index];
        return part === undefined ? event : seal(stream, event, key, part);
      });
      return store.appendToStream(stream, sealedEvents, options);
    },
    readStream: (stream, options) => decrypted(store.readStream(stream, options)),
    readAll: (options) => decrypted(store.readAll(options)),
    streamRevision: (stream) => store.streamRevision(stream),
    headPosition: () => store.headPosition(),
    subscribeToAll: (options) => subscription(store.subscribeToAll(options)),
    close: async () => {
      try {
        await store.close();
      } finally {
        await keys.close();
      }
    },
    storedForm: store,
    dataKeys: keys,
  };
};

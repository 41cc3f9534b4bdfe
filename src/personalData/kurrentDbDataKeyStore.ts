import { randomBytes } from 'node:crypto';
import { jsonEvent, type KurrentDBClient, NO_STREAM, StreamDeletedError } from '@kurrent/kurrentdb-client';
import { connectClient, DEFAULT_TIMEOUT_MS, releaseClient } from '../eventStore/kurrentdb/client.js';
import { isMissingStream, toStoreError, wrongExpectedVersion } from '../eventStore/kurrentdb/clientErrors.js';
import { withTimeout } from '../eventStore/kurrentdb/timeout.js';
import { DATA_KEY_BYTES, type DataKeyStore, PersonalDataErasedError } from './dataKeyStore.js';
import type { KeyWrapper } from './keyWrapping.js';

/**
 * A system stream per client (`$` prefix: admin-only by default, and outside the `$all` reads of the event-store
 * adapter, which exclude `$` event types, so wrapped keys never reach exports). Erasure tombstones the stream;
 * KurrentDB's scavenge then removes the key bytes from its chunks (run it after erasures, see README).
 */
const streamOf = (clientId: string): string => `$ledger-data-key-${clientId}`;
const EVENT_TYPE = '$ledger-data-key';
const LOOKUP_CONCURRENCY = 16;

type KeyEventData = {
  wrapped: string;
  masterKeyId: string;
};

export interface KurrentDbDataKeyStoreOptions {
  connectionString: string;
  wrapper: KeyWrapper;
  timeoutMs?: number;
}

export const openKurrentDbDataKeyStore = async (options: KurrentDbDataKeyStoreOptions): Promise<DataKeyStore> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client: KurrentDBClient = await connectClient(options.connectionString, timeoutMs);
  const { wrapper } = options;

  /** The stored key; null when tombstoned, undefined when never created. */
  const read = async (clientId: string): Promise<Buffer | null | undefined> => {
    try {
      const events = client.readStream(streamOf(clientId), { maxCount: 1 });
      for await (const resolved of events) {
        const data = resolved.event?.data as KeyEventData | undefined;
        if (data !== undefined) return wrapper.unwrap(clientId, Buffer.from(data.wrapped, 'base64'));
      }
      return undefined;
    } catch (error) {
      if (isMissingStream(error)) return error instanceof StreamDeletedError ? null : undefined;
      throw toStoreError(error, `reading the data key of ${clientId}`);
    }
  };

  const obtain = async (clientId: string): Promise<Buffer> => {
    const existing = await withTimeout(read(clientId), timeoutMs, 'reading a data key');
    if (existing === null) throw new PersonalDataErasedError(clientId);
    if (existing !== undefined) return existing;
    const key = randomBytes(DATA_KEY_BYTES);
    const data: KeyEventData = { wrapped: wrapper.wrap(clientId, key).toString('base64'), masterKeyId: wrapper.keyId };
    try {
      await withTimeout(
        client.appendToStream(streamOf(clientId), jsonEvent({ type: EVENT_TYPE, data }), { streamState: NO_STREAM }),
        timeoutMs,
        'creating a data key',
      );
      return key;
    } catch (error) {
      if (wrongExpectedVersion(error) === undefined && !isMissingStream(error))
        throw toStoreError(error, 'creating a data key');
      return obtain(clientId);
    }
  };

  return {
    find: async (clientIds) => {
      const found = new Map<string, Buffer>();
      const queue = [...new Set(clientIds)];
      const worker = async () => {
        for (let clientId = queue.pop(); clientId !== undefined; clientId = queue.pop()) {
          const key = await withTimeout(read(clientId), timeoutMs, 'reading a data key');
          if (key) found.set(clientId, key);
        }
      };
      await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, queue.length) }, worker));
      return found;
    },
    obtain,
    destroy: async (clientId) => {
      const existing = await withTimeout(read(clientId), timeoutMs, 'reading a data key');
      if (existing === null) return false;
      try {
        await withTimeout(client.tombstoneStream(streamOf(clientId)), timeoutMs, 'destroying a data key');
      } catch (error) {
        if (!isMissingStream(error)) throw toStoreError(error, 'destroying a data key');
      }
      return existing !== undefined;
    },
    close: () => releaseClient(client, timeoutMs),
  };
};

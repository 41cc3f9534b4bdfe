import { randomUUID } from 'node:crypto';
import { jsonEvent, type KurrentDBClient, NO_STREAM, StreamDeletedError } from '@kurrent/kurrentdb-client';
import { z } from 'zod';
import { StoreUnavailableError } from '../eventStore/errors.js';
import { connectClient, DEFAULT_TIMEOUT_MS, releaseClient } from '../eventStore/kurrentdb/client.js';
import { isMissingStream, toStoreError, wrongExpectedVersion } from '../eventStore/kurrentdb/clientErrors.js';
import { withTimeout } from '../eventStore/kurrentdb/timeout.js';
import { type IdentityKeys, lookupHash, sealIdentity } from './identityKeys.js';
import type { IdentityStore } from './identityStore.js';

/**
 * The identity table as KurrentDB streams, shared by every API instance on the cluster. All names and types
 * start with `$`: system streams are admin-only by default, and the event-store adapter's `$all` reads skip `$`
 * event types, so identities never reach projections, audit chains or exports.
 *
 * - `$ledger-identity-<HMAC hex>`: one event `{ clientId, sealedCode }`, appended with `noStream`, so instances
 *   racing on a new person agree on the first writer's clientId.
 * - `$ledger-identity-client-<clientId>`: `{ lookupHash }`, written first, so `forget(clientId)` finds the
 *   look-up stream.
 *
 * `forget` tombstones both. A tombstoned stream can never be written again, so a person who comes back after
 * erasure is registered in the next generation of the look-up stream (`$ledger-identity-<HMAC hex>-2`, ...).
 * Deleted events stay in KurrentDB's chunks until a scavenge removes them (see README).
 */
const lookupStreamOf = (hash: string, generation: number): string =>
  `$ledger-identity-${hash}${generation === 1 ? '' : `-${generation}`}`;
const clientStreamOf = (clientId: string): string => `$ledger-identity-client-${clientId}`;
const ENTRY_TYPE = '$ledger-identity';
const POINTER_TYPE = '$ledger-identity-client';
/** Reads of one resolve: generations left by erasures, plus races lost to other instances. */
const MAX_STEPS = 64;

const Entry = z.object({ clientId: z.uuid(), sealedCode: z.string() });
const Pointer = z.object({ lookupHash: z.string().regex(/^[0-9a-f]{64}$/) });

/** A stored entry as the SQLite table holds it, for `adopt`. */
export interface IdentityEntry {
  lookupHash: Buffer;
  clientId: string;
  sealedCode: Buffer;
}

export interface KurrentDbIdentityStore extends IdentityStore {
  /**
   * Stores an entry taken over from an instance's SQLite table: 'added'; 'present' when the person already has
   * this clientId; 'conflict' when another one; 'erased' when the person was forgotten here (never revived).
   */
  adopt(entry: IdentityEntry): Promise<'added' | 'present' | 'conflict' | 'erased'>;
}

export interface KurrentDbIdentityStoreOptions {
  connectionString: string;
  keys: IdentityKeys;
  timeoutMs?: number;
}

export const openKurrentDbIdentityStore = async (
  options: KurrentDbIdentityStoreOptions,
): Promise<KurrentDbIdentityStore> => {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client: KurrentDBClient = await connectClient(options.connectionString, timeoutMs);
  const { keys } = options;

  /** The data of the stream's first event; 'deleted' when tombstoned; undefined when it has none. */
  const first = async <T>(stream: string, schema: z.ZodType<T>): Promise<T | 'deleted' | undefined> => {
    const read = async (): Promise<unknown> => {
      try {
        for await (const resolved of client.readStream(stream, { maxCount: 1 })) return resolved.event?.data;
        return undefined;
      } catch (error) {
        if (error instanceof StreamDeletedError) return 'deleted';
        if (isMissingStream(error)) return undefined;
        throw toStoreError(error, 'reading an identity');
      }
    };
    const data = await withTimeout(read(), timeoutMs, 'reading an identity');
    if (data === undefined || data === 'deleted') return data;
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new StoreUnavailableError('An identity stream holds an event of another shape');
    return parsed.data;
  };

  /** Appends the stream's first event; false when it already has one or was tombstoned. */
  const create = async (stream: string, type: string, data: Record<string, string>): Promise<boolean> => {
    try {
      await withTimeout(
        client.appendToStream(stream, jsonEvent({ type, data }), { streamState: NO_STREAM }),
        timeoutMs,
        'recording an identity',
      );
      return true;
    } catch (error) {
      if (wrongExpectedVersion(error) !== undefined || isMissingStream(error)) return false;
      throw toStoreError(error, 'recording an identity');
    }
  };

  const tombstone = async (stream: string): Promise<void> => {
    try {
      await withTimeout(client.tombstoneStream(stream), timeoutMs, 'forgetting an identity');
    } catch (error) {
      if (!isMissingStream(error)) throw toStoreError(error, 'forgetting an identity');
    }
  };

  /**
   * Finds the person's current entry, or claims the first free generation for `candidate`: its pointer first, then
   * the entry. A race lost to another writer reads the winner's entry and drops the pointer.
   */
  const lookUpOrClaim = async (
    hash: string,
    candidate: { clientId: string; sealedCode: string },
    onErased: 'stop' | 'next generation',
  ): Promise<{ clientId: string; created: boolean } | 'erased'> => {
    const pointer = clientStreamOf(candidate.clientId);
    let pointed = false;
    let generation = 1;
    for (let step = 0; step < MAX_STEPS; step++) {
      const stream = lookupStreamOf(hash, generation);
      const existing = await first(stream, Entry);
      if (existing === 'deleted') {
        if (onErased === 'stop') return 'erased';
        generation++;
        continue;
      }
      if (existing !== undefined) {
        if (pointed && existing.clientId !== candidate.clientId) await tombstone(pointer);
        return { clientId: existing.clientId, created: false };
      }
      if (!(await create(pointer, POINTER_TYPE, { lookupHash: hash })) && (await first(pointer, Pointer)) === 'deleted')
        return 'erased';
      pointed = true;
      if (await create(stream, ENTRY_TYPE, candidate)) return { clientId: candidate.clientId, created: true };
    }
    throw new StoreUnavailableError(`No identity stream settled after ${MAX_STEPS} reads`);
  };

  return {
    kind: 'kurrentdb',
    resolve: async (code) => {
      const hash = lookupHash(keys, code).toString('hex');
      const candidate = { clientId: randomUUID(), sealedCode: sealIdentity(keys, code).toString('base64') };
      const found = await lookUpOrClaim(hash, candidate, 'next generation');
      if (found === 'erased') throw new StoreUnavailableError('A new random clientId was already forgotten');
      return found;
    },
    forget: async (clientId) => {
      const pointer = await first(clientStreamOf(clientId), Pointer);
      if (pointer === undefined || pointer === 'deleted') return false;
      let owned = false;
      for (let generation = 1; generation <= MAX_STEPS && !owned; generation++) {
        const stream = lookupStreamOf(pointer.lookupHash, generation);
        const entry = await first(stream, Entry);
        if (entry === undefined) break;
        owned = entry !== 'deleted' && entry.clientId === clientId;
        if (owned) await tombstone(stream);
      }
      await tombstone(clientStreamOf(clientId));
      return owned;
    },
    adopt: async (entry) => {
      const candidate = { clientId: entry.clientId, sealedCode: entry.sealedCode.toString('base64') };
      const found = await lookUpOrClaim(entry.lookupHash.toString('hex'), candidate, 'stop');
      if (found === 'erased') return 'erased';
      return found.created ? 'added' : found.clientId === entry.clientId ? 'present' : 'conflict';
    },
    close: () => releaseClient(client, timeoutMs),
  };
};

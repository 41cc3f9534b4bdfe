import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { EventStore } from '../eventStore/eventStore.js';

export const CLIENT_DATA_READ = 'ClientDataRead';
const STREAM_PREFIX = 'audit-access-';
/** Operations kept in memory while the store cannot take them. */
const MAX_RETAINED = 50_000;

/** One read of one client's data: who (subject and how authenticated), when, which client, which operation. */
export interface AccessEntry {
  subject: string;
  via: string;
  clientId: string;
  /** REST route (`GET /v1/clients/:clientId/state`) or GraphQL field (`Query.caseload`). */
  operation: string;
  at: string;
}

/** What one `ClientDataRead` event holds: one operation and every client it read (older events: one `clientId`). */
interface StoredAccess extends Omit<AccessEntry, 'clientId'> {
  clientIds?: string[];
  clientId?: string;
}

export interface Reader {
  subject: string;
  via: string;
}

/** The audit stream of one day (Helsinki date): `audit-access-2026-11-25`. */
export const accessStream = (day: string): string => `${STREAM_PREFIX}${day}`;

export interface AccessLogOptions {
  store: EventStore;
  clock: Clock;
  /** How long entries wait before they are appended; default 1 s. */
  flushMs?: number;
  /** Entries held in memory before a flush is forced; default 500. */
  maxPending?: number;
  onError?: (error: unknown) => void;
}

/** Every day from `from` to `to` (inclusive), `YYYY-MM-DD`. */
export const daysBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); day <= new Date(`${to}T00:00:00Z`); ) {
    days.push(day.toISOString().slice(0, 10));
    day = new Date(day.getTime() + 86_400_000);
  }
  return days;
};

/**
 * The access log (issue 6 item 7): reads are recorded in memory and appended asynchronously, one append per day
 * stream and flush, so recording never slows down or fails the read. `close()` flushes what is left. Entries hold
 * no personal data beyond the client id.
 */
export const createAccessLog = (options: AccessLogOptions) => {
  const { store, clock } = options;
  const flushMs = options.flushMs ?? 1_000;
  const maxPending = options.maxPending ?? 500;
  let pending: Array<{ day: string; entry: StoredAccess }> = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;

  const appendBatch = async (batch: Array<{ day: string; entry: StoredAccess }>): Promise<void> => {
    const byDay = new Map<string, StoredAccess[]>();
    for (const { day, entry } of batch) byDay.set(day, [...(byDay.get(day) ?? []), entry]);
    for (const [day, entries] of byDay) {
      try {
        await store.appendToStream(
          accessStream(day),
          entries.map((entry) => ({ id: randomUUID(), type: CLIENT_DATA_READ, data: { ...entry } })),
          { expected: 'any' },
        );
      } catch (error) {
        options.onError?.(error);
        // Kept for the next flush (a store outage must not erase the record of reads), up to a bound.
        if (!closed && pending.length < MAX_RETAINED) {
          pending = [...entries.map((entry) => ({ day, entry })), ...pending].slice(0, MAX_RETAINED);
          schedule();
        }
      }
    }
  };

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) flushing = flushing.then(() => appendBatch(batch));
    return flushing;
  };

  const schedule = (): void => {
    if (pending.length >= maxPending) void flush();
    else if (timer === undefined) {
      timer = setTimeout(() => void flush(), flushMs);
      timer.unref();
    }
  };

  return {
    /** Records that `reader` read the data of `clientIds` through `operation` (duplicates are recorded once). */
    record(reader: Reader | null | undefined, clientIds: readonly string[], operation: string): void {
      if (closed || !reader || clientIds.length === 0) return;
      const at = clock.now();
      const day = clock.today();
      // One event per operation: a page of 50 clients costs one hash-chained event, not 50.
      const entry = { subject: reader.subject, via: reader.via, clientIds: [...new Set(clientIds)], operation, at };
      pending.push({ day, entry });
      schedule();
    },
    /** Appends everything recorded so far; resolves when it is in the store. */
    flush,
    /** Entries of the days `from`..`to` (Helsinki dates), optionally of one client, oldest first. */
    async query(filter: { from: string; to: string; clientId?: string | undefined }): Promise<AccessEntry[]> {
      const entries: AccessEntry[] = [];
      for (const day of daysBetween(filter.from, filter.to))
        for await (const event of store.readStream(accessStream(day))) {
          if (event.type !== CLIENT_DATA_READ) continue;
          const { clientIds, clientId, ...access } = event.data as unknown as StoredAccess;
          for (const id of clientIds ?? (clientId === undefined ? [] : [clientId]))
            if (filter.clientId === undefined || id === filter.clientId) entries.push({ ...access, clientId: id });
        }
      return entries;
    },
    async close(): Promise<void> {
      closed = true;
      await flush();
    },
  };
};

export type AccessLog = ReturnType<typeof createAccessLog>;

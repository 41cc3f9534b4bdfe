import { randomUUID } from 'node:crypto';
import { type Clock, helsinkiDateOf } from '../clock.js';
import type { EventStore, NewEvent } from '../eventStore/eventStore.js';

/** Earlier versions: one event per read operation. */
export const CLIENT_DATA_READ = 'ClientDataRead';
/** One event per reader and operation per flush, holding every read: its clients and each time they were read. */
export const CLIENT_DATA_READS = 'ClientDataReads';
const STREAM_PREFIX = 'audit-access-';
/** Operations kept in memory while the store cannot take them. */
const MAX_RETAINED = 50_000;
/** Client ids plus read times per `ClientDataReads` event (about 40 bytes each). */
const MAX_ITEMS_PER_EVENT = 5_000;

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

/** What one `ClientDataReads` event holds: each distinct set of clients read, with every time it was read. */
interface StoredReads {
  subject: string;
  via: string;
  operation: string;
  reads: Array<{ clientIds: string[]; at: string[] }>;
}

interface PendingRead {
  subject: string;
  via: string;
  operation: string;
  clientIds: string[];
  at: string;
}

/** The reads of one flush as `ClientDataReads` events: identical reads by one reader share one entry. */
const readEvents = (reads: readonly PendingRead[]): NewEvent[] => {
  const byReader = new Map<string, { head: Omit<StoredReads, 'reads'>; sets: Map<string, StoredReads['reads'][0]> }>();
  for (const read of reads) {
    const readerKey = JSON.stringify([read.subject, read.via, read.operation]);
    let reader = byReader.get(readerKey);
    if (reader === undefined) {
      reader = { head: { subject: read.subject, via: read.via, operation: read.operation }, sets: new Map() };
      byReader.set(readerKey, reader);
    }
    const setKey = read.clientIds.join(',');
    const set = reader.sets.get(setKey);
    if (set === undefined) reader.sets.set(setKey, { clientIds: read.clientIds, at: [read.at] });
    else set.at.push(read.at);
  }
  const events: NewEvent[] = [];
  for (const { head, sets } of byReader.values()) {
    let chunk: StoredReads['reads'] = [];
    let items = 0;
    const emit = () => {
      if (chunk.length > 0) events.push({ id: randomUUID(), type: CLIENT_DATA_READS, data: { ...head, reads: chunk } });
      chunk = [];
      items = 0;
    };
    for (const { clientIds, at } of sets.values()) {
      // A set read very often is split over several events, each with its share of the times.
      const times = Math.max(1_000, MAX_ITEMS_PER_EVENT - clientIds.length);
      for (let from = 0; from < at.length; from += times) {
        const part = { clientIds, at: at.slice(from, from + times) };
        const size = clientIds.length + part.at.length;
        if (items > 0 && items + size > MAX_ITEMS_PER_EVENT) emit();
        chunk.push(part);
        items += size;
      }
    }
    emit();
  }
  return events;
};

/** The entries of a stored event, of either form. */
const entriesOf = (type: string, data: unknown): AccessEntry[] => {
  if (type === CLIENT_DATA_READ) {
    const { clientIds, clientId, ...access } = data as StoredAccess;
    return (clientIds ?? (clientId === undefined ? [] : [clientId])).map((id) => ({ ...access, clientId: id }));
  }
  if (type !== CLIENT_DATA_READS) return [];
  const { reads, ...reader } = data as StoredReads;
  return reads.flatMap(({ clientIds, at }) =>
    at.flatMap((time) => clientIds.map((clientId) => ({ ...reader, clientId, at: time }))),
  );
};

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
  /** Read operations held in memory before a flush is forced; default 10,000. */
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
  const maxPending = options.maxPending ?? 10_000;
  let pending: Array<{ day: string; read: PendingRead }> = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();
  let closed = false;
  // The Helsinki date of an instant, worked out once per minute (the offset from UTC is whole hours).
  let minute = '';
  let minuteDay = '';
  const dayOf = (at: string): string => {
    if (minute === '' || !at.startsWith(minute)) {
      minute = at.slice(0, 16);
      minuteDay = helsinkiDateOf(new Date(at));
    }
    return minuteDay;
  };

  const appendBatch = async (batch: Array<{ day: string; read: PendingRead }>): Promise<void> => {
    const byDay = new Map<string, PendingRead[]>();
    for (const { day, read } of batch) {
      const reads = byDay.get(day);
      if (reads === undefined) byDay.set(day, [read]);
      else reads.push(read);
    }
    for (const [day, reads] of byDay) {
      try {
        await store.appendToStream(accessStream(day), readEvents(reads), { expected: 'any' });
      } catch (error) {
        options.onError?.(error);
        // Kept for the next flush (a store outage must not erase the record of reads), up to a bound.
        if (!closed && pending.length < MAX_RETAINED) {
          pending = [...reads.map((read) => ({ day, read })), ...pending].slice(0, MAX_RETAINED);
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
      const day = dayOf(at);
      // Identical reads of one flush share one entry of one event (reader and operation), each time kept.
      const read = { subject: reader.subject, via: reader.via, clientIds: [...new Set(clientIds)], operation, at };
      pending.push({ day, read });
      schedule();
    },
    /** Appends everything recorded so far; resolves when it is in the store. */
    flush,
    /** Entries of the days `from`..`to` (Helsinki dates), optionally of one client, oldest first. */
    async query(filter: { from: string; to: string; clientId?: string | undefined }): Promise<AccessEntry[]> {
      const entries: AccessEntry[] = [];
      for (const day of daysBetween(filter.from, filter.to))
        for await (const event of store.readStream(accessStream(day)))
          for (const entry of entriesOf(event.type, event.data))
            if (filter.clientId === undefined || entry.clientId === filter.clientId) entries.push(entry);
      // Oldest first: one event groups identical reads made at different times.
      entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      return entries;
    },
    async close(): Promise<void> {
      closed = true;
      await flush();
    },
  };
};

export type AccessLog = ReturnType<typeof createAccessLog>;

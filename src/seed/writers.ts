import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore, NewEvent } from '../eventStore/eventStore.js';
import type { ClientHistory } from './generateClientHistories.js';

export type Histories = Iterable<ClientHistory> | AsyncIterable<ClientHistory>;

/** Called with the running totals of clients and events written. */
export type Progress = (clients: number, events: number) => void;

export interface WriteTotals {
  clients: number;
  events: number;
}

/** The stream of one client (`client-<clientId>`), as the REST API names it. */
export const clientStreamName = (clientId: string): string => `client-${clientId}`;

/** One line of `POST /v1/events/import`: a new client's whole history. */
export const importLine = (history: ClientHistory): string =>
  `${JSON.stringify({ clientId: history.clientId, expectedRevision: 'noStream', events: history.events })}\n`;

const CHUNK_CHARS = 256 * 1024;

/**
 * Writes NDJSON import lines, one client per line with `expectedRevision: "noStream"`, honouring the
 * writable's back-pressure. Does not end the writable.
 */
export const writeNdjson = async (
  histories: Histories,
  writable: Writable,
  onProgress?: Progress,
): Promise<WriteTotals & { bytes: number }> => {
  const totals = { clients: 0, events: 0, bytes: 0 };
  let chunk = '';
  const flush = async () => {
    if (chunk === '') return;
    totals.bytes += Buffer.byteLength(chunk);
    const ready = writable.write(chunk);
    chunk = '';
    if (!ready) await once(writable, 'drain');
  };
  for await (const history of histories) {
    chunk += importLine(history);
    totals.clients++;
    totals.events += history.events.length;
    if (chunk.length >= CHUNK_CHARS) {
      await flush();
      onProgress?.(totals.clients, totals.events);
    }
  }
  await flush();
  onProgress?.(totals.clients, totals.events);
  return totals;
};

export interface AppendHistoriesOptions {
  /** Progress is reported after every this many clients (and at the end). Default 100. */
  batchClients?: number;
  /** Appends in flight at once, so that the SQLite adapter's group commit batches them. Default 32. */
  concurrency?: number;
  onProgress?: Progress;
}

/**
 * Appends each client's history to its stream through the event-store port (`expected: 'noStream'`), with
 * `concurrency` appends in flight. The first failure stops the run (in-flight appends finish) and is thrown.
 */
export const appendHistories = async (
  store: EventStore,
  histories: Histories,
  { batchClients = 100, concurrency = 32, onProgress }: AppendHistoriesOptions = {},
): Promise<WriteTotals> => {
  const iterator = Symbol.asyncIterator in histories ? histories[Symbol.asyncIterator]() : histories[Symbol.iterator]();
  const totals = { clients: 0, events: 0 };
  let failed = false;
  let reported = 0;
  const worker = async () => {
    while (!failed) {
      const next = await iterator.next();
      if (next.done) return;
      const { clientId, events } = next.value;
      if (events.length === 0) continue;
      try {
        await store.appendToStream(clientStreamName(clientId), events as readonly NewEvent[], {
          expected: 'noStream',
        });
      } catch (error) {
        failed = true;
        throw error;
      }
      totals.clients++;
      totals.events += events.length;
      if (totals.clients - reported >= batchClients) {
        reported = totals.clients;
        onProgress?.(totals.clients, totals.events);
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, concurrency) }, worker));
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
  onProgress?.(totals.clients, totals.events);
  return totals;
};

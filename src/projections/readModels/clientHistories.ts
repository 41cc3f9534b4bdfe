import type { Database, Statement } from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';
import { clientIdOf, type FoldRecord, foldEvent, INITIAL_RECORD } from './foldRecord.js';

/** One client's events in one batch, with its records before the first and after the last of them. */
export class ClientBatch {
  #between: { revision: bigint; record: FoldRecord } | undefined;

  constructor(
    readonly start: FoldRecord,
    readonly events: readonly StoredEvent[],
    readonly end: FoldRecord,
  ) {}

  /** The record up to `revision`; undefined outside the batch. Revisions in between are folded again when asked. */
  recordAt(revision: bigint): FoldRecord | undefined {
    const first = this.events[0]!.revision;
    const last = this.events.at(-1)!.revision;
    if (revision === first - 1n) return this.start;
    if (revision === last) return this.end;
    if (revision < first || revision > last) return undefined;
    if (this.#between?.revision !== revision) {
      let record = this.start;
      for (const event of this.events) if (event.revision <= revision) record = foldEvent(record, event);
      this.#between = { revision, record };
    }
    return this.#between.record;
  }
}

interface Known {
  revision: bigint;
  record: FoldRecord;
}

/** Default number of clients whose latest record stays in memory. */
export const DEFAULT_REMEMBERED_CLIENTS = 2_000;
const PARALLEL_READS = 8;
const SPILL_TABLE = 'client_fold_spill';

/**
 * Every client's history folded once per batch for all read-model projections (they share a connection, so they
 * share this). A record up to a revision is a function of the log alone, so it may be kept anywhere without
 * committing it with a checkpoint: the latest records of recently seen clients stay in memory, the least recently
 * seen spill into an internal table (emptied when the process first opens it, moved back when read), and anything
 * else is folded again from the client's stream. A rebuild of client-by-client histories never reads a stream.
 */
export class ClientHistories {
  readonly #remembered = new Map<string, Known>();
  readonly #batches = new WeakMap<StoredEvent, ClientBatch>();
  readonly #prepared = new WeakMap<readonly StoredEvent[], Promise<void>>();
  readonly #db: Database;
  readonly #limit: number;
  readonly #selectSpilled: Statement<[string], { revision: bigint; record: string }>;
  readonly #deleteSpilled: Statement<[string]>;
  readonly #spill: (entries: Array<[string, Known]>) => void;
  /** The spilled records read back are deleted in one transaction per batch. */
  readonly #inTransaction: (work: () => void) => void;

  constructor(db: Database, limit = DEFAULT_REMEMBERED_CLIENTS) {
    this.#db = db;
    this.#limit = Math.max(1, limit);
    db.exec(`CREATE TABLE IF NOT EXISTS ${SPILL_TABLE} (
      client_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, record TEXT NOT NULL) STRICT;
      DELETE FROM ${SPILL_TABLE};`);
    this.#selectSpilled = db
      .prepare<[string], { revision: bigint; record: string }>(
        `SELECT revision, record FROM ${SPILL_TABLE} WHERE client_id = ?`,
      )
      .safeIntegers(true);
    this.#deleteSpilled = db.prepare<[string]>(`DELETE FROM ${SPILL_TABLE} WHERE client_id = ?`);
    const insert = db.prepare(`INSERT OR REPLACE INTO ${SPILL_TABLE} (client_id, revision, record) VALUES (?, ?, ?)`);
    this.#inTransaction = db.transaction((work: () => void) => work());
    this.#spill = db.transaction((entries: Array<[string, Known]>) => {
      for (const [clientId, { revision, record }] of entries) insert.run(clientId, revision, JSON.stringify(record));
    });
  }

  /** The records of the event's client in the batch `prepare` was given; undefined when it was not prepared. */
  batchOf(event: StoredEvent): ClientBatch | undefined {
    return this.#batches.get(event);
  }

  /** Folds the batch's client events once (reading earlier events from the store when needed); idempotent. */
  prepare(events: readonly StoredEvent[], store: EventStore): Promise<void> {
    let prepared = this.#prepared.get(events);
    if (prepared === undefined) {
      prepared = this.#prepare(events, store);
      this.#prepared.set(events, prepared);
    }
    return prepared;
  }

  async #prepare(events: readonly StoredEvent[], store: EventStore): Promise<void> {
    const byClient = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const clientId = clientIdOf(event.stream);
      if (clientId === undefined) continue;
      const list = byClient.get(clientId);
      if (list === undefined) byClient.set(clientId, [event]);
      else if (event.revision === list.at(-1)!.revision + 1n) list.push(event);
    }
    const reads: Array<() => Promise<void>> = [];
    this.#inTransaction(() => {
      for (const [clientId, list] of byClient) {
        const base = list[0]!.revision - 1n;
        const start = base < 0n ? { revision: -1n, record: INITIAL_RECORD } : this.#known(clientId, base);
        if (start?.revision === base) this.#fold(clientId, start.record, list);
        else
          reads.push(async () => {
            let { revision, record } = start ?? { revision: -1n, record: INITIAL_RECORD };
            const limit = Number(base - revision);
            for await (const earlier of store.readStream(list[0]!.stream, { from: revision + 1n, limit })) {
              if (earlier.revision !== revision + 1n) break;
              record = foldEvent(record, earlier);
              revision = earlier.revision;
            }
            if (revision !== base) throw new Error(`stream ${list[0]!.stream} has no revision ${base}`);
            this.#fold(clientId, record, list);
          });
      }
    });
    for (let next = 0; next < reads.length; next += PARALLEL_READS)
      await Promise.all(reads.slice(next, next + PARALLEL_READS).map((read) => read()));
    this.#evict();
  }

  /** The latest record known up to `revision` at most (memory first, then the spill table). */
  #known(clientId: string, revision: bigint): Known | undefined {
    const remembered = this.#remembered.get(clientId);
    if (remembered !== undefined && remembered.revision <= revision) return remembered;
    const spilled = this.#selectSpilled.get(clientId);
    if (spilled === undefined || spilled.revision > revision) return undefined;
    this.#deleteSpilled.run(clientId);
    return { revision: spilled.revision, record: JSON.parse(spilled.record) as FoldRecord };
  }

  #fold(clientId: string, start: FoldRecord, events: readonly StoredEvent[]): void {
    let record = start;
    for (const event of events) record = foldEvent(record, event);
    const batch = new ClientBatch(start, events, record);
    for (const event of events) this.#batches.set(event, batch);
    const last = events.at(-1)!.revision;
    const remembered = this.#remembered.get(clientId);
    if (remembered !== undefined && remembered.revision > last) return;
    this.#remembered.delete(clientId);
    this.#remembered.set(clientId, { revision: last, record });
  }

  #evict(): void {
    const over = this.#remembered.size - this.#limit;
    if (over <= 0) return;
    const evicted: Array<[string, Known]> = [];
    for (const entry of this.#remembered) {
      if (evicted.length >= over) break;
      evicted.push(entry);
    }
    for (const [clientId] of evicted) this.#remembered.delete(clientId);
    if (this.#db.open) this.#spill(evicted);
  }
}

const shared = new WeakMap<Database, ClientHistories>();

/** The histories shared by the read-model projections of one read-model connection. */
export const historiesFor = (db: Database, limit?: number): ClientHistories => {
  let histories = shared.get(db);
  if (histories === undefined) {
    histories = new ClientHistories(db, limit);
    shared.set(db, histories);
  }
  return histories;
};

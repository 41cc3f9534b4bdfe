import type { Database, Statement } from 'better-sqlite3';
import { type IsoDate, maxDate } from '../../domain/calendar/isoDate.js';
import { evolve } from '../../domain/client/evolve.js';
import { type ClientState, initialState } from '../../domain/client/state.js';
import { eventCatalogue } from '../../domain/events/catalogue.js';
import { type ClientEvent, eventDate } from '../../domain/events/clientEvent.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { StoredEvent } from '../../eventStore/eventStore.js';

/** Every client event type: all read-model projections handle the same set, so their folds agree. */
export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(eventCatalogue));

const CLIENT_STREAM = 'client-';

/** What a projection keeps per client: the folded state, the latest date it has seen, and its own extras. */
export interface FoldRecord<X> {
  state: ClientState;
  /** Latest of the fact dates and the recording dates (Europe/Helsinki) of the client's events. */
  lastDate: IsoDate;
  extra: X;
}

/** A client touched in the current batch: its record before the batch (committed) and after. */
export interface FoldedClient<X> {
  clientId: string;
  before: FoldRecord<X> | undefined;
  after: FoldRecord<X>;
  revision: bigint;
  position: bigint;
}

export interface FoldOptions<X> {
  initialExtra: () => X;
  evolveExtra?: (extra: X, event: ClientEvent) => X;
}

const helsinkiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const recordedOn = (recordedAt: string): IsoDate => {
  const instant = new Date(recordedAt);
  return Number.isNaN(instant.getTime()) ? '1900-01-01' : helsinkiDate.format(instant);
};

/** The typed event, or undefined for an unknown type, version or invalid data (skipped, never thrown). */
export const readClientEvent = (event: StoredEvent): ClientEvent | undefined => {
  try {
    return parseClientEvent(event.type, event.version, event.data);
  } catch {
    return undefined;
  }
};

export const clientIdOf = (stream: string): string | undefined =>
  stream.startsWith(CLIENT_STREAM) ? stream.slice(CLIENT_STREAM.length) : undefined;

export const foldStateSchema = (table: string): string => `CREATE TABLE ${table} (
  client_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL
) STRICT`;

interface Pending<X> {
  before: FoldRecord<X> | undefined;
  after: FoldRecord<X>;
  revision: bigint;
  position: bigint;
}

interface StateRow {
  revision: bigint;
  record: string;
}

/**
 * Folds each client's events into a record kept in `table` (one row per client, JSON), deferring the write to
 * the end of the batch so a client with many events in one batch is written and derived once. Idempotent: an
 * event at or below the stored revision is ignored; a replay after a rolled-back batch starts afresh.
 */
export class ClientFold<X> {
  readonly #select: Statement<[string], StateRow>;
  readonly #upsert: Statement;
  readonly #pending = new Map<string, Pending<X>>();
  readonly #options: FoldOptions<X>;
  #lastPosition = -1n;

  constructor(db: Database, table: string, options: FoldOptions<X>) {
    this.#select = db.prepare<[string], StateRow>(`SELECT revision, record FROM ${table} WHERE client_id = ?`);
    this.#select.safeIntegers(true);
    this.#upsert = db.prepare(
      `INSERT INTO ${table} (client_id, revision, position, record) VALUES (?, ?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET revision = excluded.revision, position = excluded.position,
       record = excluded.record`,
    );
    this.#options = options;
  }

  /** Folds one stored event; false when it is not a client event or already applied. */
  apply(stored: StoredEvent): boolean {
    const clientId = clientIdOf(stored.stream);
    if (clientId === undefined) return false;
    if (stored.position <= this.#lastPosition) this.#pending.clear();
    this.#lastPosition = stored.position;
    let pending = this.#pending.get(clientId);
    if (pending === undefined) {
      const row = this.#select.get(clientId);
      if (row !== undefined && row.revision >= stored.revision) return false;
      const before = row === undefined ? undefined : (JSON.parse(row.record) as FoldRecord<X>);
      pending = { before, after: before ?? this.#initial(), revision: -1n, position: stored.position };
      this.#pending.set(clientId, pending);
    } else if (pending.revision >= stored.revision) return false;
    pending.after = this.#evolve(pending.after, stored);
    pending.revision = stored.revision;
    pending.position = stored.position;
    return true;
  }

  /** Writes the records of the clients touched since the last call, handing each to `visit` first. */
  flush(visit: (client: FoldedClient<X>) => void): void {
    for (const [clientId, pending] of this.#pending) {
      visit({ clientId, ...pending });
      this.#upsert.run(clientId, pending.revision, pending.position, JSON.stringify(pending.after));
    }
    this.#pending.clear();
  }

  #initial(): FoldRecord<X> {
    return { state: initialState, lastDate: '1900-01-01', extra: this.#options.initialExtra() };
  }

  #evolve(record: FoldRecord<X>, stored: StoredEvent): FoldRecord<X> {
    const recorded = recordedOn(stored.recordedAt);
    const event = readClientEvent(stored);
    if (event === undefined) return { ...record, lastDate: maxDate(recorded, record.lastDate) };
    return {
      state: evolve(record.state, event),
      lastDate: maxDate(eventDate(event), recorded, record.lastDate),
      extra: this.#options.evolveExtra?.(record.extra, event) ?? record.extra,
    };
  }
}

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

const formatRecordedOn = (recordedAt: string): IsoDate => {
  const instant = new Date(recordedAt);
  return Number.isNaN(instant.getTime()) ? '1900-01-01' : helsinkiDate.format(instant);
};

// Helsinki's UTC offset is a whole number of hours and changes on the hour, so the date depends on the UTC hour only.
const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}/;
const recordedOnByHour = new Map<string, IsoDate>();

const recordedOn = (recordedAt: string): IsoDate => {
  if (recordedAt.length < 20 || !recordedAt.endsWith('Z') || !HOUR.test(recordedAt))
    return formatRecordedOn(recordedAt);
  const hour = recordedAt.slice(0, 13);
  let date = recordedOnByHour.get(hour);
  if (date === undefined) {
    date = formatRecordedOn(`${hour}:00:00.000Z`);
    if (recordedOnByHour.size >= 100_000) recordedOnByHour.clear();
    recordedOnByHour.set(hour, date);
  }
  return date;
};

const SKIPPED = Symbol('skipped');
/** Every projection of a lane reads the same StoredEvent object: it is parsed once. */
const parsed = new WeakMap<StoredEvent, ClientEvent | typeof SKIPPED>();

/** The typed event, or undefined for an unknown type, version or invalid data (skipped, never thrown). */
export const readClientEvent = (event: StoredEvent): ClientEvent | undefined => {
  let result = parsed.get(event);
  if (result === undefined) {
    try {
      result = parseClientEvent(event.type, event.version, event.data);
    } catch {
      result = SKIPPED;
    }
    parsed.set(event, result);
  }
  return result === SKIPPED ? undefined : result;
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

/**
 * The projections of a lane fold the same events into equal states: these caches let them share the work.
 * `evolve` is pure, so a state evolved by an event is remembered per (state object, event object); records
 * stored as the same JSON text are parsed once (a bounded map, emptied when full); a state's JSON is kept with it.
 */
const evolvedBy = new WeakMap<ClientState, WeakMap<ClientEvent, ClientState>>();
const stateJson = new WeakMap<ClientState, string>();
const parsedRecords = new Map<string, FoldRecord<unknown>>();
// Every slot applies an event before the next event is read, so the slots' reads of one client follow each other.
const MAX_PARSED_RECORDS = 256;

const evolveShared = (state: ClientState, event: ClientEvent): ClientState => {
  let byEvent = evolvedBy.get(state);
  if (byEvent === undefined) {
    byEvent = new WeakMap();
    evolvedBy.set(state, byEvent);
  }
  let next = byEvent.get(event);
  if (next === undefined) {
    next = evolve(state, event);
    byEvent.set(event, next);
  }
  return next;
};

const parseRecord = <X>(json: string): FoldRecord<X> => {
  let record = parsedRecords.get(json);
  if (record === undefined) {
    record = JSON.parse(json) as FoldRecord<unknown>;
    if (parsedRecords.size >= MAX_PARSED_RECORDS) parsedRecords.clear();
    parsedRecords.set(json, record);
  }
  return record as FoldRecord<X>;
};

/** `JSON.stringify(record)`, with the state's JSON written once per state object. */
const stringifyRecord = <X>(record: FoldRecord<X>): string => {
  const { state, lastDate, extra } = record;
  if (extra === undefined) return JSON.stringify(record);
  let json = stateJson.get(state);
  if (json === undefined) {
    json = JSON.stringify(state);
    stateJson.set(state, json);
  }
  return `{"state":${json},"lastDate":${JSON.stringify(lastDate)},"extra":${JSON.stringify(extra)}}`;
};

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
      const before = row === undefined ? undefined : parseRecord<X>(row.record);
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
      this.#upsert.run(clientId, pending.revision, pending.position, stringifyRecord(pending.after));
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
      state: evolveShared(record.state, event),
      lastDate: maxDate(eventDate(event), recorded, record.lastDate),
      extra: this.#options.evolveExtra?.(record.extra, event) ?? record.extra,
    };
  }
}

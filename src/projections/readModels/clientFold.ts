import type { Database, Statement } from 'better-sqlite3';
import type { IsoDate } from '../../domain/calendar/isoDate.js';
import { evolve } from '../../domain/client/evolve.js';
import { type ClientState, initialState } from '../../domain/client/state.js';
import { eventCatalogue } from '../../domain/events/catalogue.js';
import { type ClientEvent, eventDate } from '../../domain/events/clientEvent.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { StoredEvent } from '../../eventStore/eventStore.js';

/** Every client event type: all read-model projections handle the same set, so their folds agree. */
export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(eventCatalogue));

const CLIENT_STREAM = 'client-';
const NO_DATE: IsoDate = '1900-01-01';

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
  return Number.isNaN(instant.getTime()) ? NO_DATE : helsinkiDate.format(instant);
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

// The lane hands each event to every projection before reading the next one, so the projections' folds of one
// event follow each other: remembering the last event parsed and the last record evolved lets them share the work
// (and the resulting objects) without keeping anything alive for long.
const SKIPPED = Symbol('skipped');
let lastParsed: { stored: StoredEvent; event: ClientEvent | typeof SKIPPED } | undefined;

/** The typed event, or undefined for an unknown type, version or invalid data (skipped, never thrown). */
export const readClientEvent = (stored: StoredEvent): ClientEvent | undefined => {
  if (lastParsed?.stored !== stored) {
    let event: ClientEvent | typeof SKIPPED;
    try {
      event = parseClientEvent(stored.type, stored.version, stored.data);
    } catch {
      event = SKIPPED;
    }
    lastParsed = { stored, event };
  }
  return lastParsed.event === SKIPPED ? undefined : lastParsed.event;
};

export const clientIdOf = (stream: string): string | undefined =>
  stream.startsWith(CLIENT_STREAM) ? stream.slice(CLIENT_STREAM.length) : undefined;

export const foldStateSchema = (table: string): string => `CREATE TABLE ${table} (
  client_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, position INTEGER NOT NULL, record TEXT NOT NULL
) STRICT`;

/** Folds of records with the same extra (all `null`) share their record objects through this memo. */
let lastEvolved: { record: FoldRecord<unknown>; stored: StoredEvent; next: FoldRecord<unknown> } | undefined;
let lastState: { state: ClientState; event: ClientEvent; next: ClientState } | undefined;

const INITIAL_SHARED: FoldRecord<null> = Object.freeze({ state: initialState, lastDate: NO_DATE, extra: null });

const evolveState = (state: ClientState, event: ClientEvent): ClientState => {
  if (lastState?.state !== state || lastState.event !== event) lastState = { state, event, next: evolve(state, event) };
  return lastState.next;
};

/** Each state's JSON, so the folds that hold the same state object serialise it once. */
const stateJson = new WeakMap<ClientState, string>();
const parsedRecords = new Map<string, FoldRecord<unknown>>();
// Every fold reads the clients of a batch in the same order, so a few entries are enough to share the parses.
const MAX_PARSED_RECORDS = 256;

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
  let json = stateJson.get(state);
  if (json === undefined) {
    json = JSON.stringify(state);
    stateJson.set(state, json);
  }
  return `{"state":${json},"lastDate":${JSON.stringify(lastDate)},"extra":${JSON.stringify(extra ?? null)}}`;
};

interface StateRow {
  revision: bigint;
  record: string;
}

interface Pending<X> {
  before: FoldRecord<X> | undefined;
  after: FoldRecord<X>;
  revision: bigint;
  position: bigint;
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
  readonly #sharesRecords: boolean;
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
    this.#sharesRecords = options.evolveExtra === undefined && options.initialExtra() === null;
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

  /**
   * Writes the records of the clients touched since the last call, in client order (neighbouring rows share
   * pages), handing each to `visit` first.
   */
  flush(visit: (client: FoldedClient<X>) => void): void {
    const clientIds = [...this.#pending.keys()].sort();
    for (const clientId of clientIds) {
      const pending = this.#pending.get(clientId)!;
      visit({ clientId, ...pending });
      this.#upsert.run(clientId, pending.revision, pending.position, stringifyRecord(pending.after));
    }
    this.#pending.clear();
  }

  #initial(): FoldRecord<X> {
    if (this.#sharesRecords) return INITIAL_SHARED as FoldRecord<X>;
    return { state: initialState, lastDate: NO_DATE, extra: this.#options.initialExtra() };
  }

  #evolve(record: FoldRecord<X>, stored: StoredEvent): FoldRecord<X> {
    if (!this.#sharesRecords) return this.#next(record, stored);
    const shared = record as FoldRecord<unknown>;
    if (lastEvolved?.record !== shared || lastEvolved.stored !== stored)
      lastEvolved = { record: shared, stored, next: this.#next(record, stored) };
    return lastEvolved.next as FoldRecord<X>;
  }

  #next(record: FoldRecord<X>, stored: StoredEvent): FoldRecord<X> {
    const recorded = recordedOn(stored.recordedAt);
    const event = readClientEvent(stored);
    if (event === undefined) return { ...record, lastDate: later(recorded, record.lastDate) };
    return {
      state: evolveState(record.state, event),
      lastDate: later(later(eventDate(event), recorded), record.lastDate),
      extra: this.#options.evolveExtra?.(record.extra, event) ?? record.extra,
    };
  }
}

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

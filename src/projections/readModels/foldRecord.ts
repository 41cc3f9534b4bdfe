import type { IsoDate } from '../../domain/calendar/isoDate.js';
import { evolve } from '../../domain/client/evolve.js';
import { type ClientState, initialState } from '../../domain/client/state.js';
import { type ClientEvent, eventDate } from '../../domain/events/clientEvent.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { StoredEvent } from '../../eventStore/eventStore.js';
import { evolveStatisticsExtra, type StatisticsExtra } from './statisticsContributions.js';

const NO_DATE: IsoDate = '1900-01-01';
const CLIENT_STREAM = 'client-';

/** A client's history folded up to some revision: what every read-model projection derives its rows from. */
export interface FoldRecord {
  state: ClientState;
  /** Latest of the fact dates and the recording dates (Europe/Helsinki) of the client's events. */
  lastDate: IsoDate;
  /** Who held each contact and the feedback scores, for the statistics. */
  extra: StatisticsExtra;
}

export const INITIAL_RECORD: FoldRecord = Object.freeze({
  state: initialState,
  lastDate: NO_DATE,
  extra: Object.freeze({ contacts: [], feedback: [] }) as unknown as StatisticsExtra,
});

export const clientIdOf = (stream: string): string | undefined =>
  stream.startsWith(CLIENT_STREAM) ? stream.slice(CLIENT_STREAM.length) : undefined;

/** The typed event, or undefined for an unknown type, version or invalid data (skipped, never thrown). */
export const readClientEvent = (stored: StoredEvent): ClientEvent | undefined => {
  try {
    return parseClientEvent(stored.type, stored.version, stored.data);
  } catch {
    return undefined;
  }
};

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

const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** The record after one more event of the client; an event that does not parse only moves `lastDate`. */
export const foldEvent = (record: FoldRecord, stored: StoredEvent): FoldRecord => {
  const recorded = recordedOn(stored.recordedAt);
  const event = readClientEvent(stored);
  if (event === undefined) return { ...record, lastDate: later(recorded, record.lastDate) };
  return {
    state: evolve(record.state, event),
    lastDate: later(later(eventDate(event), recorded), record.lastDate),
    extra: evolveStatisticsExtra(record.extra, event),
  };
};

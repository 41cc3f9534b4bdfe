import { InvalidEventError, InvalidStreamNameError } from './errors.js';
import type { NewEvent } from './eventStore.js';

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_EVENTS_PER_APPEND = 10_000;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const assertValidStreamName = (stream: string): void => {
  if (typeof stream !== 'string' || !STREAM_NAME.test(stream)) throw new InvalidStreamNameError(String(stream));
};

/**
 * Checks everything the store itself relies on, before anything is written. Domain validation of
 * `data` happens earlier, in the decider and the event catalogue.
 */
export const assertValidNewEvents = (stream: string, events: readonly NewEvent[]): void => {
  assertValidStreamName(stream);
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidEventError(0, 'events', 'at least one event is required');
  if (events.length > MAX_EVENTS_PER_APPEND)
    throw new InvalidEventError(MAX_EVENTS_PER_APPEND, 'events', `at most ${MAX_EVENTS_PER_APPEND} events per append`);
  (events as readonly unknown[]).forEach((candidate, index) => {
    if (!isPlainObject(candidate)) throw new InvalidEventError(index, '', 'an event must be an object');
    const event = candidate as Partial<Record<keyof NewEvent, unknown>>;
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new InvalidEventError(index, 'id', 'must be a UUID');
    if (typeof event.type !== 'string' || !EVENT_TYPE.test(event.type))
      throw new InvalidEventError(index, 'type', 'must be 1-128 letters, digits, _ . -, starting with a letter');
    if (event.version !== undefined && (!Number.isSafeInteger(event.version) || (event.version as number) < 1))
      throw new InvalidEventError(index, 'version', 'must be a positive integer');
    if (!isPlainObject(event.data)) throw new InvalidEventError(index, 'data', 'must be a JSON object');
    if (event.metadata !== undefined && !isPlainObject(event.metadata))
      throw new InvalidEventError(index, 'metadata', 'must be a JSON object');
  });
};

/** Canonical lower-case form of an event id, so `A…` and `a…` are the same idempotency key. */
export const normaliseEventId = (id: string): string => id.toLowerCase();

import {
  ANY,
  type AppendStreamState,
  type EventData,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  jsonEvent,
  NO_STREAM,
  type Position,
  STREAM_EXISTS,
} from '@kurrent/kurrentdb-client';
import { StoreUnavailableError } from '../errors.js';
import type { EventMetadata, ExpectedRevision, NewEvent, StoredEvent } from '../eventStore.js';
import { normaliseEventId } from '../validation.js';

/**
 * What we keep in a KurrentDB event's metadata. The integrator's metadata is nested so that its keys
 * can never collide with ours; `$correlationId`/`$causationId` are copied to the top level, where
 * KurrentDB's own projections (`$by_correlation_id`) look for them. `appendId` is unique per
 * `appendToStream` call: reading it back tells our fresh write apart from the server's silent
 * idempotent replay of an earlier one.
 */
interface Envelope {
  schemaVersion: number;
  appendId: string;
  metadata: EventMetadata;
  $correlationId?: string;
  $causationId?: string;
}

/** The fields of a client `ResolvedEvent` the adapter reads (stream and `$all` reads alike). */
export interface ResolvedLike {
  event?: {
    streamId: string;
    id: string;
    type: string;
    isJson: boolean;
    revision: bigint;
    created: Date;
    data: unknown;
    metadata: unknown;
    position?: Position;
  };
  commitPosition?: bigint;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export const toStreamState = (expected: ExpectedRevision): AppendStreamState =>
  expected === 'any'
    ? ANY
    : expected === 'noStream'
      ? NO_STREAM
      : expected === 'streamExists'
        ? STREAM_EXISTS
        : expected;

export const toEventData = (event: NewEvent, appendId: string): EventData => {
  const metadata = event.metadata ?? {};
  const envelope: Envelope = { schemaVersion: event.version ?? 1, appendId, metadata };
  if (typeof metadata.correlationId === 'string') envelope.$correlationId = metadata.correlationId;
  if (typeof metadata.causationId === 'string') envelope.$causationId = metadata.causationId;
  return jsonEvent({ id: normaliseEventId(event.id), type: event.type, data: event.data, metadata: { ...envelope } });
};

/** A log position as KurrentDB wants it: events are written without explicit transactions, so commit = prepare. */
export const toPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/** Position of a resolved event in `$all`, whether or not it is one of ours. */
export const positionOf = (resolved: ResolvedLike): bigint | undefined =>
  resolved.event?.position?.commit ?? resolved.commitPosition;

/** True for KurrentDB's own records: system event types (`$metadata`, links `$>`) and `$` streams. */
const isSystem = (recorded: NonNullable<ResolvedLike['event']>): boolean =>
  recorded.type.startsWith('$') || recorded.streamId.startsWith('$');

/** Our view of a recorded event; `undefined` for system records and events this service did not write. */
export const toStoredEvent = (resolved: ResolvedLike): StoredEvent | undefined => {
  const recorded = resolved.event;
  if (recorded === undefined || !recorded.isJson || isSystem(recorded) || !isPlainObject(recorded.data))
    return undefined;
  const position = positionOf(resolved);
  if (position === undefined)
    throw new StoreUnavailableError('KurrentDB returned an event without its log position (server older than 22.6?)');
  const envelope = isPlainObject(recorded.metadata) ? recorded.metadata : {};
  const created = recorded.created.getTime();
  return {
    id: normaliseEventId(recorded.id),
    type: recorded.type,
    version: typeof envelope.schemaVersion === 'number' ? envelope.schemaVersion : 1,
    data: recorded.data,
    metadata: isPlainObject(envelope.metadata) ? envelope.metadata : {},
    recordedAt: new Date(Number.isFinite(created) ? created : 0).toISOString(),
    stream: recorded.streamId,
    revision: recorded.revision,
    position,
  };
};

/** The `appendId` stored with an event by `toEventData`, if any. */
export const appendIdOf = (resolved: ResolvedLike): string | undefined => {
  const metadata = resolved.event?.metadata;
  return isPlainObject(metadata) && typeof metadata.appendId === 'string' ? metadata.appendId : undefined;
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Server-side filter: the given types, or every non-system type. Our types never start with `$`. */
export const typesFilter = (types: readonly string[] | undefined): Filter =>
  types !== undefined && types.length > 0
    ? eventTypeFilter({ regex: `^(?:${types.map(escapeRegExp).join('|')})$` })
    : excludeSystemEvents();

import type { StoredEvent } from '../eventStore/eventStore.js';

/** NDJSON audit export: a header line, one line per event in global order, a trailer line. */
export const EXPORT_FORMAT = 'jobseeker-ledger-audit-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportHeader {
  kind: 'header';
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  exportedAt: string;
  /** Events after this position only ('0': from the start). */
  after: string;
  /** Only this client's stream and the checkpoints, or null for the whole log. */
  client: string | null;
  /** The log's head when the export started. */
  headPosition: string;
}

/** A StoredEvent with `position` and `revision` as decimal strings. */
export interface ExportedEvent extends Omit<StoredEvent, 'position' | 'revision'> {
  kind: 'event';
  position: string;
  revision: string;
}

/** Last line: detects a truncated or altered file (it is not a signature: the checkpoints are). */
export interface ExportTrailer {
  kind: 'trailer';
  eventCount: string;
  lastPosition: string | null;
  /** SHA-256 (hex) over every byte before the trailer line: the header and the event lines with their newlines. */
  sha256: string;
}

export const eventLine = (event: StoredEvent): string =>
  `${JSON.stringify({
    kind: 'event',
    position: event.position.toString(),
    stream: event.stream,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    version: event.version,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  } satisfies ExportedEvent)}\n`;

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The line as an exported event when it is well-formed (decimal position and revision, typed fields). */
export const wellFormedEventLine = (line: Record<string, unknown>): ExportedEvent | undefined => {
  const { position, revision, stream, id, type, version, data, metadata, recordedAt } = line;
  return typeof position === 'string' &&
    DECIMAL.test(position) &&
    typeof revision === 'string' &&
    DECIMAL.test(revision) &&
    typeof stream === 'string' &&
    typeof id === 'string' &&
    typeof type === 'string' &&
    typeof version === 'number' &&
    isObject(data) &&
    isObject(metadata) &&
    typeof recordedAt === 'string'
    ? (line as unknown as ExportedEvent)
    : undefined;
};

/** The event of an export line, or undefined when the line is not a well-formed event. */
export const parseEventLine = (line: Record<string, unknown>): StoredEvent | undefined => {
  const event = wellFormedEventLine(line);
  if (event === undefined) return undefined;
  const { position, revision, stream, id, type, version, data, metadata, recordedAt } = event;
  return {
    position: BigInt(position),
    revision: BigInt(revision),
    stream,
    id,
    type,
    version,
    data,
    metadata,
    recordedAt,
  };
};

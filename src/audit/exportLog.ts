import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { type AuditSource, clientStreamOf, mergeByPosition } from './auditSource.js';
import { CHECKPOINT_STREAM } from './checkpointRecord.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportHeader,
  type ExportTrailer,
  eventLine,
} from './exportFormat.js';

export interface ExportOptions {
  /** Only events after this position. */
  after?: bigint;
  /** Only this client's stream (plus the checkpoint records). */
  client?: string;
  /** `exportedAt` of the header; the current time by default. */
  now?: string;
}

export interface ExportSummary {
  eventCount: bigint;
  lastPosition: bigint | undefined;
  sha256: string;
}

const CHUNK = 64 * 1024;

/**
 * The export as text chunks of about 64 KiB: header, events in global order (checkpoint records are
 * events of `audit-checkpoints` and come in order), trailer with count and SHA-256 of everything before it.
 */
export async function* exportChunks(
  source: AuditSource,
  options: ExportOptions = {},
  summary?: (result: ExportSummary) => void,
): AsyncGenerator<string> {
  const after = options.after ?? 0n;
  const header: ExportHeader = {
    kind: 'header',
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: options.now ?? new Date().toISOString(),
    after: after.toString(),
    client: options.client ?? null,
    headPosition: (await source.headPosition()).toString(),
  };
  const digest = createHash('sha256');
  let chunk = `${JSON.stringify(header)}\n`;
  let count = 0n;
  let lastPosition: bigint | undefined;
  const events =
    options.client === undefined
      ? source.readAll({ after })
      : mergeByPosition(source.readStream(clientStreamOf(options.client)), source.readStream(CHECKPOINT_STREAM));
  for await (const event of events) {
    if (event.position <= after) continue;
    chunk += eventLine(event);
    count++;
    lastPosition = event.position;
    if (chunk.length >= CHUNK) {
      digest.update(chunk);
      yield chunk;
      chunk = '';
    }
  }
  digest.update(chunk);
  const trailer: ExportTrailer = {
    kind: 'trailer',
    eventCount: count.toString(),
    lastPosition: lastPosition?.toString() ?? null,
    sha256: digest.digest('hex'),
  };
  summary?.({ eventCount: count, lastPosition, sha256: trailer.sha256 });
  yield `${chunk}${JSON.stringify(trailer)}\n`;
}

/** The export as a Readable, e.g. for an HTTP response (`application/x-ndjson`). */
export const exportStream = (source: AuditSource, options: ExportOptions = {}): Readable =>
  Readable.from(exportChunks(source, options), { objectMode: false });

/** Writes the export to `out` with back-pressure; does not end `out`. */
export const exportLog = async (
  source: AuditSource,
  out: Writable,
  options: ExportOptions = {},
): Promise<ExportSummary> => {
  let result: ExportSummary | undefined;
  for await (const chunk of exportChunks(source, options, (summary) => {
    result = summary;
  }))
    if (!out.write(chunk)) await once(out, 'drain');
  return result!;
};

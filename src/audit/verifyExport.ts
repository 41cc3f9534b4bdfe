import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { EXPORT_FORMAT, type ExportHeader, parseEventLine } from './exportFormat.js';
import { LogVerifier, type VerifyReport } from './logVerifier.js';
import { toKeyRing, type VerifyLogOptions } from './verifyLog.js';

export interface VerifyExportOptions {
  publicKeys: VerifyLogOptions['publicKeys'];
  onProgress?: (progress: { eventsChecked: number; bytesRead: number }) => void;
}

export interface ExportReport extends VerifyReport {
  header?: ExportHeader;
}

const NEWLINE = 0x0a;

const parseLine = (line: Buffer): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const isHeader = (line: Record<string, unknown> | undefined): line is Record<string, unknown> & ExportHeader =>
  line?.kind === 'header' && line.format === EXPORT_FORMAT && typeof line.after === 'string';

/** Reads an export line by line; `line()` answers false to stop. */
class ExportReader {
  readonly digest = createHash('sha256');
  header: ExportHeader | undefined;
  verifier: LogVerifier | undefined;
  trailer: Record<string, unknown> | undefined;
  lineNumber = 0;
  stopped = false;

  constructor(private readonly options: VerifyExportOptions) {}

  line(bytes: Buffer): boolean {
    this.lineNumber++;
    if (this.trailer !== undefined) return this.malformed(`line ${this.lineNumber} follows the trailer`);
    const value = parseLine(bytes);
    if (this.header === undefined) {
      if (!isHeader(value)) return this.malformed('the first line is not an export header');
      this.header = value;
      const whole = value.after === '0';
      this.verifier = new LogVerifier({
        publicKeys: toKeyRing(this.options.publicKeys),
        streamsComplete: whole,
        logComplete: whole && value.client === null,
      });
    } else if (value?.kind === 'trailer') {
      this.trailer = value;
      return true;
    } else {
      const event = value?.kind === 'event' ? parseEventLine(value) : undefined;
      if (event === undefined) return this.malformed(`line ${this.lineNumber} is not a well-formed event`);
      if (!this.verifier!.accept(event)) return this.stop();
    }
    this.digest.update(bytes);
    return true;
  }

  malformed(detail: string): false {
    this.verifier ??= new LogVerifier({ publicKeys: new Map(), streamsComplete: true, logComplete: false });
    const position = this.verifier.position;
    this.verifier.fail(position === undefined ? undefined : { position }, 'EXPORT_MALFORMED', detail);
    return this.stop();
  }

  stop(): false {
    this.stopped = true;
    return false;
  }

  finish(): ExportReport {
    const verifier = this.verifier;
    if (verifier === undefined) return this.malformed('the file is empty') || this.finish();
    if (!this.stopped) {
      const at = verifier.position === undefined ? undefined : { position: verifier.position };
      const trailer = this.trailer;
      if (trailer === undefined)
        verifier.fail(at, 'TRUNCATED', `no trailer after line ${this.lineNumber}: the file is cut short`);
      else if (trailer.eventCount !== String(verifier.count))
        verifier.fail(
          at,
          'TRUNCATED',
          `the trailer announces ${String(trailer.eventCount)} events, the file holds ${verifier.count}`,
        );
      else if (trailer.sha256 !== this.digest.digest('hex'))
        verifier.fail(at, 'EXPORT_DIGEST_MISMATCH', 'the SHA-256 of the file differs from its trailer');
    }
    return { ...verifier.report(), ...(this.header !== undefined ? { header: this.header } : {}) };
  }
}

/**
 * Verifies an NDJSON export offline, with the checks of `verifyLog`: every hash and link, every checkpoint's
 * signature and chain, and (for a whole-log export) counts and Merkle roots; then the trailer's count and
 * SHA-256, so a truncated or altered file is reported. Stops at the first break.
 */
export const verifyExport = async (
  input: Readable | AsyncIterable<Buffer | string>,
  options: VerifyExportOptions,
): Promise<ExportReport> => {
  const reader = new ExportReader(options);
  let rest: Buffer | undefined;
  let bytesRead = 0;
  for await (const piece of input) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytesRead += chunk.length;
    if (rest !== undefined) {
      chunk = Buffer.concat([rest, chunk]);
      rest = undefined;
    }
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      if (!reader.line(chunk.subarray(start, end + 1))) return reader.finish();
      start = end + 1;
    }
    if (start < chunk.length) rest = chunk.subarray(start);
    options.onProgress?.({ eventsChecked: reader.verifier?.count ?? 0, bytesRead });
  }
  if (rest !== undefined && rest.length > 0 && !reader.line(rest)) return reader.finish();
  return reader.finish();
};

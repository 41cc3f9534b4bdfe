import { canonicalize, canonicalMetadata } from './canonical.js';
import { CHECKPOINT_STREAM } from './checkpointRecord.js';
import { wellFormedEventLine } from './exportFormat.js';
import { scanEventLine } from './exportLineScan.js';
import { hashInput, isHexHash, sha256Hex, validatedHashInput } from './hashing.js';

/**
 * What a checker found in a run of whole export lines; line i spans bytes [starts[i], starts[i + 1]). It is
 * `fast` when it is a well-formed event of a client stream whose hash matches its recomputed content hash; then
 * its position, revision, stream, prevHash and hash are given. Any other line (header, trailer, checkpoint,
 * malformed, a missing or wrong hash, a number beyond 2^53) is left to the verifier to read again, in order: the
 * checker decides nothing.
 */
export interface CheckedLines {
  count: number;
  starts: Int32Array;
  fast: Uint8Array;
  positions: Float64Array;
  revisions: Float64Array;
  streams: string[];
  /** Line i's prevHash and hash, as bytes: the 32 bytes at 64 i, then the 32 at 64 i + 32 (zeros if not fast). */
  chain: Uint8Array;
}

const NEWLINE = 0x0a;

/** The JSON object in `text`, or undefined for anything else. */
export const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

const safeInteger = (decimal: string): number => {
  const value = Number(decimal);
  return Number.isSafeInteger(value) ? value : -1;
};

/** While lines are checked: `CheckedLines.chain`, as a Buffer to write hex into. */
let chain: Buffer = Buffer.alloc(0);

const record = (
  into: CheckedLines,
  index: number,
  event: { stream: string; prevHash: string; hash: string },
  position: number,
  revision: number,
): true => {
  into.fast[index] = 1;
  into.positions[index] = position;
  into.revisions[index] = revision;
  into.streams[index] = event.stream;
  chain.write(event.prevHash, 64 * index, 32, 'hex');
  chain.write(event.hash, 64 * index + 32, 32, 'hex');
  return true;
};

/** Records line `index`, text[start, end), when it is a client-stream event whose hash checks out. */
const checkLine = (text: string, start: number, end: number, index: number, into: CheckedLines): boolean => {
  const scanned = scanEventLine(text, start, end);
  if (scanned !== undefined) {
    const { data, metadata, stream, revision, id, type, version, prevHash } = scanned;
    const position = safeInteger(scanned.position);
    const number = safeInteger(revision);
    if (stream === CHECKPOINT_STREAM || position < 0 || number < 0) return false;
    const hash = sha256Hex(validatedHashInput(data, metadata, stream, revision, id, type, version, prevHash));
    return hash === scanned.hash && record(into, index, { stream, prevHash, hash }, position, number);
  }
  return checkParsedLine(text.slice(start, end), index, into);
};

/** `checkLine` for a line in another layout or form: parsed, and the canonical texts written again. */
const checkParsedLine = (text: string, index: number, into: CheckedLines): boolean => {
  const line = parseObject(text);
  const event = line?.kind === 'event' ? wellFormedEventLine(line) : undefined;
  if (event === undefined || event.stream === CHECKPOINT_STREAM) return false;
  const { prevHash, hash } = event.metadata;
  const position = safeInteger(event.position);
  const revision = safeInteger(event.revision);
  // A hash equal to a recomputed one is hex like it: only prevHash is left to check.
  if (typeof hash !== 'string' || !isHexHash(prevHash) || position < 0 || revision < 0) return false;
  const data = canonicalize(event.data) ?? 'null';
  if (sha256Hex(hashInput(data, canonicalMetadata(event.metadata), event, prevHash)) !== hash) return false;
  return record(into, index, { stream: event.stream, prevHash, hash }, position, revision);
};

/** Where each line of `buffer` starts, and where the last one ends (the last line may lack its newline). */
export const lineStarts = (buffer: Uint8Array): Int32Array => {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) count++;
  const starts = new Int32Array(count + 1);
  for (let line = 1, at = bytes.indexOf(NEWLINE); at >= 0; line++, at = bytes.indexOf(NEWLINE, at + 1))
    starts[line] = at + 1;
  starts[count] = bytes.length;
  return starts;
};

/**
 * Lines are decoded a few dozen kilobytes at a time: a string of a megabyte is allocated apart from the others,
 * on fresh memory, and costs thirty times as much to decode.
 */
const DECODE_BYTES = 64 * 1024;

/** Checks every line of `bytes`, which holds whole lines. */
export const checkLines = (bytes: Uint8Array): CheckedLines => {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const starts = lineStarts(buffer);
  const count = starts.length - 1;
  const checked: CheckedLines = {
    count,
    starts,
    fast: new Uint8Array(count),
    positions: new Float64Array(count),
    revisions: new Float64Array(count),
    streams: new Array<string>(count).fill(''),
    chain: new Uint8Array(64 * count),
  };
  chain = Buffer.from(checked.chain.buffer, 0, checked.chain.length);
  for (let first = 0; first < count; ) {
    let last = first + 1;
    while (last < count && starts[last + 1]! - starts[first]! <= DECODE_BYTES) last++;
    const text = buffer.toString('utf8', starts[first], starts[last]);
    for (let line = first, from = 0; line < last; line++) {
      const to = text.indexOf('\n', from) + 1 || text.length;
      checkLine(text, from, to, line, checked);
      from = to;
    }
    first = last;
  }
  chain = Buffer.alloc(0);
  return checked;
};

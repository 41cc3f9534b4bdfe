import { type FileHandle, open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { ExportReader, type ExportReport } from './exportReader.js';
import { type Checked, type Digester, LineCheckers } from './lineCheckers.js';
import type { VerifyLogOptions } from './verifyLog.js';

export type { ExportReport } from './exportReader.js';

export interface VerifyExportOptions {
  publicKeys: VerifyLogOptions['publicKeys'];
  onProgress?: (progress: { eventsChecked: number; bytesRead: number }) => void;
  /**
   * Worker threads that parse lines and recompute hashes (default: one per core, at most 8). They start only
   * for an export larger than one batch; 0 checks everything on the calling thread.
   */
  workers?: number;
  /** Bytes of whole lines handed to a worker at a time (default 1 MiB). */
  batchBytes?: number;
}

const NEWLINE = 0x0a;
const BATCH_BYTES = 1 << 20;
/** Batches queued per worker, so that none waits while this thread takes in results. */
const IN_FLIGHT_PER_WORKER = 4;

/**
 * Cuts the input into batches of whole lines, each in an ArrayBuffer of its own (a worker takes it over and
 * gives it back), and hashes every byte of the file but its last line: the trailer, when the file is whole.
 */
class Batches {
  private current: Buffer;
  private filled = 0;
  private lastLine: Buffer | undefined;
  /** Memory of batches that came back: fresh memory costs a page fault per 4 KiB on first use. */
  private readonly free: ArrayBuffer[] = [];
  private readonly capacity: number;
  /** Where the file is hashed; until it is known, the bytes to hash are kept here. */
  private digester: Digester | undefined;
  private held: Uint8Array[] = [];

  constructor(private readonly batchBytes: number) {
    this.capacity = 2 * batchBytes;
    this.current = this.memory(0);
  }

  hashWith(digester: Digester): void {
    this.digester = digester;
    for (const bytes of this.held) digester.update(bytes);
    this.held = [];
  }

  /** The digest of every byte but the last line. */
  hex(): Promise<string> {
    return this.digester!.hex();
  }

  private hash(bytes: Uint8Array): void {
    if (this.digester === undefined) this.held.push(Buffer.from(bytes));
    else this.digester.update(bytes);
  }

  recycle(bytes: Uint8Array): void {
    if (bytes.buffer.byteLength === this.capacity && this.free.length < 8) this.free.push(bytes.buffer as ArrayBuffer);
  }

  /** A batch once enough whole lines have arrived. */
  add(piece: Buffer): Uint8Array | undefined {
    if (this.filled + piece.length > this.current.length) this.grow(this.filled + piece.length);
    this.filled += piece.copy(this.current, this.filled);
    return this.filled >= this.batchBytes ? this.take(false) : undefined;
  }

  /** Reads from the file straight into the batch: the bytes read, and a batch once enough whole lines arrived. */
  async read(file: FileHandle): Promise<{ bytesRead: number; batch: Uint8Array | undefined }> {
    if (this.filled === this.current.length) this.grow(2 * this.current.length);
    const length = Math.min(this.current.length - this.filled, Math.max(this.batchBytes - this.filled, 1 << 16));
    const { bytesRead } = await file.read(this.current, this.filled, length, null);
    this.filled += bytesRead;
    return { bytesRead, batch: bytesRead > 0 && this.filled >= this.batchBytes ? this.take(false) : undefined };
  }

  /** What is left at the end of the input. */
  end(): Uint8Array | undefined {
    return this.filled > 0 ? this.take(true) : undefined;
  }

  private memory(bytes: number): Buffer {
    if (bytes > this.capacity) return Buffer.from(new ArrayBuffer(bytes));
    return Buffer.from(this.free.pop() ?? new ArrayBuffer(this.capacity));
  }

  private grow(bytes: number): void {
    const larger = this.memory(bytes);
    this.current.copy(larger, 0, 0, this.filled);
    this.current = larger;
  }

  private take(atEnd: boolean): Uint8Array | undefined {
    const all = this.current.subarray(0, this.filled);
    const cut = atEnd ? all.length : all.lastIndexOf(NEWLINE) + 1;
    if (cut === 0) return undefined;
    // The batch goes to another thread with its ArrayBuffer: what is left must not share it.
    this.current = this.memory(all.length - cut);
    this.filled = all.copy(this.current, 0, cut);
    const batch = all.subarray(0, cut);
    const lastStart = lastLineStart(batch);
    if (this.lastLine !== undefined) this.hash(this.lastLine);
    this.hash(batch.subarray(0, lastStart));
    this.lastLine = Buffer.from(batch.subarray(lastStart));
    return batch;
  }
}

/** Where the last line of `bytes` starts (its final newline, if any, belongs to it). */
const lastLineStart = (bytes: Buffer): number => {
  const from = bytes.length - (bytes[bytes.length - 1] === NEWLINE ? 2 : 1);
  return from < 0 ? 0 : bytes.lastIndexOf(NEWLINE, from) + 1;
};

/** The batches of an input with the bytes read for each; a batch is undefined while its lines are incomplete. */
type BatchSource = (batches: Batches) => AsyncIterable<{ batch: Uint8Array | undefined; bytesRead: number }>;

const fromStream = (input: Readable | AsyncIterable<Buffer | string>): BatchSource =>
  async function* (batches) {
    for await (const piece of input) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      yield { batch: batches.add(chunk), bytesRead: chunk.length };
    }
  };

const fromFile = (path: string): BatchSource =>
  async function* (batches) {
    const file = await open(path, 'r');
    try {
      for (let read = await batches.read(file); read.bytesRead > 0; read = await batches.read(file)) yield read;
    } finally {
      await file.close();
    }
  };

/**
 * Verifies an NDJSON export offline, with the checks of `verifyLog`: every hash and link, every checkpoint's
 * signature and chain, and (for a whole-log export) counts and Merkle roots; then the trailer's count and
 * SHA-256, so a truncated or altered file is reported. Stops at the first break.
 * Worker threads parse the lines and recompute the event hashes in parallel; this thread takes their results in
 * file order and checks the links, the checkpoints and the file digest, so the first break is the same as
 * when every line is checked here.
 */
export const verifyExport = (
  input: Readable | AsyncIterable<Buffer | string>,
  options: VerifyExportOptions,
): Promise<ExportReport> => verifyBatches(fromStream(input), options);

/** `verifyExport` of a file, read straight into the batches. */
export const verifyExportFile = (path: string, options: VerifyExportOptions): Promise<ExportReport> =>
  verifyBatches(fromFile(path), options);

const verifyBatches = async (source: BatchSource, options: VerifyExportOptions): Promise<ExportReport> => {
  const reader = new ExportReader(options.publicKeys);
  const batches = new Batches(options.batchBytes ?? BATCH_BYTES);
  const workers = options.workers ?? LineCheckers.defaultCount();
  let checkers: LineCheckers | undefined;
  const queue: Promise<Checked>[] = [];
  let dispatched = 0;
  let bytesRead = 0;
  const progress = () => options.onProgress?.({ eventsChecked: reader.verifier?.count ?? 0, bytesRead });

  const here = new LineCheckers(0);
  const dispatch = (batch: Uint8Array, last: boolean) => {
    if (checkers === undefined && !(last && dispatched === 0)) {
      checkers = new LineCheckers(workers);
      batches.hashWith(checkers.digester());
    }
    queue.push((checkers ?? here).check(batch, dispatched));
    dispatched++;
  };
  /** Takes checked batches in order while more than `keep` are waiting; false once the reader stopped. */
  const drain = async (keep: number): Promise<boolean> => {
    while (queue.length > keep) {
      const { checked, bytes } = await queue.shift()!;
      const going = reader.lines(checked, bytes);
      batches.recycle(bytes);
      if (!going) return false;
      progress();
    }
    return true;
  };

  try {
    for await (const { batch, bytesRead: read } of source(batches)) {
      bytesRead += read;
      if (batch === undefined) continue;
      dispatch(batch, false);
      if (!(await drain(IN_FLIGHT_PER_WORKER * Math.max(1, checkers?.size ?? 1) - 1))) return reader.finish(() => '');
    }
    const rest = batches.end();
    if (rest !== undefined) dispatch(rest, true);
    if (checkers === undefined) batches.hashWith(here.digester());
    await drain(0);
    const sha256 = await batches.hex();
    return reader.finish(() => sha256);
  } finally {
    await Promise.allSettled(queue);
    await checkers?.close();
  }
};

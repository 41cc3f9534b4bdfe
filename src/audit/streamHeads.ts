import { IncrementalMerkleTree } from './merkle.js';

/** What a checkpoint states about the log up to a position. */
export interface LogSummary {
  position: bigint;
  /** Every event with a position up to `position`, checkpoint records included. */
  eventCount: bigint;
  streamCount: number;
  merkleRoot: string;
}

export interface StreamHead {
  revision: bigint;
  hash: string;
}

/** A revision or a position: a number while it is a safe integer (it compares exactly with a bigint). */
export type LogNumber = number | bigint;

/** `value` as a number when it is a safe integer. */
export const compact = (value: LogNumber): LogNumber =>
  typeof value === 'bigint' && value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const HASH_BYTES = 32;
const WORDS = HASH_BYTES / 4;

/**
 * Integers in a growable Float64Array, so that storing one allocates nothing; one beyond 2^53 is kept apart as a
 * bigint (NaN in the array).
 */
export class Integers {
  private values: Float64Array;
  private readonly big = new Map<number, bigint>();

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(capacity, 16));
  }

  /** The value, as a number when it is a safe integer. */
  get(i: number): LogNumber {
    const value = this.values[i]!;
    return Number.isNaN(value) ? this.big.get(i)! : value;
  }

  /** The value when it is a safe integer, else NaN. */
  number(i: number): number {
    return this.values[i]!;
  }

  set(i: number, value: LogNumber): void {
    if (i >= this.values.length) {
      const grown = new Float64Array(2 * i);
      grown.set(this.values);
      this.values = grown;
    }
    const small = compact(value);
    if (typeof small === 'number') {
      this.values[i] = small;
      if (this.big.size > 0) this.big.delete(i);
    } else {
      this.values[i] = Number.NaN;
      this.big.set(i, small);
    }
  }
}

/**
 * The head (revision, hash) of every stream, maintained incrementally from the global log, with the
 * Merkle root over the heads. Leaves are in the order in which the streams first appear in the log;
 * leaf i is SHA-256(0x00 ‖ head event hash of stream i as 32 bytes) (the event hash commits to its
 * stream and revision). With a `journal`, the recent changes after the last `forgetThrough` are kept so that
 * `summaryAt` can state the log at an earlier position (a checkpoint is recorded after its position).
 * Hashes are 64 hex characters, kept as bytes. Revisions and positions are kept as numbers while they are safe
 * integers, and the heads, the tree's leaves and the journal live in typed arrays: a verifier applies millions of
 * events, and an object or two per event would keep the garbage collector busy.
 */
export class StreamHeads {
  private readonly indexes = new Map<string, number>();
  private readonly streams: string[] = [];
  private readonly revisions = new Integers(1024);
  /** Its leaves are the heads' hashes. */
  private readonly tree = new IncrementalMerkleTree();
  private readonly journalled: Journal;
  private count = 0;
  private last: LogNumber = 0;
  /** The journal holds every change after this position. */
  private floor: LogNumber = 0;
  /** A hash given as hex, as bytes and as words. */
  private readonly words = new Int32Array(WORDS);
  private readonly bytes = Buffer.from(this.words.buffer);

  /** @param journal how many recent changes to keep for `summaryAt` (0: none). */
  constructor(private readonly journal = 0) {
    this.journalled = new Journal(journal);
  }

  get position(): bigint {
    return BigInt(this.last);
  }

  get eventCount(): bigint {
    return BigInt(this.count);
  }

  get streamCount(): number {
    return this.streams.length;
  }

  get(stream: string): StreamHead | undefined {
    return this.headAt(this.indexOf(stream));
  }

  /** The stream's leaf index, for `headAt` and `apply`; -1 for a stream not seen yet. */
  indexOf(stream: string): number {
    return this.indexes.get(stream) ?? -1;
  }

  headAt(index: number): StreamHead | undefined {
    return index < 0 || index >= this.streams.length
      ? undefined
      : { revision: BigInt(this.revisions.get(index)), hash: this.tree.valueAt(index) };
  }

  /**
   * Whether an event of revision `revision` whose prevHash is the 32 bytes that are the 8 words of `source` at
   * `at` follows the head at `index` (a seen stream).
   */
  follows(index: number, revision: number, source: Int32Array, at: number): boolean {
    return revision === this.revisions.number(index) + 1 && this.tree.valueEquals(index, source, at);
  }

  /**
   * Makes the event the head of its stream; `known` is the stream's `indexOf`, when just asked. `hash` is 64 hex
   * characters.
   */
  apply(stream: string, revision: LogNumber, hash: string, position: LogNumber, known?: number): void {
    if (this.bytes.write(hash, 0, HASH_BYTES, 'hex') !== HASH_BYTES || hash.length !== 2 * HASH_BYTES)
      throw new Error(`a stream head's hash must be 64 hex characters: ${hash}`);
    this.applyWords(stream, revision, this.words, 0, position, known);
  }

  /** `apply` with the hash as the 32 bytes that are the 8 words of `source` at `at`. */
  applyWords(
    stream: string,
    revision: LogNumber,
    source: Int32Array,
    at: number,
    position: LogNumber,
    known?: number,
  ): void {
    const found = known ?? this.indexOf(stream);
    const index = found < 0 ? this.streams.length : found;
    if (this.journal > 0) {
      if (this.journalled.length === this.journal) this.forgetThrough(this.journalled.positionAt(this.journal >> 3));
      const before = found < 0 ? -1 : this.revisions.get(index);
      this.journalled.push(position, index, stream, before, revision, source, at, found < 0 ? undefined : this.tree);
    }
    this.set(index, stream, revision, source, at);
    this.last = position;
  }

  /** The summary at the current position. */
  summary(): LogSummary {
    return {
      position: BigInt(this.last),
      eventCount: BigInt(this.count),
      streamCount: this.streams.length,
      merkleRoot: this.tree.root(),
    };
  }

  /**
   * The summary at an earlier `position`, or undefined when the journal no longer reaches back that far.
   * Rewinds the journalled changes after `position`, computes, and replays them.
   */
  summaryAt(position: LogNumber): LogSummary | undefined {
    if (position >= this.last) return { ...this.summary(), position: BigInt(position) };
    if (this.journal === 0 || position < this.floor) return undefined;
    const journal = this.journalled;
    let first = journal.length;
    while (first > 0 && journal.positionAt(first - 1) > position) first--;
    for (let i = journal.length - 1; i >= first; i--) this.undo(i);
    const summary = this.summary();
    for (let i = first; i < journal.length; i++) this.redo(i);
    return { ...summary, position: BigInt(position) };
  }

  /** Drops the journal up to `position` (once a checkpoint covering it has been checked). */
  forgetThrough(position: LogNumber): void {
    const journal = this.journalled;
    let keep = 0;
    while (keep < journal.length && journal.positionAt(keep) <= position) keep++;
    journal.drop(keep);
    if (position > this.floor) this.floor = compact(position);
  }

  private set(index: number, stream: string, revision: LogNumber, source: Int32Array, at: number): void {
    this.count++;
    if (index === this.streams.length) {
      this.indexes.set(stream, index);
      this.streams.push(stream);
    }
    this.revisions.set(index, revision);
    this.tree.setWords(index, source, at);
  }

  private undo(change: number): void {
    const journal = this.journalled;
    const index = journal.indexAt(change);
    const before = journal.beforeRevisionAt(change);
    this.count--;
    if (before === -1) {
      this.indexes.delete(this.streams.pop()!);
      this.tree.pop();
    } else {
      this.revisions.set(index, before);
      this.tree.setWords(index, journal.hashes, journal.beforeHashAt(change));
    }
  }

  private redo(change: number): void {
    const journal = this.journalled;
    const at = journal.afterHashAt(change);
    this.set(journal.indexAt(change), journal.streamAt(change), journal.afterRevisionAt(change), journal.hashes, at);
  }
}

/**
 * The changes since the last `forgetThrough`, oldest first: a ring of parallel typed arrays of fixed capacity, so
 * recording a change allocates nothing; `drop` discards from the front. Change slot s keeps the hash before it
 * (zeros for a new stream) in the 8 words at 16 s of `hashes`, and the hash after it in the next 8.
 */
class Journal {
  private start = 0;
  private size = 0;
  private readonly positions: Integers;
  private readonly indexes: Int32Array;
  private readonly streams: (string | undefined)[];
  /** The revision before the change; -1 when the change created the stream. */
  private readonly beforeRevisions: Integers;
  private readonly afterRevisions: Integers;
  readonly hashes: Int32Array;

  constructor(readonly capacity: number) {
    this.positions = new Integers(capacity);
    this.indexes = new Int32Array(capacity);
    this.streams = new Array(capacity);
    this.beforeRevisions = new Integers(capacity);
    this.afterRevisions = new Integers(capacity);
    this.hashes = new Int32Array(2 * WORDS * capacity);
  }

  get length(): number {
    return this.size;
  }

  private slot(change: number): number {
    const slot = this.start + change;
    return slot < this.capacity ? slot : slot - this.capacity;
  }

  positionAt(change: number): LogNumber {
    return this.positions.get(this.slot(change));
  }

  indexAt(change: number): number {
    return this.indexes[this.slot(change)]!;
  }

  streamAt(change: number): string {
    return this.streams[this.slot(change)]!;
  }

  beforeRevisionAt(change: number): LogNumber {
    return this.beforeRevisions.get(this.slot(change));
  }

  afterRevisionAt(change: number): LogNumber {
    return this.afterRevisions.get(this.slot(change));
  }

  /** Where in `hashes` the hash before the change is. */
  beforeHashAt(change: number): number {
    return 2 * WORDS * this.slot(change);
  }

  afterHashAt(change: number): number {
    return 2 * WORDS * this.slot(change) + WORDS;
  }

  /** Records a change; the journal must not be full. The hash before it is leaf `index` of `tree` (none: new stream). */
  push(
    position: LogNumber,
    index: number,
    stream: string,
    beforeRevision: LogNumber,
    afterRevision: LogNumber,
    afterHash: Int32Array,
    afterHashAt: number,
    tree: IncrementalMerkleTree | undefined,
  ): void {
    const slot = this.slot(this.size++);
    this.positions.set(slot, position);
    this.indexes[slot] = index;
    this.streams[slot] = stream;
    this.beforeRevisions.set(slot, beforeRevision);
    this.afterRevisions.set(slot, afterRevision);
    const at = 2 * WORDS * slot;
    if (tree !== undefined) tree.copyWords(index, this.hashes, at);
    for (let i = 0; i < WORDS; i++) this.hashes[at + WORDS + i] = afterHash[afterHashAt + i]!;
  }

  drop(count: number): void {
    const dropped = Math.min(count, this.size);
    for (let change = 0; change < dropped; change++) this.streams[this.slot(change)] = undefined;
    this.start = this.slot(dropped);
    this.size -= dropped;
  }
}

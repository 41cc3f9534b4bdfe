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

/**
 * The head (revision, hash) of every stream, maintained incrementally from the global log, with the
 * Merkle root over the heads. Leaves are in the order in which the streams first appear in the log;
 * leaf i is SHA-256(0x00 ‖ head event hash of stream i as 32 bytes) (the event hash commits to its
 * stream and revision). With a `journal`, the recent changes after the last `forgetThrough` are kept so that
 * `summaryAt` can state the log at an earlier position (a checkpoint is recorded after its position).
 * Heads and journal are kept in parallel arrays: a verifier applies millions of events, and an object or two per
 * event would keep the garbage collector busy.
 */
export class StreamHeads {
  private readonly indexes = new Map<string, number>();
  private readonly streams: string[] = [];
  private readonly revisions: bigint[] = [];
  private readonly hashes: string[] = [];
  private readonly tree = new IncrementalMerkleTree();
  private readonly journalled: Journal;
  private count = 0n;
  private last = 0n;
  /** The journal holds every change after this position. */
  private floor = 0n;

  /** @param journal how many recent changes to keep for `summaryAt` (0: none). */
  constructor(private readonly journal = 0) {
    this.journalled = new Journal(journal);
  }

  get position(): bigint {
    return this.last;
  }

  get eventCount(): bigint {
    return this.count;
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
      : { revision: this.revisions[index]!, hash: this.hashes[index]! };
  }

  revisionAt(index: number): bigint {
    return this.revisions[index]!;
  }

  hashAt(index: number): string {
    return this.hashes[index]!;
  }

  /** Makes the event the head of its stream; `known` is the stream's `indexOf`, when just asked. */
  apply(stream: string, revision: bigint, hash: string, position: bigint, known?: number): void {
    const found = known ?? this.indexOf(stream);
    const index = found < 0 ? this.streams.length : found;
    if (this.journal > 0) {
      if (this.journalled.length === this.journal) this.forgetThrough(this.journalled.positionAt(this.journal >> 3));
      const before = found < 0 ? undefined : this.revisions[index];
      this.journalled.push(position, index, stream, before, this.hashes[index], revision, hash);
    }
    this.set(index, stream, revision, hash);
    this.last = position;
  }

  /** The summary at the current position. */
  summary(): LogSummary {
    return {
      position: this.last,
      eventCount: this.count,
      streamCount: this.streams.length,
      merkleRoot: this.tree.root(),
    };
  }

  /**
   * The summary at an earlier `position`, or undefined when the journal no longer reaches back that far.
   * Rewinds the journalled changes after `position`, computes, and replays them.
   */
  summaryAt(position: bigint): LogSummary | undefined {
    if (position >= this.last) return { ...this.summary(), position };
    if (this.journal === 0 || position < this.floor) return undefined;
    const journal = this.journalled;
    let first = journal.length;
    while (first > 0 && journal.positionAt(first - 1) > position) first--;
    for (let i = journal.length - 1; i >= first; i--) this.undo(i);
    const summary = this.summary();
    for (let i = first; i < journal.length; i++) this.redo(i);
    return { ...summary, position };
  }

  /** Drops the journal up to `position` (once a checkpoint covering it has been checked). */
  forgetThrough(position: bigint): void {
    const journal = this.journalled;
    let keep = 0;
    while (keep < journal.length && journal.positionAt(keep) <= position) keep++;
    journal.drop(keep);
    if (position > this.floor) this.floor = position;
  }

  private set(index: number, stream: string, revision: bigint, hash: string): void {
    this.count++;
    if (index === this.streams.length) {
      this.indexes.set(stream, index);
      this.streams.push(stream);
      this.revisions.push(revision);
      this.hashes.push(hash);
      this.tree.push(hash);
    } else {
      this.revisions[index] = revision;
      this.hashes[index] = hash;
      this.tree.set(index, hash);
    }
  }

  private undo(change: number): void {
    const { index, beforeRevision, beforeHash } = this.journalled.change(change);
    this.count--;
    if (beforeRevision === undefined) {
      this.indexes.delete(this.streams.pop()!);
      this.revisions.pop();
      this.hashes.pop();
      this.tree.pop();
    } else {
      this.revisions[index] = beforeRevision;
      this.hashes[index] = beforeHash!;
      this.tree.set(index, beforeHash!);
    }
  }

  private redo(change: number): void {
    const { index, stream, afterRevision, afterHash } = this.journalled.change(change);
    this.set(index, stream, afterRevision, afterHash);
  }
}

/**
 * The changes since the last `forgetThrough`, oldest first: a ring of parallel arrays of fixed capacity, so
 * recording a change allocates nothing; `drop` discards from the front.
 */
class Journal {
  private start = 0;
  private size = 0;
  private readonly positions: bigint[];
  private readonly indexes: Int32Array;
  private readonly streams: string[];
  /** The head before the change; undefined when the change created the stream. */
  private readonly beforeRevisions: (bigint | undefined)[];
  private readonly beforeHashes: (string | undefined)[];
  private readonly afterRevisions: bigint[];
  private readonly afterHashes: string[];

  constructor(readonly capacity: number) {
    this.positions = new Array(capacity);
    this.indexes = new Int32Array(capacity);
    this.streams = new Array(capacity);
    this.beforeRevisions = new Array(capacity);
    this.beforeHashes = new Array(capacity);
    this.afterRevisions = new Array(capacity);
    this.afterHashes = new Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  private slot(change: number): number {
    const slot = this.start + change;
    return slot < this.capacity ? slot : slot - this.capacity;
  }

  positionAt(change: number): bigint {
    return this.positions[this.slot(change)]!;
  }

  change(change: number) {
    const slot = this.slot(change);
    return {
      index: this.indexes[slot]!,
      stream: this.streams[slot]!,
      beforeRevision: this.beforeRevisions[slot],
      beforeHash: this.beforeHashes[slot],
      afterRevision: this.afterRevisions[slot]!,
      afterHash: this.afterHashes[slot]!,
    };
  }

  /** Records a change; the journal must not be full. */
  push(
    position: bigint,
    index: number,
    stream: string,
    beforeRevision: bigint | undefined,
    beforeHash: string | undefined,
    afterRevision: bigint,
    afterHash: string,
  ): void {
    const slot = this.slot(this.size++);
    this.positions[slot] = position;
    this.indexes[slot] = index;
    this.streams[slot] = stream;
    this.beforeRevisions[slot] = beforeRevision;
    this.beforeHashes[slot] = beforeHash;
    this.afterRevisions[slot] = afterRevision;
    this.afterHashes[slot] = afterHash;
  }

  drop(count: number): void {
    const dropped = Math.min(count, this.size);
    for (let change = 0; change < dropped; change++) {
      const slot = this.slot(change);
      this.streams[slot] = this.beforeHashes[slot] = this.afterHashes[slot] = undefined as unknown as string;
    }
    this.start = this.slot(dropped);
    this.size -= dropped;
  }
}

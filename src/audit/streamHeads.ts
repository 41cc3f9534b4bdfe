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

interface Change {
  position: bigint;
  stream: string;
  index: number;
  /** The head before this event, or undefined when the event created the stream. */
  before: StreamHead | undefined;
  after: StreamHead;
}

/**
 * The head (revision, hash) of every stream, maintained incrementally from the global log, with the
 * Merkle root over the heads. Leaves are in the order in which the streams first appear in the log;
 * leaf i is SHA-256(0x00 ‖ head event hash of stream i as 32 bytes) (the event hash commits to its
 * stream and revision). With a `journal`, the recent changes after the last `forgetThrough` are kept so that
 * `summaryAt` can state the log at an earlier position (a checkpoint is recorded after its position).
 */
export class StreamHeads {
  private readonly indexes = new Map<string, number>();
  private readonly heads: StreamHead[] = [];
  private readonly tree = new IncrementalMerkleTree();
  private readonly changes: Change[] = [];
  private count = 0n;
  private last = 0n;
  /** The journal holds every change after this position. */
  private floor = 0n;

  /** @param journal how many recent changes to keep for `summaryAt` (0: none). */
  constructor(private readonly journal = 0) {}

  get position(): bigint {
    return this.last;
  }

  get eventCount(): bigint {
    return this.count;
  }

  get streamCount(): number {
    return this.heads.length;
  }

  get(stream: string): StreamHead | undefined {
    const index = this.indexes.get(stream);
    return index === undefined ? undefined : this.heads[index];
  }

  apply(stream: string, revision: bigint, hash: string, position: bigint): void {
    const index = this.indexes.get(stream) ?? this.heads.length;
    const change: Change = { position, stream, index, before: this.heads[index], after: { revision, hash } };
    this.redo(change);
    this.last = position;
    if (this.journal > 0) {
      this.changes.push(change);
      if (this.changes.length > this.journal) this.forgetThrough(this.changes[this.journal >> 3]!.position);
    }
  }

  /** The summary at the current position. */
  summary(): LogSummary {
    return {
      position: this.last,
      eventCount: this.count,
      streamCount: this.heads.length,
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
    let first = this.changes.length;
    while (first > 0 && this.changes[first - 1]!.position > position) first--;
    const undone = this.changes.slice(first);
    for (let i = undone.length - 1; i >= 0; i--) this.undo(undone[i]!);
    const summary = this.summary();
    for (const change of undone) this.redo(change);
    return { ...summary, position };
  }

  /** Drops the journal up to `position` (once a checkpoint covering it has been checked). */
  forgetThrough(position: bigint): void {
    let keep = 0;
    while (keep < this.changes.length && this.changes[keep]!.position <= position) keep++;
    this.changes.splice(0, keep);
    if (position > this.floor) this.floor = position;
  }

  private undo(change: Change): void {
    this.count--;
    if (change.before === undefined) {
      this.heads.pop();
      this.tree.pop();
      this.indexes.delete(change.stream);
    } else {
      this.heads[change.index] = change.before;
      this.tree.set(change.index, change.before.hash);
    }
  }

  private redo(change: Change): void {
    this.count++;
    if (change.before === undefined) {
      this.indexes.set(change.stream, change.index);
      this.heads.push(change.after);
      this.tree.push(change.after.hash);
    } else {
      this.heads[change.index] = change.after;
      this.tree.set(change.index, change.after.hash);
    }
  }
}

import { hash as oneShotHash } from 'node:crypto';
import { sha256 } from './hashing.js';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const NODE_BYTES = 32;
const WORDS = NODE_BYTES / 4;

/** Merkle root of no leaves: SHA-256 of the empty string (RFC 6962 § 2.1). */
export const EMPTY_MERKLE_ROOT = sha256(Buffer.alloc(0)).toString('hex');

/** Leaf hash of a value given as hex (a stream head's event hash). */
export const leafHash = (hex: string): Buffer => sha256(Buffer.concat([LEAF_PREFIX, Buffer.from(hex, 'hex')]));
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.concat([NODE_PREFIX, left, right]));

/** RFC 6962 Merkle tree hash of `values` (hex; each leaf is `leafHash(value)`), computed at once; for tools. */
export const merkleRoot = (values: readonly string[]): string => {
  if (values.length === 0) return EMPTY_MERKLE_ROOT;
  const tree = new IncrementalMerkleTree();
  for (const value of values) tree.push(value);
  return tree.root();
};

/** SHA-256 of `input` written into `into` at `offset`: a binary digest string costs far less than a digest Buffer. */
const hashInto =
  typeof oneShotHash === 'function'
    ? (input: Buffer, into: Buffer, offset: number): void => {
        into.write(oneShotHash('sha256', input, 'binary'), offset, 'latin1');
      }
    : (input: Buffer, into: Buffer, offset: number): void => {
        sha256(input).copy(into, offset);
      };

/** The distinct values of `indexes`, ascending. */
const distinctAscending = (indexes: Iterable<number>): Int32Array => {
  const sorted = Int32Array.from(indexes).sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i]!;
  return sorted.subarray(0, kept);
};

/**
 * An RFC 6962 Merkle tree whose leaves can be appended, replaced and removed from the end, and whose root is
 * recomputed only along the paths of the leaves that changed since the last `root()`.
 * Pairing nodes bottom-up and promoting a lone last node unchanged gives exactly RFC 6962's
 * "split at the largest power of two" tree. Each level is one Buffer of 32-byte node hashes; so are the leaf
 * values (hashes, given as hex or as bytes), so that millions of changes leave no garbage behind.
 */
export class IncrementalMerkleTree {
  private count = 0;
  /** Leaf i's value is the 32 bytes at 32 i, also seen as the 8 words at 8 i. */
  private values: Buffer = Buffer.alloc(64 * NODE_BYTES);
  private words = new Int32Array(this.values.buffer, 0, this.values.length >> 2);
  /** Leaves changed since the last `root()`: marked, and listed once. */
  private marks = new Uint8Array(64);
  /** The few values that are not 32 bytes of hex, by leaf: hashed as they are. */
  private readonly odd = new Map<number, Buffer>();
  /** levels[0] are leaf hashes; levels[k][i] = nodeHash(levels[k-1][2i], levels[k-1][2i+1]). */
  private readonly levels: Buffer[] = [];
  private dirty: number[] = [];
  /** A prefix byte followed by a leaf value or by two child hashes. */
  private readonly scratch = Buffer.alloc(1 + 2 * NODE_BYTES);
  private readonly leafInput = this.scratch.subarray(0, 1 + NODE_BYTES);
  private readonly nodeInput = this.scratch.subarray(0, 1 + 2 * NODE_BYTES);

  get size(): number {
    return this.count;
  }

  push(value: string): void {
    this.set(this.count, value);
  }

  /** Sets leaf `index` (at most `size`, which appends) to a value given as hex. */
  set(index: number, value: string): void {
    const values = this.slot(index);
    const written = values.write(value, index * NODE_BYTES, NODE_BYTES, 'hex');
    if (written === NODE_BYTES) {
      if (this.odd.size > 0) this.odd.delete(index);
    } else this.odd.set(index, Buffer.from(values.subarray(index * NODE_BYTES, index * NODE_BYTES + written)));
  }

  /** Sets leaf `index` (at most `size`, which appends) to the 32 bytes that are the 8 words of `source` at `at`. */
  setWords(index: number, source: Int32Array, at: number): void {
    this.slot(index);
    const words = this.words;
    const to = index * WORDS;
    for (let i = 0; i < WORDS; i++) words[to + i] = source[at + i]!;
    if (this.odd.size > 0) this.odd.delete(index);
  }

  /** Leaf `index`'s value as hex. */
  valueAt(index: number): string {
    return (
      this.odd.get(index)?.toString('hex') ?? this.values.toString('hex', index * NODE_BYTES, (index + 1) * NODE_BYTES)
    );
  }

  /** Copies leaf `index`'s value (32 bytes of hex written, 8 words) to `into` at word `at`. */
  copyWords(index: number, into: Int32Array, at: number): void {
    const words = this.words;
    const from = index * WORDS;
    for (let i = 0; i < WORDS; i++) into[at + i] = words[from + i]!;
  }

  /** Whether leaf `index`'s value is the 32 bytes that are the 8 words of `source` at `at`. */
  valueEquals(index: number, source: Int32Array, at: number): boolean {
    const words = this.words;
    const from = index * WORDS;
    for (let i = 0; i < WORDS; i++) if (words[from + i] !== source[at + i]) return false;
    return this.odd.size === 0 || !this.odd.has(index);
  }

  /** Removes the last leaf (used to rewind to an earlier position). */
  pop(): void {
    this.count--;
    if (this.odd.size > 0) this.odd.delete(this.count);
    this.mark(this.count);
  }

  root(): string {
    const count = this.count;
    for (const index of this.dirty) this.marks[index] = 0;
    let changed = distinctAscending(this.dirty);
    this.dirty = [];
    if (count === 0) return EMPTY_MERKLE_ROOT;
    const leaves = this.level(0, count);
    for (const index of changed) if (index < count) this.hashLeaf(index, leaves);
    let level = 0;
    let width = count;
    while (width > 1) {
      const below = this.levels[level]!;
      const parentWidth = Math.ceil(width / 2);
      const above = this.level(level + 1, parentWidth);
      const parents = new Int32Array(changed.length + 1);
      for (let i = 0; i < changed.length; i++) parents[i] = changed[i]! >> 1;
      // A changed width changes which node is promoted at the end of this level.
      parents[changed.length] = parentWidth - 1;
      changed = distinctAscending(parents);
      for (const parent of changed) {
        if (parent >= parentWidth) continue;
        const left = 2 * parent * NODE_BYTES;
        if (2 * parent + 1 < width) {
          this.scratch[0] = 0x01;
          below.copy(this.scratch, 1, left, left + 2 * NODE_BYTES);
          hashInto(this.nodeInput, above, parent * NODE_BYTES);
        } else below.copy(above, parent * NODE_BYTES, left, left + NODE_BYTES);
      }
      width = parentWidth;
      level++;
    }
    return this.levels[level]!.toString('hex', 0, NODE_BYTES);
  }

  /** The values buffer, grown to hold leaf `index`, which is marked changed (and appended when it is `size`). */
  private slot(index: number): Buffer {
    if (index === this.count) {
      this.count++;
      if (this.values.length < this.count * NODE_BYTES) {
        const grown = Buffer.alloc(2 * this.values.length);
        this.values.copy(grown);
        this.values = grown;
        this.words = new Int32Array(grown.buffer, 0, grown.length >> 2);
      }
    }
    this.mark(index);
    return this.values;
  }

  private mark(index: number): void {
    if (index >= this.marks.length) {
      const grown = new Uint8Array(Math.max(2 * this.marks.length, index + 1));
      grown.set(this.marks);
      this.marks = grown;
    }
    if (this.marks[index] === 1) return;
    this.marks[index] = 1;
    this.dirty.push(index);
  }

  private hashLeaf(index: number, leaves: Buffer): void {
    this.scratch[0] = 0x00;
    const odd = this.odd.size > 0 ? this.odd.get(index) : undefined;
    if (odd === undefined) this.values.copy(this.scratch, 1, index * NODE_BYTES, (index + 1) * NODE_BYTES);
    else odd.copy(this.scratch, 1);
    hashInto(odd === undefined ? this.leafInput : this.scratch.subarray(0, 1 + odd.length), leaves, index * NODE_BYTES);
  }

  /** The Buffer of a level, grown (keeping its hashes) to hold at least `width` nodes. */
  private level(index: number, width: number): Buffer {
    const current = this.levels[index];
    if (current !== undefined && current.length >= width * NODE_BYTES) return current;
    const grown = Buffer.alloc(Math.max(width, 2 * ((current?.length ?? 0) / NODE_BYTES), 64) * NODE_BYTES);
    current?.copy(grown);
    this.levels[index] = grown;
    return grown;
  }
}

import { hash as oneShotHash } from 'node:crypto';
import { sha256 } from './hashing.js';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const NODE_BYTES = 32;

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
 * An RFC 6962 Merkle tree whose leaves (hex values) can be appended, replaced and removed from the end, and whose
 * root is recomputed only along the paths of the leaves that changed since the last `root()`.
 * Pairing nodes bottom-up and promoting a lone last node unchanged gives exactly RFC 6962's
 * "split at the largest power of two" tree. Each level is one Buffer of 32-byte node hashes.
 */
export class IncrementalMerkleTree {
  private readonly values: string[] = [];
  /** levels[0] are leaf hashes; levels[k][i] = nodeHash(levels[k-1][2i], levels[k-1][2i+1]). */
  private readonly levels: Buffer[] = [];
  private dirty: number[] = [];
  /** A prefix byte followed by a leaf value or by two child hashes. */
  private readonly scratch = Buffer.alloc(1 + 2 * NODE_BYTES);
  private readonly leafInput = this.scratch.subarray(0, 1 + NODE_BYTES);
  private readonly nodeInput = this.scratch.subarray(0, 1 + 2 * NODE_BYTES);

  get size(): number {
    return this.values.length;
  }

  push(value: string): void {
    this.dirty.push(this.values.length);
    this.values.push(value);
  }

  set(index: number, value: string): void {
    this.values[index] = value;
    this.dirty.push(index);
  }

  /** Removes the last leaf (used to rewind to an earlier position). */
  pop(): void {
    this.values.pop();
    this.dirty.push(this.values.length);
  }

  root(): string {
    const count = this.values.length;
    let changed = distinctAscending(this.dirty);
    this.dirty = [];
    if (count === 0) return EMPTY_MERKLE_ROOT;
    const leaves = this.level(0, count);
    for (const index of changed) if (index < count) this.hashLeaf(this.values[index]!, leaves, index);
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

  private hashLeaf(value: string, leaves: Buffer, index: number): void {
    this.scratch[0] = 0x00;
    const written = this.scratch.write(value, 1, NODE_BYTES, 'hex');
    const input = written === NODE_BYTES ? this.leafInput : this.scratch.subarray(0, 1 + written);
    hashInto(input, leaves, index * NODE_BYTES);
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

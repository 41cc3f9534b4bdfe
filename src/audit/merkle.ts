import { sha256 } from './hashing.js';

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

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

/**
 * An RFC 6962 Merkle tree whose leaves (hex values) can be appended, replaced and removed from the end, and whose
 * root is recomputed only along the paths of the leaves that changed since the last `root()`.
 * Pairing nodes bottom-up and promoting a lone last node unchanged gives exactly RFC 6962's
 * "split at the largest power of two" tree.
 */
export class IncrementalMerkleTree {
  private readonly values: string[] = [];
  /** levels[0] are leaf hashes; levels[k][i] = nodeHash(levels[k-1][2i], levels[k-1][2i+1]). */
  private readonly levels: Buffer[][] = [[]];
  private dirty = new Set<number>();

  get size(): number {
    return this.values.length;
  }

  push(value: string): void {
    this.dirty.add(this.values.length);
    this.values.push(value);
  }

  set(index: number, value: string): void {
    this.values[index] = value;
    this.dirty.add(index);
  }

  /** Removes the last leaf (used to rewind to an earlier position). */
  pop(): void {
    this.values.pop();
    this.dirty.add(this.values.length);
  }

  root(): string {
    const count = this.values.length;
    if (count === 0) {
      this.levels.length = 1;
      this.levels[0]!.length = 0;
      this.dirty.clear();
      return EMPTY_MERKLE_ROOT;
    }
    const leaves = this.levels[0]!;
    leaves.length = count;
    let changed = [...this.dirty];
    for (const index of changed) if (index < count) leaves[index] = leafHash(this.values[index]!);
    let level = 0;
    let width = count;
    while (width > 1) {
      const below = this.levels[level]!;
      const parentWidth = Math.ceil(width / 2);
      const above = this.levels[level + 1] ?? [];
      this.levels[level + 1] = above;
      above.length = parentWidth;
      const parents = new Set<number>();
      for (const index of changed) parents.add(index >> 1);
      // A changed width changes which node is promoted at the end of this level.
      parents.add(parentWidth - 1);
      for (const parent of parents) {
        if (parent >= parentWidth) continue;
        const right = below[2 * parent + 1];
        above[parent] =
          2 * parent + 1 < width && right !== undefined ? nodeHash(below[2 * parent]!, right) : below[2 * parent]!;
      }
      changed = [...parents];
      width = parentWidth;
      level++;
    }
    this.levels.length = level + 1;
    this.dirty = new Set();
    return this.levels[level]![0]!.toString('hex');
  }
}

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_MERKLE_ROOT, IncrementalMerkleTree, merkleRoot } from '../../src/audit/merkle.js';
import { StreamHeads } from '../../src/audit/streamHeads.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

/** RFC 6962 § 2.1, written as the RFC states it. */
const rfc6962 = (leaves: Buffer[]): Buffer => {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return sha(Buffer.from([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), rfc6962(leaves.slice(0, k)), rfc6962(leaves.slice(k)));
};

const value = (n: number) => sha(Buffer.from(String(n)));

describe('Merkle tree', () => {
  it('matches RFC 6962 for 0 to 70 leaves', () => {
    expect(EMPTY_MERKLE_ROOT).toBe(rfc6962([]).toString('hex'));
    for (let n = 0; n <= 70; n++) {
      const leaves = Array.from({ length: n }, (_, i) => value(i));
      expect(merkleRoot(leaves.map((leaf) => leaf.toString('hex'))), `${n} leaves`).toBe(
        rfc6962(leaves).toString('hex'),
      );
    }
  });

  it('keeps the root right through appends, replacements and removals', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant<['push']>(['push']),
            fc.tuple(fc.constant('set' as const), fc.nat()),
            fc.constant<['pop']>(['pop']),
            fc.constant<['root']>(['root']),
          ),
          { maxLength: 120 },
        ),
        (operations) => {
          const tree = new IncrementalMerkleTree();
          const model: Buffer[] = [];
          let counter = 0;
          for (const operation of operations) {
            if (operation[0] === 'push') {
              model.push(value(counter));
              tree.push(value(counter++).toString('hex'));
            } else if (operation[0] === 'set' && model.length > 0) {
              const index = operation[1] % model.length;
              model[index] = value(counter);
              tree.set(index, value(counter++).toString('hex'));
            } else if (operation[0] === 'pop' && model.length > 0) {
              model.pop();
              tree.pop();
            } else if (operation[0] === 'root') expect(tree.root()).toBe(rfc6962(model).toString('hex'));
          }
          expect(tree.root()).toBe(rfc6962(model).toString('hex'));
        },
      ),
    );
  });
});

describe('stream heads', () => {
  it('states the log at an earlier position as a fresh replay would', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 60 }), fc.nat(), (streams, cut) => {
        const heads = new StreamHeads(1_000);
        const revisions = new Map<number, bigint>();
        const events = streams.map((s, i) => {
          const revision = revisions.has(s) ? revisions.get(s)! + 1n : 0n;
          revisions.set(s, revision);
          return { stream: `s-${s}`, revision, hash: value(i).toString('hex'), position: BigInt(2 * i + 1) };
        });
        for (const e of events) heads.apply(e.stream, e.revision, e.hash, e.position);
        const position = BigInt(cut % (2 * events.length + 1));
        const replay = new StreamHeads();
        for (const e of events.filter((e) => e.position <= position))
          replay.apply(e.stream, e.revision, e.hash, e.position);
        const expected = { ...replay.summary(), position };
        expect(heads.summaryAt(position)).toEqual(expected);
        const full = new StreamHeads();
        for (const e of events) full.apply(e.stream, e.revision, e.hash, e.position);
        expect(heads.summary()).toEqual(full.summary());
      }),
    );
  });
});

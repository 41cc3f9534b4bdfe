import { describe, expect, it } from 'vitest';
import { StreamHeads } from '../../src/audit/streamHeads.js';

const LIMIT = 2n ** 53n;
const hash = (n: number) => n.toString(16).padStart(64, '0');

describe('stream heads beyond 2^53', () => {
  it('keeps revisions and positions exactly, and rewinds through them', () => {
    const heads = new StreamHeads(100);
    heads.apply('s-1', LIMIT - 1n, hash(1), LIMIT - 1n);
    heads.apply('s-2', 0n, hash(2), LIMIT);
    heads.apply('s-1', LIMIT, hash(3), LIMIT + 1n);
    heads.apply('s-1', LIMIT + 1n, hash(4), LIMIT + 2n);
    expect(heads.get('s-1')).toEqual({ revision: LIMIT + 1n, hash: hash(4) });
    expect(heads.position).toBe(LIMIT + 2n);

    const replay = new StreamHeads();
    replay.apply('s-1', LIMIT - 1n, hash(1), LIMIT - 1n);
    replay.apply('s-2', 0n, hash(2), LIMIT);
    expect(heads.summaryAt(LIMIT)).toEqual(replay.summary());
    expect(heads.get('s-1')).toEqual({ revision: LIMIT + 1n, hash: hash(4) });
    heads.forgetThrough(LIMIT + 1n);
    expect(heads.summaryAt(LIMIT)).toBeUndefined();
  });

  it('refuses a head hash that is not 64 hex characters', () => {
    expect(() => new StreamHeads().apply('s', 0n, 'abc', 1n)).toThrow(/64 hex/);
  });
});

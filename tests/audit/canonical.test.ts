import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalMetadata } from '../../src/audit/canonical.js';
import { canonicalJson } from '../../src/eventStore/canonicalJson.js';

describe('fast canonical JSON', () => {
  it('equals canonicalJson for every JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalize(value)).toBe(canonicalJson(value));
      }),
      {
        numRuns: 2_000,
      },
    );
  });

  it('is the canonical form of what JSON.stringify would store', () => {
    const stored = (value: unknown) => canonicalJson(JSON.parse(JSON.stringify(value)));
    const odd = fc.oneof(
      fc.constant(undefined),
      fc.constant(Number.NaN),
      fc.constant(-0),
      fc.constant(Number.POSITIVE_INFINITY),
      fc.date({ noInvalidDate: true }),
      fc.constant(() => 1),
    );
    const value = fc.dictionary(
      fc.string(),
      fc.oneof(fc.jsonValue(), odd, fc.array(odd), fc.dictionary(fc.string(), odd)),
    );
    fc.assert(
      fc.property(value, (object) => {
        expect(canonicalize(object)).toBe(stored(object));
      }),
      { numRuns: 1_000 },
    );
  });

  it('keeps an own __proto__ key and ignores inherited properties', () => {
    const withProto = JSON.parse('{"b":{"__proto__":1},"a":{"x":1}}');
    expect(canonicalize(withProto)).toBe(canonicalJson(withProto));
    class Point {
      constructor(readonly y: number) {}
      get x() {
        return 1;
      }
    }
    expect(canonicalize({ b: new Point(2), a: 1 })).toBe('{"a":1,"b":{"y":2}}');
  });

  it('refuses a bigint, as JSON.stringify does', () => {
    expect(() => canonicalize({ a: 1n })).toThrow(TypeError);
  });

  it('leaves the hash-chain keys out of metadata', () => {
    expect(canonicalMetadata({ z: 1, hash: 'x', prevHash: 'y', actor: 'a' })).toBe('{"actor":"a","z":1}');
  });

  it('leaves them out of metadata in the stored form (canonical keys, then prevHash and hash) the same way', () => {
    const chain = fc.record({ prevHash: fc.string(), hash: fc.string() });
    const metadata = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 });
    fc.assert(
      fc.property(metadata, chain, fc.boolean(), (rest, { prevHash, hash }, stored) => {
        const { hash: _h, prevHash: _p, ...others } = rest;
        const value = stored ? { ...JSON.parse(canonicalJson(others)), prevHash, hash } : { hash, ...others, prevHash };
        expect(canonicalMetadata(value)).toBe(canonicalJson(others));
      }),
      { numRuns: 2_000 },
    );
  });
});

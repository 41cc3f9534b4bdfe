import { describe, expect, it } from 'vitest';
import { containsPersonalIdentityCode } from '../../src/domain/events/primitives.js';
import { mixSeed, Random, weighted } from '../../src/seed/random.js';
import { randomUuid, uuidLooksLikePersonalIdentityCode } from '../../src/seed/uuid.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seeded random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draws = (seed: number) => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, () => random.uint32());
    };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('draws floats in [0, 1) and integers within their bounds', () => {
    const random = new Random(1);
    const floats = Array.from({ length: 10_000 }, () => random.next());
    const ints = new Set(Array.from({ length: 10_000 }, () => random.int(-3, 4)));
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    expect([...ints].sort()).toEqual([-1, -2, -3, 0, 1, 2, 3, 4]);
  });

  it('draws weighted items in proportion to their weights', () => {
    const random = new Random(7);
    const table = weighted([
      ['a', 1],
      ['b', 3],
    ] as const);
    let b = 0;
    for (let i = 0; i < 20_000; i++) if (random.draw(table) === 'b') b++;
    expect(b / 20_000).toBeCloseTo(0.75, 1);
  });

  it('spreads neighbouring client indexes over unrelated seeds', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, index) => mixSeed(1, index)));
    expect(seeds.size).toBe(10_000);
  });
});

describe('randomUuid', () => {
  it('gives version-4 UUIDs, reproducibly, none shaped like a personal identity code', () => {
    const a = new Random(3);
    const b = new Random(3);
    const uuids = Array.from({ length: 10_000 }, () => randomUuid(a));
    expect(Array.from({ length: 10_000 }, () => randomUuid(b))).toEqual(uuids);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(uuids.filter((uuid) => !UUID_V4.test(uuid) || containsPersonalIdentityCode(uuid))).toEqual([]);
  });
});

describe('uuidLooksLikePersonalIdentityCode', () => {
  it('agrees with the domain check on UUID-shaped text', () => {
    const random = new Random(11);
    const hex = '0123456789abcdef-';
    const texts = Array.from({ length: 20_000 }, () =>
      Array.from({ length: 36 }, () => hex[random.int(0, random.chance(0.6) ? 9 : 16)]).join(''),
    );
    texts.push('a123456-789b-4000-8000-000000000000', '123456a789f', '123456-7890', '123456-789-');
    const disagreements = texts.filter(
      (text) => uuidLooksLikePersonalIdentityCode(text) !== containsPersonalIdentityCode(text),
    );
    expect(disagreements).toEqual([]);
    expect(texts.some((text) => containsPersonalIdentityCode(text))).toBe(true);
  });
});

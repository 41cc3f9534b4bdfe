import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { chainEvents, prepareEvents } from '../../src/audit/chainEvents.js';
import { chainHashesOf } from '../../src/audit/chainHashes.js';
import { eventHash, GENESIS_HASH } from '../../src/audit/hashing.js';
import { newEvent, numberedEvents } from '../support/events.js';

const hex = (hashes: Uint8Array, index: number): string =>
  Buffer.from(hashes.buffer, hashes.byteOffset + index * 32, 32).toString('hex');

describe('chain hashes', () => {
  it('hash each event onto the one before, as eventHash does', () => {
    const stream = `client-${randomUUID()}`;
    const events = [newEvent('Noted', { b: 'ä €\n"', a: [1, { d: null, c: true }] }), ...numberedEvents(2)];
    const head = { revision: 6n, hash: 'ab'.repeat(32) };
    const hashes = chainHashesOf(stream, 7n, head.hash, prepareEvents(stream, events));
    expect(hashes).toHaveLength(4 * 32);
    expect(hex(hashes, 0)).toBe(head.hash);
    events.forEach((event, index) => {
      const data = JSON.parse(canonicalize(event.data)!) as Record<string, unknown>;
      const stored = { ...event, data, metadata: event.metadata ?? {}, id: event.id.toLowerCase(), version: 1 };
      const fields = { ...stored, stream, revision: 7n + BigInt(index) };
      expect(hex(hashes, index + 1)).toBe(eventHash(fields, hex(hashes, index)));
    });
  });

  it('give the chained events their prevHash and hash, and the head they make', () => {
    const stream = `client-${randomUUID()}`;
    const prepared = prepareEvents(stream, numberedEvents(3));
    const hashes = chainHashesOf(stream, 0n, GENESIS_HASH, prepared);
    const { chained, written } = chainEvents(prepared, undefined, hashes);
    expect(chained.map((event) => event.metadata.prevHash)).toEqual([0, 1, 2].map((index) => hex(hashes, index)));
    expect(chained.map((event) => event.hash)).toEqual([1, 2, 3].map((index) => hex(hashes, index)));
    expect(chained[0]!.prevHash).toBe(GENESIS_HASH);
    expect(JSON.parse(chained[2]!.metadataJson)).toEqual(chained[2]!.metadata);
    expect(written).toEqual({ revision: 2n, hash: hex(hashes, 3) });
  });
});

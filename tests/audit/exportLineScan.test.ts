import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, canonicalMetadata } from '../../src/audit/canonical.js';
import { eventLine } from '../../src/audit/exportFormat.js';
import { scanEventLine } from '../../src/audit/exportLineScan.js';
import { hashInput, validatedHashInput } from '../../src/audit/hashing.js';
import type { StoredEvent } from '../../src/eventStore/eventStore.js';

const HEX = 'ab'.repeat(32);
const PREV = 'cd'.repeat(32);

/** An event as the hash chain stores it: canonical data and metadata, then the chain keys. */
const storedEvent = (data: Record<string, unknown>, metadata: Record<string, unknown>): StoredEvent => ({
  position: 42n,
  stream: 'client-7d5d0d4e-1f3a-4a58-9d8e-0a8c3c1b2f11',
  revision: 3n,
  id: '0b9e6a4e-7f1d-4f39-8a43-5d7c0e6b2a10',
  type: 'InitialInterviewHeld',
  version: 1,
  data: JSON.parse(canonicalize(data)!),
  metadata: { ...JSON.parse(canonicalize(metadata)!), prevHash: PREV, hash: HEX },
  recordedAt: '2026-03-02T08:00:00.000Z',
});

/** What the general path hashes for the line: parsed, then written again in canonical form. */
const parsedHashInput = (line: string): string => {
  const event = JSON.parse(line);
  return hashInput(canonicalize(event.data)!, canonicalMetadata(event.metadata), event, event.metadata.prevHash);
};

/** The scanner's hash input, when its `hash` text could equal a recomputed hash (the caller compares them). */
const scannedHashInput = (line: string): string | undefined => {
  const s = scanEventLine(line);
  if (s === undefined || !/^[0-9a-f]{64}$/.test(s.hash)) return undefined;
  return validatedHashInput(s.data, s.metadata, s.stream, s.revision, s.id, s.type, s.version, s.prevHash);
};

const object = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 });

describe('scanning an export line in the stored form', () => {
  it('takes the fields and canonical texts straight from the line, as parsing would give them', () => {
    fc.assert(
      fc.property(object, object, (data, metadata) => {
        const line = eventLine(storedEvent(data, metadata));
        const scanned = scanEventLine(line);
        if (scanned === undefined) return; // a string that JSON escapes: the line is parsed instead
        expect(scannedHashInput(line)).toBe(parsedHashInput(line));
        expect(scanned).toMatchObject({ position: '42', revision: '3', prevHash: PREV, hash: HEX, version: '1' });
      }),
      { numRuns: 2_000 },
    );
  });

  it('scans the common event and leaves anything else to the parser', () => {
    const line = eventLine(storedEvent({ heldOn: '2026-03-09', n: -1.5e-7, list: [true, null, {}] }, { actor: 'a' }));
    expect(scanEventLine(line)).toBeDefined();
    expect(scanEventLine(line.replace('"n":', ' "n":'))).toBeUndefined();
    expect(scanEventLine(line.replace('"heldOn":"2026-03-09","list"', '"list"'))).toBeDefined();
    expect(scanEventLine(line.replace('"heldOn"', '"zz"'))).toBeUndefined();
    expect(scanEventLine(line.replace('-1.5e-7', '-0.00000015'))).toBeUndefined();
    expect(scanEventLine(line.replace('2026-03-09', '2026\\u002d03-09'))).toBeUndefined();
    expect(scanEventLine(line.replace('"actor":"a"', '"actor":"a","hash":"x"'))).toBeUndefined();
    expect(scanEventLine(line.replace(PREV, PREV.toUpperCase()))).toBeUndefined();
    expect(scanEventLine(`${line}\n`)).toBeUndefined();
    expect(scanEventLine(line.replace('"revision":"3"', '"revision":"03"'))).toBeUndefined();
  });

  it('never gives a hash input other than the parsed line gives, whatever the line', () => {
    const base = eventLine(storedEvent({ a: 1, b: 'x', c: [1, 2] }, { actor: 'a', z: { y: 1 } }));
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 4 }), (at, length, insert) => {
        const line = base.slice(0, at) + insert + base.slice(Math.min(base.length, at + (length % 5)));
        const scanned = scannedHashInput(line);
        if (scanned === undefined) return;
        let parsed: string | undefined;
        try {
          parsed = parsedHashInput(line);
        } catch {
          parsed = undefined;
        }
        expect(scanned).toBe(parsed);
      }),
      { numRuns: 5_000 },
    );
  });
});

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exportStream } from '../../src/audit/exportLog.js';
import { eventHash } from '../../src/audit/hashing.js';
import { verifyExport } from '../../src/audit/verifyExport.js';
import type { StoredEvent } from '../../src/eventStore/eventStore.js';
import { collect } from './support.js';

const LIMIT = 2n ** 53n;

/**
 * Two hash-chained streams whose revisions and positions cross 2^53: revisions and positions below it take the
 * checkers' numeric path, the others the bigint path.
 */
const eventsAcross = (): StoredEvent[] => {
  const heads = new Map<string, { revision: bigint; hash: string }>([
    ['client-a', { revision: LIMIT - 4n, hash: 'a'.repeat(64) }],
    ['client-b', { revision: 4n, hash: 'b'.repeat(64) }],
  ]);
  return Array.from({ length: 12 }, (_, i) => {
    const stream = i % 3 === 2 ? 'client-b' : 'client-a';
    const head = heads.get(stream)!;
    const base = {
      stream,
      revision: head.revision + 1n,
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'Noted',
      version: 1,
      data: { n: i },
      metadata: { actor: 'system:test' },
    };
    const hash = eventHash(base, head.hash);
    heads.set(stream, { revision: base.revision, hash });
    const position = LIMIT - 6n + BigInt(i);
    return { ...base, metadata: { ...base.metadata, prevHash: head.hash, hash }, position, recordedAt: 'x' };
  });
};

const exportOf = async (events: StoredEvent[]) => {
  const source = {
    readAll: async function* () {
      yield* events;
    },
    readStream: async function* () {},
    headPosition: async () => events.at(-1)!.position,
  };
  const chunks = await collect(exportStream(source, { after: events[0]!.position - 1n, now: 'now' }));
  return chunks.join('');
};

/** The report with every line checked on this thread, after checking that the workers give the same. */
const verified = async (text: string) => {
  const here = await verifyExport(Readable.from([Buffer.from(text)]), { publicKeys: [], workers: 0 });
  const threads = await verifyExport(Readable.from([Buffer.from(text)]), {
    publicKeys: [],
    workers: 2,
    batchBytes: 600,
  });
  expect(threads).toEqual(here);
  return here;
};

describe('revisions and positions beyond 2^53', () => {
  it('verifies the chains exactly on both sides of 2^53', async () => {
    const events = eventsAcross();
    expect(await verified(await exportOf(events))).toMatchObject({
      ok: true,
      scope: 'partial',
      eventsChecked: 12,
      lastPosition: events.at(-1)!.position,
    });
  });

  it('names the event after a deleted one beyond 2^53', async () => {
    const events = eventsAcross();
    const deleted = events.findIndex((e) => e.revision === LIMIT);
    const next = events.find((e) => e.stream === events[deleted]!.stream && e.revision === LIMIT + 1n)!;
    const report = await verified(await exportOf(events.filter((_, i) => i !== deleted)));
    expect(report.firstBreak).toMatchObject({
      reason: 'REVISION_GAP',
      position: next.position,
      revision: LIMIT + 1n,
      eventId: next.id,
    });
  });

  it('names the event after a deleted one just below 2^53', async () => {
    const events = eventsAcross();
    const deleted = events.findIndex((e) => e.revision === LIMIT - 2n);
    const next = events.find((e) => e.revision === LIMIT - 1n)!;
    expect(next.position < LIMIT).toBe(true);
    const report = await verified(await exportOf(events.filter((_, i) => i !== deleted)));
    expect(report.firstBreak).toMatchObject({ reason: 'REVISION_GAP', position: next.position, eventId: next.id });
  });

  it('reports positions out of order across 2^53', async () => {
    const events = eventsAcross();
    const at = events.findIndex((e) => e.position === LIMIT);
    [events[at - 1], events[at]] = [events[at]!, events[at - 1]!];
    const report = await verified(await exportOf(events));
    expect(report.firstBreak).toMatchObject({ reason: 'POSITION_ORDER', position: LIMIT - 1n });
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdempotencyConflictError } from '../../../src/eventStore/errors.js';
import type { NewEvent, StoredEvent } from '../../../src/eventStore/eventStore.js';
import { resolveRetry } from '../../../src/eventStore/kurrentdb/retries.js';
import { newEvent } from '../../support/events.js';

const stored = (event: NewEvent, revision: bigint): StoredEvent => ({
  id: event.id.toLowerCase(),
  type: event.type,
  version: event.version ?? 1,
  data: event.data,
  metadata: {},
  recordedAt: '2026-03-02T08:00:00.000Z',
  stream: 'client-1',
  revision,
  position: 1_000n + revision * 100n,
});

const found = (...events: StoredEvent[]) => new Map(events.map((event) => [event.id, event]));

describe('KurrentDB retries', () => {
  const [a, b] = [newEvent('Noted', { n: 1 }), newEvent('Noted', { n: 2 })];

  it('is a new append when no id is stored', () => {
    expect(resolveRetry('client-1', [a, b], new Map())).toBeUndefined();
  });

  it('answers an exact retry with the original revisions and positions, whatever the id case', () => {
    const retry = [{ ...a, id: a.id.toUpperCase(), metadata: { actor: 'other' } }, b];
    expect(resolveRetry('client-1', retry, found(stored(a, 3n), stored(b, 4n)))).toEqual({
      nextRevision: 4n,
      events: [
        { id: a.id, revision: 3n, position: 1_300n },
        { id: b.id, revision: 4n, position: 1_400n },
      ],
      commitPosition: 1_400n,
      alreadyStored: true,
    });
  });

  it('refuses a stored id with other content', () => {
    const changed = { ...a, data: { n: 9 } };
    expect(() => resolveRetry('client-1', [changed], found(stored(a, 0n)))).toThrow(
      expect.objectContaining({ reason: 'contentDiffers', eventId: a.id }),
    );
  });

  it('refuses a call that mixes stored and new events', () => {
    const fresh = newEvent('Noted', { id: randomUUID() });
    expect(() => resolveRetry('client-1', [fresh, a], found(stored(a, 0n)))).toThrow(IdempotencyConflictError);
    expect(() => resolveRetry('client-1', [a, fresh], found(stored(a, 0n)))).toThrow(
      expect.objectContaining({ reason: 'mixedRetry', eventId: fresh.id }),
    );
  });
});

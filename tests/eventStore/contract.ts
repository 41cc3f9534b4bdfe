import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, IdempotencyConflictError, InvalidEventError } from '../../src/eventStore/errors.js';
import type { EventStore, NewEvent } from '../../src/eventStore/eventStore.js';
import { jobSearchStarted, newEvent, numberedEvents, testMetadata } from '../support/events.js';
import {
  collect,
  contractContext,
  type EventStoreCapabilities,
  newStream,
  rejectionOf,
  revisionsOf,
} from './support/contractHelpers.js';
import { readContract } from './support/readContract.js';
import { subscriptionContract } from './support/subscriptionContract.js';
import { validationContract } from './support/validationContract.js';

export type { EventStoreCapabilities };

/**
 * The executable specification of the EventStore port, run against every adapter. The log may be
 * shared and non-empty (KurrentDB has system events): each test writes to its own streams and event
 * types and compares positions only with what it wrote.
 */
export const eventStoreContract = (
  name: string,
  open: () => Promise<EventStore>,
  capabilities: EventStoreCapabilities = { consecutivePositions: true },
) =>
  describe(`${name} event store`, () => {
    const context = contractContext(open, capabilities);
    const { openStore, expectIncreasing } = context;

    describe('expected revision', () => {
      it('noStream creates a stream once, then refuses with stream, expected and actual', async () => {
        const store = await openStore();
        const stream = newStream();
        await store.appendToStream(stream, [jobSearchStarted()], { expected: 'noStream' });
        const error = await rejectionOf(store.appendToStream(stream, [jobSearchStarted()], { expected: 'noStream' }));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', stream, expected: 'noStream', actual: 0n });
        expect(await revisionsOf(store, stream)).toEqual([0n]);
      });

      it('streamExists refuses an unknown stream and accepts an existing one', async () => {
        const store = await openStore();
        const stream = newStream();
        const error = await rejectionOf(
          store.appendToStream(stream, [jobSearchStarted()], { expected: 'streamExists' }),
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ stream, expected: 'streamExists', actual: undefined });
        expect(await store.streamRevision(stream)).toBeUndefined();
        await store.appendToStream(stream, [jobSearchStarted()], { expected: 'noStream' });
        const result = await store.appendToStream(stream, [jobSearchStarted()], { expected: 'streamExists' });
        expect(result.nextRevision).toBe(1n);
      });

      it('an exact revision must match the head', async () => {
        const store = await openStore();
        const stream = newStream();
        const unknown = await rejectionOf(store.appendToStream(stream, [jobSearchStarted()], { expected: 0n }));
        expect(unknown).toMatchObject({ stream, expected: 0n, actual: undefined });
        await store.appendToStream(stream, numberedEvents(2), { expected: 'noStream' });
        const stale = await rejectionOf(store.appendToStream(stream, numberedEvents(3), { expected: 0n }));
        expect(stale).toBeInstanceOf(ConcurrencyError);
        expect(stale).toMatchObject({ stream, expected: 0n, actual: 1n });
        const ahead = await rejectionOf(store.appendToStream(stream, numberedEvents(1), { expected: 5n }));
        expect(ahead).toMatchObject({ expected: 5n, actual: 1n });
        const result = await store.appendToStream(stream, numberedEvents(1), { expected: 1n });
        expect(result.nextRevision).toBe(2n);
        expect(await revisionsOf(store, stream)).toEqual([0n, 1n, 2n]);
      });

      it('any appends to a new and to an existing stream', async () => {
        const store = await openStore();
        const stream = newStream();
        expect((await store.appendToStream(stream, [jobSearchStarted()], { expected: 'any' })).nextRevision).toBe(0n);
        expect((await store.appendToStream(stream, [jobSearchStarted()], { expected: 'any' })).nextRevision).toBe(1n);
        expect(await store.streamRevision(stream)).toBe(1n);
      });
    });

    describe('append', () => {
      it('stores a multi-event call with consecutive revisions and increasing positions', async () => {
        const store = await openStore();
        const stream = newStream();
        const events = [jobSearchStarted(), newEvent('Noted', { text: 'hello' }, { version: 2 }), jobSearchStarted()];
        const result = await store.appendToStream(stream, events, { expected: 'noStream' });
        expect(result.alreadyStored).toBe(false);
        expect(result.nextRevision).toBe(2n);
        expect(result.events.map((event) => event.id)).toEqual(events.map((event) => event.id));
        expect(result.events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        expectIncreasing(result.events.map((event) => event.position));
        expect(result.commitPosition).toBe(result.events[2]!.position);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.commitPosition);

        const stored = await collect(store.readStream(stream));
        expect(stored).toHaveLength(3);
        stored.forEach((event, index) => {
          const written = events[index]!;
          expect(event).toMatchObject({
            id: written.id,
            type: written.type,
            version: written.version,
            data: written.data,
            metadata: written.metadata,
            stream,
            revision: BigInt(index),
            position: result.events[index]!.position,
          });
          expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
        });
      });

      it('defaults the schema version to 1 and keeps integrator metadata keys', async () => {
        const store = await openStore();
        const stream = newStream();
        const metadata = testMetadata({ causationId: randomUUID(), integrator: { system: 'crm', ref: 'A-1' } });
        const { version: _omitted, ...event } = newEvent('Noted', { text: 'x' }, { metadata });
        await store.appendToStream(stream, [event], { expected: 'any' });
        const [stored] = await collect(store.readStream(stream));
        expect(stored).toMatchObject({ version: 1, metadata });
      });

      it('keeps what was appended even when the caller mutates its objects afterwards', async () => {
        const store = await openStore();
        const stream = newStream();
        const event = newEvent('Noted', { nested: { list: [1, 2] } });
        const appending = store.appendToStream(stream, [event], { expected: 'any' });
        (event.data.nested as { list: number[] }).list.push(3);
        await appending;
        const [stored] = await collect(store.readStream(stream));
        expect(stored!.data).toEqual({ nested: { list: [1, 2] } });
      });

      it('writes nothing when any event of the call is refused', async () => {
        const store = await openStore();
        const stream = newStream();
        const bad = { ...jobSearchStarted(), data: [] as unknown as Record<string, unknown> };
        const error = await rejectionOf(
          store.appendToStream(stream, [jobSearchStarted(), jobSearchStarted(), bad], { expected: 'any' }),
        );
        expect(error).toBeInstanceOf(InvalidEventError);
        expect(error).toMatchObject({ index: 2, path: 'data' });
        await expect(store.appendToStream(stream, numberedEvents(3), { expected: 7n })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect(await store.streamRevision(stream)).toBeUndefined();
        expect(await collect(store.readStream(stream))).toEqual([]);
      });
    });

    describe('idempotency by event id', () => {
      it('a retry returns the original revisions and positions, whatever expected says', async () => {
        const store = await openStore();
        const stream = newStream();
        const events = numberedEvents(3);
        const first = await store.appendToStream(stream, events, { expected: 'noStream' });
        await store.appendToStream(stream, [jobSearchStarted()], { expected: 2n });
        const retried = events.map((event) => ({ ...event, metadata: testMetadata() }));
        for (const expected of ['noStream', 'any', 0n, 2n] as const) {
          const again = await store.appendToStream(stream, retried, { expected });
          expect(again).toEqual({ ...first, alreadyStored: true });
        }
        const subset = await store.appendToStream(stream, [events[1]!], { expected: 'noStream' });
        expect(subset).toMatchObject({
          nextRevision: 1n,
          commitPosition: first.events[1]!.position,
          alreadyStored: true,
        });
        expect(await revisionsOf(store, stream)).toEqual([0n, 1n, 2n, 3n]);
      });

      it('treats an upper-case id as the same id', async () => {
        const store = await openStore();
        const stream = newStream();
        const event = jobSearchStarted();
        const first = await store.appendToStream(stream, [event], { expected: 'noStream' });
        const again = await store.appendToStream(stream, [{ ...event, id: event.id.toUpperCase() }], {
          expected: 'noStream',
        });
        expect(again).toMatchObject({ alreadyStored: true, commitPosition: first.commitPosition });
      });

      it.each<[string, (event: NewEvent) => NewEvent]>([
        ['data', (event) => ({ ...event, data: { ...event.data, changed: true } })],
        ['type', (event) => ({ ...event, type: 'SomethingElse' })],
        ['version', (event) => ({ ...event, version: 2 })],
      ])('refuses a stored id whose %s differs', async (_field, change) => {
        const store = await openStore();
        const stream = newStream();
        const event = jobSearchStarted();
        await store.appendToStream(stream, [event], { expected: 'noStream' });
        const error = await rejectionOf(store.appendToStream(stream, [change(event)], { expected: 'any' }));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect(error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', eventId: event.id, reason: 'contentDiffers' });
        expect(await revisionsOf(store, stream)).toEqual([0n]);
      });

      it('keys ids by stream: the same id in another stream is a separate event', async () => {
        const store = await openStore();
        const [streamA, streamB] = [newStream(), newStream()];
        const event = jobSearchStarted();
        await store.appendToStream(streamA, [event], { expected: 'noStream' });
        const second = await store.appendToStream(streamB, [event], { expected: 'noStream' });
        expect(second.alreadyStored).toBe(false);
        expect(await store.streamRevision(streamB)).toBe(0n);
        const retry = await store.appendToStream(streamB, [event], { expected: 'any' });
        expect(retry).toMatchObject({ alreadyStored: true, commitPosition: second.commitPosition });
      });

      it('refuses a call that mixes stored and new events, and writes none of them', async () => {
        const store = await openStore();
        const stream = newStream();
        const stored = jobSearchStarted();
        await store.appendToStream(stream, [stored], { expected: 'noStream' });
        const fresh = jobSearchStarted();
        for (const events of [
          [stored, fresh],
          [fresh, stored],
        ]) {
          const error = await rejectionOf(store.appendToStream(stream, events, { expected: 'any' }));
          expect(error).toBeInstanceOf(IdempotencyConflictError);
          expect(error).toMatchObject({ reason: 'mixedRetry', eventId: fresh.id });
        }
        expect(await revisionsOf(store, stream)).toEqual([0n]);
      });

      it('refuses the same id twice in one call', async () => {
        const store = await openStore();
        const stream = newStream();
        const event = jobSearchStarted();
        const error = await rejectionOf(store.appendToStream(stream, [event, event], { expected: 'any' }));
        expect(error).toBeInstanceOf(IdempotencyConflictError);
        expect(error).toMatchObject({ reason: 'duplicateInCall', eventId: event.id });
        expect(await store.streamRevision(stream)).toBeUndefined();
      });
    });

    readContract(context);
    subscriptionContract(context);
    validationContract(context);
  });

import { randomUUID } from 'node:crypto';
import {
  MaxAppendSizeExceededError,
  NO_STREAM,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, InvalidEventError, StoreUnavailableError } from '../../../src/eventStore/errors.js';
import { toStoreError, wrongExpectedVersion } from '../../../src/eventStore/kurrentdb/clientErrors.js';
import {
  type ResolvedLike,
  toEventData,
  toStoredEvent,
  toStreamState,
  typesFilter,
} from '../../../src/eventStore/kurrentdb/mapping.js';
import { newEvent } from '../../support/events.js';

const recorded = (overrides: Partial<NonNullable<ResolvedLike['event']>> = {}): ResolvedLike => ({
  event: {
    streamId: 'client-1',
    id: randomUUID(),
    type: 'Noted',
    isJson: true,
    revision: 4n,
    created: new Date('2026-03-02T08:00:00.123Z'),
    data: { n: 1 },
    metadata: { schemaVersion: 1, appendId: randomUUID(), metadata: {} },
    position: { commit: 9_000n, prepare: 9_000n },
    ...overrides,
  },
});

describe('KurrentDB mapping', () => {
  it.each([
    ['any', 'any'],
    ['noStream', 'no_stream'],
    ['streamExists', 'stream_exists'],
    [7n, 7n],
  ] as const)('maps expected %s to streamState %s', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it('stores version and metadata in an envelope and reads them back', () => {
    const event = newEvent('Noted', { text: 'x' }, { id: randomUUID().toUpperCase(), version: 3 });
    const data = toEventData(event, 'append-1');
    expect(data).toMatchObject({ id: event.id.toLowerCase(), type: 'Noted', contentType: 'application/json' });
    expect(data.metadata).toEqual({
      schemaVersion: 3,
      appendId: 'append-1',
      metadata: event.metadata,
      $correlationId: event.metadata?.correlationId,
    });
    const stored = toStoredEvent(recorded({ id: data.id, data: data.data, metadata: data.metadata }));
    expect(stored).toEqual({
      id: event.id.toLowerCase(),
      type: 'Noted',
      version: 3,
      data: { text: 'x' },
      metadata: event.metadata,
      recordedAt: '2026-03-02T08:00:00.123Z',
      stream: 'client-1',
      revision: 4n,
      position: 9_000n,
    });
  });

  it.each([
    ['a system event type', { type: '$metadata' }],
    ['a system stream', { streamId: '$ce-client' }],
    ['a binary event', { isJson: false }],
    ['data that is not an object', { data: [1, 2] }],
  ])('skips %s', (_case, overrides) => {
    expect(toStoredEvent(recorded(overrides))).toBeUndefined();
  });

  it('refuses an event without a log position', () => {
    expect(() => toStoredEvent(recorded({ position: undefined }))).toThrow(StoreUnavailableError);
  });

  it('filters exactly the given types, or every non-system type', () => {
    const filter = typesFilter(['Job.Started', 'Noted']);
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['Job.Started', 'Noted'].every((type) => regex.test(type))).toBe(true);
    expect(['JobXStarted', 'Noted2', 'xNoted', '$metadata'].some((type) => regex.test(type))).toBe(false);
    expect(typesFilter([])).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });
});

describe('KurrentDB errors', () => {
  it('reads the actual revision from a wrong expected version', () => {
    const error = (current: bigint | 'no_stream') =>
      new WrongExpectedVersionError(undefined, { streamName: 'client-1', expected: NO_STREAM, current });
    expect(wrongExpectedVersion(error(3n))).toEqual({ actual: 3n });
    expect(wrongExpectedVersion(error('no_stream'))).toEqual({ actual: undefined });
    expect(wrongExpectedVersion(new Error('other'))).toBeUndefined();
  });

  it('turns client errors into ours, without the client type as cause', () => {
    const unavailable = toStoreError(new UnavailableError(undefined, 'down'), 'appending');
    expect(unavailable).toBeInstanceOf(StoreUnavailableError);
    expect(unavailable.cause).not.toBeInstanceOf(UnavailableError);
    expect(toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(10), 'appending')).toBeInstanceOf(
      InvalidEventError,
    );
    const ours = new ConcurrencyError('client-1', 'noStream', 0n);
    expect(toStoreError(ours, 'appending')).toBe(ours);
  });
});

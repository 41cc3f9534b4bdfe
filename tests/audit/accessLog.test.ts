import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  accessStream,
  CLIENT_DATA_READ,
  CLIENT_DATA_READS,
  createAccessLog,
  daysBetween,
} from '../../src/audit/accessLog.js';
import { fixedClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/eventStore/errors.js';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';

const reader = { subject: 'coach-7', via: 'jwt' };

const counting = (store: EventStore) => {
  const appends: Array<{ stream: string; count: number }> = [];
  const wrapped: EventStore = {
    ...store,
    appendToStream: (stream, events, options) => {
      appends.push({ stream, count: events.length });
      return store.appendToStream(stream, events, options);
    },
  };
  return { store: wrapped, appends };
};

describe('access log', () => {
  it('appends one event per reader and operation, batched per day stream, with who, when, which clients', async () => {
    const { store, appends } = counting(createInMemoryEventStore());
    const clock = fixedClock('2026-11-25T21:30:00.000Z');
    const log = createAccessLog({ store, clock, flushMs: 60_000 });
    const [a, b] = [randomUUID(), randomUUID()];
    log.record(reader, [a, b, a], 'Query.caseload');
    log.record(reader, [b], 'GET /v1/clients/:clientId/state');
    log.record(null, [a], 'Query.client');
    expect(appends).toEqual([]);
    await log.flush();
    expect(appends).toEqual([{ stream: 'audit-access-2026-11-25', count: 2 }]);
    const events = [];
    for await (const event of store.readStream(accessStream('2026-11-25'))) events.push(event);
    expect(events.map((event) => event.type)).toEqual([CLIENT_DATA_READS, CLIENT_DATA_READS]);
    expect(events[0]?.data).toEqual({
      subject: 'coach-7',
      via: 'jwt',
      operation: 'Query.caseload',
      reads: [{ clientIds: [a, b], at: ['2026-11-25T21:30:00.000Z'] }],
    });
    expect(await log.query({ from: '2026-11-24', to: '2026-11-25', clientId: a })).toHaveLength(1);
    expect(await log.query({ from: '2026-11-25', to: '2026-11-25', clientId: b })).toEqual([
      { subject: 'coach-7', via: 'jwt', clientId: b, operation: 'Query.caseload', at: '2026-11-25T21:30:00.000Z' },
      {
        subject: 'coach-7',
        via: 'jwt',
        clientId: b,
        operation: 'GET /v1/clients/:clientId/state',
        at: '2026-11-25T21:30:00.000Z',
      },
    ]);
  });

  it('records every time identical reads were made, in one event per reader and operation', async () => {
    const { store, appends } = counting(createInMemoryEventStore());
    const clock = fixedClock('2026-11-25T09:00:00.000Z');
    const log = createAccessLog({ store, clock, flushMs: 60_000 });
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    log.record(reader, [a, b], 'Query.caseload');
    clock.set('2026-11-25T09:00:01.000Z');
    log.record(reader, [a, b], 'Query.caseload');
    log.record(reader, [c], 'Query.caseload');
    log.record({ subject: 'other', via: 'apiKey' }, [a, b], 'Query.caseload');
    await log.flush();
    expect(appends).toEqual([{ stream: 'audit-access-2026-11-25', count: 2 }]);
    const entries = await log.query({ from: '2026-11-25', to: '2026-11-25', clientId: a });
    expect(entries.map(({ subject, at }) => [subject, at])).toEqual([
      ['coach-7', '2026-11-25T09:00:00.000Z'],
      ['coach-7', '2026-11-25T09:00:01.000Z'],
      ['other', '2026-11-25T09:00:01.000Z'],
    ]);
    expect(await log.query({ from: '2026-11-25', to: '2026-11-25' })).toHaveLength(7);
  });

  it('splits a flush of many reads over events of bounded size, losing none', async () => {
    const { store, appends } = counting(createInMemoryEventStore());
    const log = createAccessLog({ store, clock: fixedClock('2026-11-25T09:00:00.000Z'), flushMs: 60_000 });
    const page = Array.from({ length: 50 }, () => randomUUID());
    for (let i = 0; i < 12_000; i++) log.record(reader, page, 'Query.caseload');
    await log.flush();
    expect(appends.reduce((sum, append) => sum + append.count, 0)).toBeGreaterThan(2);
    const first = page[0] as string;
    expect(await log.query({ from: '2026-11-25', to: '2026-11-25', clientId: first })).toHaveLength(12_000);
  });

  it('keeps the reads it could not append and appends them with the next flush', async () => {
    const inner = createInMemoryEventStore();
    let failures = 1;
    const store: EventStore = {
      ...inner,
      appendToStream: (stream, events, options) =>
        failures-- > 0
          ? Promise.reject(new StoreUnavailableError('disk full'))
          : inner.appendToStream(stream, events, options),
    };
    const errors: unknown[] = [];
    const log = createAccessLog({
      store,
      clock: fixedClock('2026-11-25T09:00:00.000Z'),
      flushMs: 60_000,
      onError: (error) => errors.push(error),
    });
    log.record(reader, ['c-1'], 'Query.client');
    await log.flush();
    expect(errors).toHaveLength(1);
    expect(await log.query({ from: '2026-11-25', to: '2026-11-25' })).toEqual([]);
    log.record(reader, ['c-2'], 'Query.client');
    await log.flush();
    expect((await log.query({ from: '2026-11-25', to: '2026-11-25' })).map((entry) => entry.clientId)).toEqual([
      'c-1',
      'c-2',
    ]);
    await log.close();
  });

  it('still reads entries recorded one client per event by earlier versions', async () => {
    const store = createInMemoryEventStore();
    const log = createAccessLog({ store, clock: fixedClock('2026-11-25T09:00:00.000Z') });
    const entry = {
      subject: 's',
      via: 'apiKey',
      clientId: 'c-1',
      operation: 'Query.client',
      at: '2026-11-25T08:00:00Z',
    };
    await store.appendToStream(
      accessStream('2026-11-25'),
      [{ id: randomUUID(), type: CLIENT_DATA_READ, data: entry }],
      {
        expected: 'any',
      },
    );
    expect(await log.query({ from: '2026-11-25', to: '2026-11-25' })).toEqual([entry]);
  });

  it('files reads under the Helsinki date and flushes what is left on close', async () => {
    const store = createInMemoryEventStore();
    const clock = fixedClock('2026-11-25T22:30:00.000Z');
    const log = createAccessLog({ store, clock, flushMs: 60_000 });
    log.record(reader, [randomUUID()], 'Query.client');
    await log.close();
    expect(await log.query({ from: '2026-11-26', to: '2026-11-26' })).toHaveLength(1);
    log.record(reader, [randomUUID()], 'Query.client');
    await log.flush();
    expect(await log.query({ from: '2026-11-26', to: '2026-11-26' })).toHaveLength(1);
  });

  it('never fails the read when the store refuses the append', async () => {
    const failures: unknown[] = [];
    const store: EventStore = {
      ...createInMemoryEventStore(),
      appendToStream: () => Promise.reject(new Error('disk full')),
    };
    const log = createAccessLog({
      store,
      clock: fixedClock('2026-11-25T09:00:00.000Z'),
      onError: (e) => failures.push(e),
    });
    expect(() => log.record(reader, [randomUUID()], 'Query.client')).not.toThrow();
    await expect(log.flush()).resolves.toBeUndefined();
    expect(failures).toHaveLength(1);
  });

  it('lists the days of a range', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysBetween('2026-03-02', '2026-03-01')).toEqual([]);
  });
});

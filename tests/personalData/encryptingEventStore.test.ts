import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withHashChain } from '../../src/audit/hashChain.js';
import { verifyLog } from '../../src/audit/verifyLog.js';
import type { EventStore, StoredEvent } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { DataKeyCache } from '../../src/personalData/dataKeyCache.js';
import { PersonalDataErasedError } from '../../src/personalData/dataKeyStore.js';
import { withPersonalDataEncryption } from '../../src/personalData/encryptingEventStore.js';
import { createInMemoryDataKeyStore } from '../../src/personalData/inMemoryDataKeyStore.js';
import { isSealed } from '../../src/personalData/personalDataCipher.js';

const person = {
  birthDate: '1987-04-12',
  homeMunicipality: '564',
  motherTongue: 'sv',
  citizenship: 'SE',
  earningsRelatedAllowanceEligible: false,
};
const started = (id = randomUUID()) => ({
  id,
  type: 'JobSearchStarted',
  data: { startedOn: '2026-01-05', employmentStatus: 'UNEMPLOYED', registeredBy: 'employment-area:oulu', person },
});
const moved = {
  id: randomUUID(),
  type: 'HomeMunicipalityChanged',
  data: { municipality: '179', effectiveOn: '2026-02-01' },
};
const coach = { id: randomUUID(), type: 'CoachAssigned', data: { coachId: 'staff-1', assignedOn: '2026-01-06' } };

const collect = async (events: AsyncIterable<StoredEvent>) => {
  const all: StoredEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
};

const setUp = () => {
  const stored: EventStore = withHashChain(createInMemoryEventStore());
  const keys = new DataKeyCache(createInMemoryDataKeyStore());
  return { stored, keys, store: withPersonalDataEncryption(stored, keys) };
};

describe('personal-data encryption in front of the event store', () => {
  it('stores the personal fields sealed and reads them back in clear, on every read path', async () => {
    const { stored, store } = setUp();
    await store.appendToStream('client-a', [started(), moved, coach], { expected: 'noStream' });
    const raw = await collect(stored.readStream('client-a'));
    const rawData = JSON.stringify(raw.map((event) => event.data));
    expect(rawData).not.toContain('1987-04-12');
    expect(rawData).not.toContain('"179"');
    expect(isSealed(raw[0]?.data.person)).toBe(true);
    expect(raw[1]?.data).toEqual({
      effectiveOn: '2026-02-01',
      person: expect.objectContaining({ $enc: 'A256GCM-SIV1' }),
    });
    expect(raw[2]?.data).toEqual(coach.data);
    const read = await collect(store.readStream('client-a'));
    expect(read.map((e) => e.data)).toEqual([started().data, moved.data, coach.data]);
    expect((await collect(store.readAll())).map((e) => e.data)).toEqual(read.map((e) => e.data));
    const subscription = store.subscribeToAll();
    const live: StoredEvent[] = [];
    for await (const event of subscription) {
      live.push(event);
      if (live.length === 3) break;
    }
    await subscription.close();
    expect(live.map((e) => e.data)).toEqual(read.map((e) => e.data));
  });

  it('keeps idempotent retries idempotent: the same event seals to the same stored bytes', async () => {
    const { store } = setUp();
    const event = started();
    const first = await store.appendToStream('client-a', [event], { expected: 'noStream' });
    const retry = await store.appendToStream('client-a', [event], { expected: 'noStream' });
    expect(retry.alreadyStored).toBe(true);
    expect(retry.events).toEqual(first.events);
  });

  it('reads personal fields as null once the key is destroyed, while the hash chain still verifies', async () => {
    const { stored, keys, store } = setUp();
    await store.appendToStream('client-a', [started(), moved], { expected: 'noStream' });
    await store.appendToStream('client-b', [started()], { expected: 'noStream' });
    const before = await collect(stored.readAll());
    expect(await keys.destroy('a')).toBe(true);
    const [erasedStart, erasedMove] = await collect(store.readStream('client-a'));
    expect(erasedStart?.data).toEqual({ ...started().data, person: null });
    expect(erasedMove?.data).toEqual({ effectiveOn: '2026-02-01', municipality: null });
    expect((await collect(store.readStream('client-b')))[0]?.data.person).toEqual(person);
    expect(await collect(stored.readAll())).toEqual(before);
    const report = await verifyLog(stored, { publicKeys: [] });
    expect(report.ok).toBe(true);
    expect(report.eventsChecked).toBe(3);
    await expect(store.appendToStream('client-a', [started()], { expected: 'any' })).rejects.toBeInstanceOf(
      PersonalDataErasedError,
    );
  });

  it('passes other streams and events without personal fields through untouched', async () => {
    const { stored, store } = setUp();
    await store.appendToStream('audit-access-2026-01-05', [{ id: randomUUID(), type: 'X', data: { person: 'p' } }], {
      expected: 'any',
    });
    await store.appendToStream('client-c', [coach], { expected: 'any' });
    const raw = await collect(stored.readAll());
    expect(raw.map((e) => e.data)).toEqual([{ person: 'p' }, coach.data]);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createCheckpointer } from '../../src/audit/checkpointer.js';
import { CHECKPOINT_STREAM, checkpointSignatureValid, parseCheckpoint } from '../../src/audit/checkpointRecord.js';
import { withHashChain } from '../../src/audit/hashChain.js';
import { reportToJson } from '../../src/audit/logVerifier.js';
import { generateSigningKey, keyIdOf, publicKeyToPem } from '../../src/audit/signing.js';
import { StreamHeads } from '../../src/audit/streamHeads.js';
import { verifyLog } from '../../src/audit/verifyLog.js';
import { fixedClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/eventStore/errors.js';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import { numberedEvents } from '../support/events.js';
import { adapters, collect, seedClients, tempDirectory } from './support.js';

const directory = tempDirectory('audit-checkpoints-');
const clock = fixedClock('2026-03-02T08:00:00.000Z');

const start = (store: EventStore, everyEvents = 1_000_000) => {
  const signingKey = generateSigningKey();
  const checkpointer = createCheckpointer({ store, signingKey, everyEvents, everyMs: 0, clock });
  onTestFinished(() => checkpointer.close());
  return { signingKey, checkpointer };
};

const checkpointsOf = async (store: EventStore) =>
  (await collect(store.readStream(CHECKPOINT_STREAM))).map((event) => parseCheckpoint(event.data)!);

describe.each(adapters(directory))('signed checkpoints on the $name adapter', ({ open }) => {
  it('states position, count, streams and Merkle root, signed, and the log verifies', async () => {
    const store = withHashChain(open().store);
    const { signingKey, checkpointer } = start(store);
    const streams = [randomUUID(), randomUUID(), randomUUID()].map((id) => `client-${id}`);
    await seedClients(store, streams, 3);
    const first = await checkpointer.checkpointNow();
    expect(first).toMatchObject({ position: '9', eventCount: '9', streamCount: 3, keyId: keyIdOf(signingKey) });
    expect(await checkpointer.checkpointNow()).toBeUndefined();
    await seedClients(store, streams.slice(0, 1), 2);
    const second = await checkpointer.checkpointNow();
    expect(second).toMatchObject({ position: '12', eventCount: '12', streamCount: 4 });
    const records = await checkpointsOf(store);
    expect(records).toEqual([first, second]);
    for (const record of records) expect(checkpointSignatureValid(record, signingKey)).toBe(true);
    const [firstEvent] = await collect(store.readStream(CHECKPOINT_STREAM));
    expect(second!.previousCheckpointHash).toBe(firstEvent!.metadata.hash);

    const report = await verifyLog(store, { publicKeys: [publicKeyToPem(signingKey)] });
    expect(report).toMatchObject({
      ok: true,
      scope: 'full',
      eventsChecked: 13,
      streamsChecked: 4,
      checkpointsChecked: 2,
      lastCheckpoint: { position: 12n, eventCount: 12n },
      eventsAfterLastCheckpoint: 1n,
    });
    expect(report.firstBreak).toBeUndefined();
  });

  it('follows the log again after its subscription fails, and checkpoints nothing from stale heads meanwhile', async () => {
    const store = withHashChain(open().store);
    let failNext = true;
    const flaky: EventStore = {
      ...store,
      subscribeToAll: (subscribeOptions) => {
        const subscription = store.subscribeToAll(subscribeOptions);
        if (!failNext) return subscription;
        failNext = false;
        return {
          close: () => subscription.close(),
          [Symbol.asyncIterator]: () => ({
            next: () => Promise.reject(new StoreUnavailableError('the store went away')),
          }),
        };
      },
    };
    const errors: unknown[] = [];
    const checkpointer = createCheckpointer({
      store: flaky,
      signingKey: generateSigningKey(),
      everyMs: 0,
      clock,
      onError: (error) => errors.push(error),
    });
    onTestFinished(() => checkpointer.close());
    const stream = `client-${randomUUID()}`;
    await seedClients(store, [stream], 3);
    const record = await checkpointer.checkpointNow();
    expect(errors).toEqual([expect.any(StoreUnavailableError)]);
    expect(record).toMatchObject({ position: '3', eventCount: '3', streamCount: 1 });
  });

  it('writes a checkpoint every N events on its own', async () => {
    const store = withHashChain(open().store);
    const { checkpointer } = start(store, 5);
    const stream = `client-${randomUUID()}`;
    for (let i = 0; i < 12; i++) await store.appendToStream(stream, numberedEvents(1), { expected: 'any' });
    await checkpointer.checkpointNow();
    const records = await checkpointsOf(store);
    expect(records.length).toBeGreaterThanOrEqual(2);
    const positions = records.map((r) => BigInt(r.position));
    expect(positions).toEqual([...positions].sort((x, y) => (x < y ? -1 : 1)));
    expect(positions[0]).toBe(5n);
  });

  it('writes a checkpoint after everyMs when events arrived, and none when nothing did', async () => {
    const store = withHashChain(open().store);
    const signingKey = generateSigningKey();
    const checkpointer = createCheckpointer({ store, signingKey, everyEvents: 1_000, everyMs: 5, clock });
    onTestFinished(() => checkpointer.close());
    await store.appendToStream(`client-${randomUUID()}`, numberedEvents(2), { expected: 'noStream' });
    await vi.waitFor(async () => expect(await checkpointsOf(store)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await checkpointsOf(store)).toHaveLength(1);
  });

  it('resumes after a restart: the next checkpoint chains to the last one', async () => {
    const { store: raw } = open();
    const store = withHashChain(raw);
    const signingKey = generateSigningKey();
    const first = createCheckpointer({ store, signingKey, everyEvents: 1_000, everyMs: 0, clock });
    await seedClients(store, [`client-${randomUUID()}`], 3);
    await first.checkpointNow();
    await first.close();
    await seedClients(store, [`client-${randomUUID()}`], 2);
    const heads = new StreamHeads();
    const second = createCheckpointer({ store, signingKey, everyEvents: 1_000, everyMs: 0, clock, heads });
    onTestFinished(() => second.close());
    expect(await second.checkpointNow()).toMatchObject({ position: '6', eventCount: '6', streamCount: 3 });
    expect(heads.position).toBeGreaterThanOrEqual(6n);
    expect(await verifyLog(store, { publicKeys: [signingKey] })).toMatchObject({ ok: true, checkpointsChecked: 2 });
  });

  it('verifies one client: its chain and the checkpoints', async () => {
    const store = withHashChain(open().store);
    const { signingKey, checkpointer } = start(store);
    const [a, b] = [randomUUID(), randomUUID()];
    await seedClients(store, [`client-${a}`, `client-${b}`], 3);
    await checkpointer.checkpointNow();
    const report = await verifyLog(store, { publicKeys: [signingKey], client: a.toUpperCase() });
    expect(report).toMatchObject({
      ok: true,
      scope: 'partial',
      eventsChecked: 4,
      streamsChecked: 2,
      checkpointsChecked: 1,
    });
  });

  it('reports a checkpoint signed by an unknown key or forged', async () => {
    const store = withHashChain(open().store);
    const { checkpointer } = start(store);
    await seedClients(store, [`client-${randomUUID()}`], 2);
    await checkpointer.checkpointNow();
    const report = await verifyLog(store, { publicKeys: [generateSigningKey()] });
    expect(report.firstBreak).toMatchObject({
      reason: 'CHECKPOINT_KEY_UNKNOWN',
      position: 3n,
      stream: CHECKPOINT_STREAM,
    });
    const forger = generateSigningKey();
    const forged = createCheckpointer({ store, signingKey: forger, everyEvents: 1_000, everyMs: 0, clock });
    await seedClients(store, [`client-${randomUUID()}`], 1);
    await forged.checkpointNow();
    await forged.close();
    expect((await verifyLog(store, { publicKeys: [forger] })).firstBreak).toMatchObject({
      reason: 'CHECKPOINT_KEY_UNKNOWN',
      position: 3n,
    });
  });
});

describe('verification report as JSON', () => {
  it('writes positions as decimal strings', () => {
    expect(
      reportToJson({
        ok: false,
        scope: 'full',
        eventsChecked: 1,
        streamsChecked: 1,
        checkpointsChecked: 0,
        firstBreak: { position: 12n, revision: 3n, reason: 'HASH_MISMATCH', detail: 'x' },
      }),
    ).toEqual({
      ok: false,
      scope: 'full',
      eventsChecked: 1,
      streamsChecked: 1,
      checkpointsChecked: 0,
      firstBreak: { position: '12', revision: '3', reason: 'HASH_MISMATCH', detail: 'x' },
    });
  });
});

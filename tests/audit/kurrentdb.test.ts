import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createCheckpointer } from '../../src/audit/checkpointer.js';
import { withHashChain } from '../../src/audit/hashChain.js';
import { generateSigningKey } from '../../src/audit/signing.js';
import { verifyStreamChain } from '../../src/audit/streamChain.js';
import { verifyLog } from '../../src/audit/verifyLog.js';
import { fixedClock } from '../../src/clock.js';
import { createKurrentDbEventStore } from '../../src/eventStore/kurrentdb/kurrentDbEventStore.js';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';
import { eventStoreContract } from '../eventStore/contract.js';
import { kurrentdbUrl, skipKurrentDb } from '../support/kurrentdb.js';
import { collect, seedClients } from './support.js';

const skip = skipKurrentDb('the hash-chained KurrentDB tests');

describe.skipIf(skip)(`hash chain on KurrentDB ${KURRENTDB_IMAGE}`, () => {
  const open = async () => withHashChain(await createKurrentDbEventStore({ connectionString: kurrentdbUrl ?? '' }));

  eventStoreContract('hash-chained KurrentDB', open, { consecutivePositions: false });

  it('chains, checkpoints and verifies the log', async () => {
    const store = await open();
    const signingKey = generateSigningKey();
    const clock = fixedClock('2026-03-02T08:00:00.000Z');
    const checkpointer = createCheckpointer({ store, signingKey, everyEvents: 1_000_000, everyMs: 0, clock });
    onTestFinished(async () => {
      await checkpointer.close();
      await store.close();
    });
    const streams = [randomUUID(), randomUUID()].map((id) => `client-${id}`);
    await seedClients(store, streams, 3);
    expect(await checkpointer.checkpointNow()).toBeDefined();
    expect(verifyStreamChain(await collect(store.readStream(streams[0]!))).ok).toBe(true);
    const report = await verifyLog(store, { publicKeys: [signingKey] });
    expect(report).toMatchObject({ ok: true, checkpointsChecked: 1 });
  });
});

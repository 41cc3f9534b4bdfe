import { randomUUID } from 'node:crypto';
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer, Wait } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createCheckpointer } from '../../src/audit/checkpointer.js';
import { withHashChain } from '../../src/audit/hashChain.js';
import { generateSigningKey } from '../../src/audit/signing.js';
import { verifyStreamChain } from '../../src/audit/streamChain.js';
import { verifyLog } from '../../src/audit/verifyLog.js';
import { fixedClock } from '../../src/clock.js';
import { createKurrentDbEventStore } from '../../src/eventStore/kurrentdb/kurrentDbEventStore.js';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';
import { eventStoreContract } from '../eventStore/contract.js';
import { collect, seedClients } from './support.js';

const noRuntime = await getContainerRuntimeClient().then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (noRuntime !== undefined)
  console.warn(`Skipping the hash-chained KurrentDB tests: no container runtime here (${noRuntime}).`);

describe.skipIf(noRuntime !== undefined)(`hash chain on KurrentDB ${KURRENTDB_IMAGE}`, () => {
  let container: StartedTestContainer | undefined;
  let connectionString = '';
  const open = async () => withHashChain(await createKurrentDbEventStore({ connectionString }));

  beforeAll(async () => {
    container = await new GenericContainer(KURRENTDB_IMAGE)
      .withExposedPorts(2113)
      .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true' })
      .withWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(120_000)
      .start();
    connectionString = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  });
  afterAll(async () => {
    await container?.stop();
  });

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

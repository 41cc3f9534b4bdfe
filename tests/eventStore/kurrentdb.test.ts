import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { IdempotencyConflictError, StoreUnavailableError } from '../../src/eventStore/errors.js';
import { probeKurrentDb } from '../../src/eventStore/kurrentdb/client.js';
import { createKurrentDbEventStore } from '../../src/eventStore/kurrentdb/kurrentDbEventStore.js';
import { StoreTimeoutError } from '../../src/eventStore/kurrentdb/timeout.js';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';
import { jobSearchStarted } from '../support/events.js';
import { kurrentdbUrl, skipKurrentDb } from '../support/kurrentdb.js';
import { eventStoreContract } from './contract.js';
import { collect, newStream, rejectionOf, revisionsOf } from './support/contractHelpers.js';

const skip = skipKurrentDb('the KurrentDB container tests');

describe.skipIf(skip)(`KurrentDB ${KURRENTDB_IMAGE} in a container`, () => {
  const open = () => createKurrentDbEventStore({ connectionString: kurrentdbUrl ?? '' });

  eventStoreContract('KurrentDB', open, { consecutivePositions: false });

  describe('KurrentDB specifics', () => {
    const openStore = async () => {
      const store = await open();
      onTestFinished(() => store.close());
      return store;
    };

    it('recognises a retry sent with the new head as expected revision (KurrentDB would append it again)', async () => {
      const store = await openStore();
      const stream = newStream();
      const event = jobSearchStarted();
      const first = await store.appendToStream(stream, [event], { expected: 'noStream' });
      const again = await store.appendToStream(stream, [event], { expected: 0n });
      expect(again).toEqual({ ...first, alreadyStored: true });
      expect(await revisionsOf(store, stream)).toEqual([0n]);
    });

    it('refuses a changed event that KurrentDB would silently take for a retry', async () => {
      const store = await openStore();
      const stream = newStream();
      const event = jobSearchStarted();
      await store.appendToStream(stream, [event], { expected: 'noStream' });
      const changed = { ...event, data: { ...event.data, changed: true } };
      const error = await rejectionOf(store.appendToStream(stream, [changed], { expected: 'noStream' }));
      expect(error).toBeInstanceOf(IdempotencyConflictError);
      expect(error).toMatchObject({ reason: 'contentDiffers', eventId: event.id });
    });

    it("hides KurrentDB's own records from the global log", async () => {
      const store = await openStore();
      await store.appendToStream(newStream(), [jobSearchStarted()], { expected: 'noStream' });
      const all = await collect(store.readAll());
      expect(all.length).toBeGreaterThan(0);
      expect(all.filter((event) => event.type.startsWith('$') || event.stream.startsWith('$'))).toEqual([]);
    });
  });
});

/** Accepts TCP connections and never answers, like a hung server behind a live load balancer. */
const silentServer = async (): Promise<{ port: number; sockets: Set<Socket> }> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    server.close();
    await once(server, 'close');
  });
  return { port: (server.address() as { port: number }).port, sockets };
};

const closedPort = async (): Promise<number> => {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
};

/**
 * Runs `createKurrentDbEventStore` in a child process and waits for that process to exit on its own:
 * it cannot while the client still holds a live handle (the test then times out).
 */
const connectInChild = async (connectionString: string, timeoutMs: number): Promise<{ name: string; code: string }> => {
  const adapter = new URL('../../src/eventStore/kurrentdb/kurrentDbEventStore.ts', import.meta.url).href;
  const script = `import { createKurrentDbEventStore } from ${JSON.stringify(adapter)};
    try {
      await createKurrentDbEventStore({ connectionString: ${JSON.stringify(connectionString)}, timeoutMs: ${timeoutMs} });
      console.log(JSON.stringify({ name: 'connected', code: '' }));
    } catch (error) {
      console.log(JSON.stringify({ name: error.name, code: error.code }));
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const [exitCode] = await once(child, 'exit');
  expect(exitCode).toBe(0);
  return JSON.parse(output.trim()) as { name: string; code: string };
};

describe('KurrentDB connection failures', () => {
  it('gives up on a silent server after our timeout and leaves nothing that keeps the process alive', async () => {
    const { port, sockets } = await silentServer();
    const outcome = await connectInChild(`kurrentdb://127.0.0.1:${port}?tls=false`, 1_000);
    expect(outcome).toEqual({ name: 'StoreTimeoutError', code: 'STORE_UNAVAILABLE' });
    expect(sockets.size).toBeGreaterThan(0);
  });

  it('the readiness probe gives up on a silent server with StoreUnavailableError', async () => {
    const { port } = await silentServer();
    const error = await rejectionOf(probeKurrentDb(`kurrentdb://127.0.0.1:${port}?tls=false`, 500));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toBeInstanceOf(StoreTimeoutError);
  });

  it('fails on a refused connection without waiting for the timeout', async () => {
    const connectionString = `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`;
    const error = await rejectionOf(createKurrentDbEventStore({ connectionString, timeoutMs: 600_000 }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).not.toBeInstanceOf(StoreTimeoutError);
  });

  it('refuses a malformed connection string with StoreUnavailableError', async () => {
    const error = await rejectionOf(createKurrentDbEventStore({ connectionString: 'postgres://nowhere' }));
    expect(error).toBeInstanceOf(StoreUnavailableError);
  });
});

describe('docker-compose.yml', () => {
  it('runs the KurrentDB image the adapter is tested with', () => {
    const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    const images = compose.match(/kurrentplatform\/kurrentdb[^\s"']*/g) ?? [];
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([KURRENTDB_IMAGE]));
  });
});

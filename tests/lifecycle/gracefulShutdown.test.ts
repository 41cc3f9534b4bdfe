import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { wire } from '../support/clientEvents.js';
import { bearer } from '../support/testToken.js';
import { type ServeProcess, startServeProcess } from './serveProcess.js';

const cleanUp = (server: ServeProcess) =>
  onTestFinished(async () => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  });

const storedIds = async (dataDir: string): Promise<string[]> => {
  const store = createSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const ids: string[] = [];
    for await (const event of store.readAll()) ids.push(event.id);
    return ids;
  } finally {
    await store.close();
  }
};

describe('serve shuts down gracefully', () => {
  it('on SIGTERM under load: every acknowledged event is stored exactly once, and the exit code is 0', async () => {
    const server = await startServeProcess();
    cleanUp(server);
    const acknowledged: string[] = [];
    const refusals: Array<number | 'connection closed'> = [];
    let signalled: () => void = () => {};
    const enoughAcknowledged = new Promise<void>((resolve) => {
      signalled = resolve;
    });

    const worker = async (): Promise<void> => {
      for (;;) {
        const events = [wire.jobSearchStarted(), wire.coachAssigned()];
        try {
          const response = await fetch(`${server.url}/v1/clients/${randomUUID()}/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...bearer() },
            body: JSON.stringify({ events }),
          });
          await response.arrayBuffer();
          if (response.status >= 200 && response.status < 300) {
            acknowledged.push(...events.map((e) => e.id));
            if (acknowledged.length >= 60) signalled();
          } else {
            refusals.push(response.status);
            return;
          }
        } catch {
          refusals.push('connection closed');
          return;
        }
      }
    };

    const workers = Array.from({ length: 8 }, worker);
    await enoughAcknowledged;
    server.child.kill('SIGTERM');
    await Promise.all(workers);
    expect(await server.exited).toBe(0);

    expect(refusals).toHaveLength(8);
    for (const refusal of refusals) expect([503, 'connection closed']).toContain(refusal);
    const stored = await storedIds(server.dataDir);
    const counts = new Map<string, number>();
    for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of acknowledged) expect(counts.get(id.toLowerCase())).toBe(1);
    expect(new Set(stored).size).toBe(stored.length);
    expect(server.logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(server.logs.at(-1)?.msg).toBe('stopped');
  });

  it('on SIGINT when idle, and logs each request with its request id', async () => {
    const server = await startServeProcess();
    cleanUp(server);
    const requestId = `lifecycle-${randomUUID()}`;
    const response = await fetch(`${server.url}/v1/clients/${randomUUID()}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...bearer() },
      body: JSON.stringify({ events: [wire.jobSearchStarted()] }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    const lines = server.logs.filter((l) => l.reqId === requestId);
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(lines.every((l) => l.service === 'jobseeker-ledger' && typeof l.time === 'string')).toBe(true);
  });
});

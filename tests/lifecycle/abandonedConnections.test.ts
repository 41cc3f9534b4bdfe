import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { wire } from '../support/clientEvents.js';
import { bearer } from '../support/testToken.js';
import { type ServeProcess, startServeProcess } from './serveProcess.js';

const cleanUp = (server: ServeProcess, sockets: Set<Socket>) =>
  onTestFinished(async () => {
    for (const socket of sockets) socket.destroy();
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
    rmSync(server.dataDir, { recursive: true, force: true });
  });

/** The raw bytes of `POST /v1/clients/{id}/events` with a two-event body; `head` ends with the blank line. */
const postBytes = (): { head: string; body: string } => {
  const body = JSON.stringify({ events: [wire.jobSearchStarted(), wire.coachAssigned()] });
  const head =
    `POST /v1/clients/${randomUUID()}/events HTTP/1.1\r\nhost: ledger\r\ncontent-type: application/json\r\n` +
    `authorization: ${bearer().authorization}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;
  return { head, body };
};

type Abandon =
  | 'reset mid-body'
  | 'close mid-body'
  | 'close before the answer'
  | 'vanish mid-body'
  | 'vanish mid-headers';

/**
 * Opens a connection and abandons a POST: destroyed (RST) or ended (FIN) mid-body, destroyed right after the whole
 * body, or left open without another byte, as a client whose host vanished leaves it (no FIN or RST ever arrives).
 */
const abandonPost = (url: URL, how: Abandon, sockets: Set<Socket>): Promise<void> =>
  new Promise((resolve) => {
    const { head, body } = postBytes();
    const socket = connect(Number(url.port), url.hostname);
    sockets.add(socket);
    socket.on('error', () => resolve());
    socket.on('close', () => sockets.delete(socket));
    socket.on('connect', () => {
      if (how === 'vanish mid-headers') socket.write(head.slice(0, 60), () => resolve());
      else if (how === 'vanish mid-body') socket.write(head + body.slice(0, 40), () => resolve());
      else if (how === 'close before the answer') socket.write(head + body, () => resolve(void socket.destroy()));
      else
        socket.write(head + body.slice(0, body.length / 2), () => {
          if (how === 'reset mid-body') socket.resetAndDestroy();
          else socket.end();
          resolve();
        });
    });
  });

describe('serve shuts down gracefully with abandoned connections', () => {
  it('after many aborted POSTs, with stalled uploads, idle keep-alives and a live subscription: exit 0 and "stopped"', async () => {
    const server = await startServeProcess({ LEDGER_SHUTDOWN_TIMEOUT_MS: '8000' });
    const sockets = new Set<Socket>();
    cleanUp(server, sockets);
    const url = new URL(server.url);
    const kinds: Abandon[] = ['reset mid-body', 'close mid-body', 'close before the answer'];
    for (let round = 0; round < 10; round++)
      await Promise.all(Array.from({ length: 24 }, (_, i) => abandonPost(url, kinds[i % kinds.length]!, sockets)));
    for (let i = 0; i < 4; i++) await abandonPost(url, i % 2 === 0 ? 'vanish mid-body' : 'vanish mid-headers', sockets);

    const answered = await fetch(`${server.url}/v1/clients/${randomUUID()}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer() },
      body: JSON.stringify({ events: [wire.jobSearchStarted()] }),
    });
    expect(answered.status).toBe(201);
    await answered.arrayBuffer();

    const subscription = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const acknowledged = new Promise<void>((resolve, reject) => {
      subscription.on('message', (raw) => {
        const message = JSON.parse(String(raw)) as { type: string };
        if (message.type !== 'connection_ack') return;
        subscription.send(
          JSON.stringify({
            id: '1',
            type: 'subscribe',
            payload: { query: 'subscription { clientChanged { clientId } }' },
          }),
        );
        resolve();
      });
      subscription.on('error', reject);
    });
    subscription.on('open', () => subscription.send(JSON.stringify({ type: 'connection_init', payload: bearer() })));
    await acknowledged;
    onTestFinished(() => subscription.terminate());

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(server.logs.some((l) => String(l.msg).startsWith('killed by timeout'))).toBe(false);
    const dropped = server.logs.find((l) => l.msg === 'dropped connections still open after half the shutdown timeout');
    expect(dropped?.connections).toBeGreaterThanOrEqual(4);
    expect(server.logs.at(-1)?.msg).toBe('stopped');
  }, 90_000);
});

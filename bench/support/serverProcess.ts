import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { openService } from '../../src/service.js';
import type { ServerCommand, ServerReply } from './serverProtocol.js';

/**
 * The service in its own process, as in production, so that the load generator (autocannon, the importer) does
 * not share its event loop. The parent talks to it over IPC (see benchServer.ts).
 */
const send = (message: ServerReply | { ready: string }) => process.send?.(message);

const main = async () => {
  const config = loadConfig({ LOG_LEVEL: 'warn', NODE_ENV: 'production', ...process.env });
  const now = process.env.BENCH_NOW ?? '2026-06-30T09:00:00.000Z';
  const service = await openService(config, {
    clock: fixedClock(now),
    identityKey: process.env.BENCH_IDENTITY_KEY ?? randomBytes(32).toString('hex'),
    breachTickIntervalMs: 0,
  });
  await service.start();
  const url = await service.app.listen({ host: '127.0.0.1', port: 0 });

  /** Polls the runner until every active projection has applied the head (a failed one ends the wait). */
  const caughtUp = async (timeoutMs: number) => {
    const started = performance.now();
    const head = await service.eventStore.headPosition();
    for (;;) {
      const active = (await service.runner.status()).filter((s) => s.active);
      const failed = active.filter((s) => s.state === 'failed').map((s) => s.name);
      if (failed.length > 0) throw new Error(`projections failed: ${failed.join(', ')}`);
      const reached = active.length > 0 && active.every((s) => s.position >= head);
      const seconds = (performance.now() - started) / 1000;
      if (reached || seconds * 1000 > timeoutMs) return { reached, head: head.toString(), seconds };
      await sleep(50);
    }
  };

  const handle = async (command: ServerCommand): Promise<unknown> => {
    switch (command.cmd) {
      case 'caughtUp':
        return caughtUp(command.timeoutMs);
      case 'memory': {
        const memory = process.memoryUsage();
        return { rss: memory.rss, heapUsed: memory.heapUsed, maxRss: process.resourceUsage().maxRSS * 1024 };
      }
      case 'head':
        return (await service.eventStore.headPosition()).toString();
      case 'gc':
        globalThis.gc?.();
        return globalThis.gc !== undefined;
      case 'close':
        await service.close();
        setImmediate(() => process.exit(0));
        return true;
    }
  };

  process.on('message', (command: ServerCommand) => {
    handle(command).then(
      (value) => send({ id: command.id, ok: true, value }),
      (error: unknown) =>
        send({
          id: command.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        }),
    );
  });
  process.on('disconnect', () => {
    service.close().finally(() => process.exit(0));
  });
  send({ ready: url });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import type { Server } from 'node:http';
import closeWithGrace from 'close-with-grace';
import { assertProductionSecrets } from '../api/auth/productionSecrets.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config/config.js';
import { openService } from '../service.js';
import { defineCommand } from './command.js';
import { secretOrDevelopmentKey } from './secrets.js';
import { HS256_KEY_FILE } from './token.js';

/**
 * Lets in-flight requests finish for `graceMs`, then drops every connection still open. server.close() drops idle
 * keep-alive connections only once, so the sweep drops those that turn idle later. A client that vanished
 * mid-request (its FIN or RST never arrives) or stalls its upload keeps a connection busy until Node's request
 * timeout, minutes past the shutdown bound: past `graceMs` it is cut. Returns the function that stops both timers.
 */
const drainConnections = (server: Server, graceMs: number, onCut: (open: number) => void): (() => void) => {
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(
    () =>
      server.getConnections((_error, open) => {
        server.closeAllConnections();
        if (open > 0) onCut(open);
      }),
    graceMs,
  );
  return () => {
    clearInterval(sweep);
    clearTimeout(cut);
  };
};

/**
 * `jobseeker-ledger serve`: opens the stores and starts the HTTP server. On SIGTERM/SIGINT it stops accepting
 * connections, lets in-flight requests finish for up to half of LEDGER_SHUTDOWN_TIMEOUT_MS (then drops the
 * connections left), closes the stores and exits 0; past LEDGER_SHUTDOWN_TIMEOUT_MS it exits 1.
 */
export const serve = async (config: Config): Promise<void> => {
  assertProductionSecrets(config);
  const notes: string[] = [];
  const identityKey = secretOrDevelopmentKey(
    config,
    config.LEDGER_IDENTITY_KEY,
    'LEDGER_IDENTITY_KEY',
    'identity.key',
    (m) => notes.push(m),
  );
  const developmentJwtSecret =
    config.NODE_ENV === 'production' || config.LEDGER_JWT_HS256_SECRET
      ? undefined
      : secretOrDevelopmentKey(config, undefined, 'LEDGER_JWT_HS256_SECRET', HS256_KEY_FILE, (m) => notes.push(m));
  const service = await openService(config, {
    clock: systemClock,
    identityKey,
    announce: (m) => notes.push(m),
    ...(developmentJwtSecret ? { developmentJwtSecret } : {}),
  });
  const { app, eventStore } = service;
  for (const note of notes) app.log.warn(note);
  const grace = closeWithGrace(
    {
      delay: config.LEDGER_SHUTDOWN_TIMEOUT_MS,
      logger: {
        error: (problem: unknown) =>
          typeof problem === 'string' ? app.log.error(problem) : app.log.error({ err: problem }, 'shutdown failed'),
      },
    },
    async ({ signal, err }) => {
      if (err) app.log.error({ err }, 'shutting down after an error');
      else app.log.info({ signal }, 'shutting down');
      const stopDraining = drainConnections(app.server, config.LEDGER_SHUTDOWN_TIMEOUT_MS / 2, (open) =>
        app.log.warn({ connections: open }, 'dropped connections still open after half the shutdown timeout'),
      );
      try {
        await service.close();
      } finally {
        stopDraining();
      }
      app.log.info('stopped');
    },
  );
  let url: string;
  try {
    await service.start();
    url = await app.listen({ host: config.LEDGER_HOST, port: config.LEDGER_PORT });
  } catch (error) {
    grace.uninstall();
    await service.close();
    throw error;
  }
  app.log.info({ url, store: eventStore.kind, dataDir: config.LEDGER_DATA_DIR }, 'jobseeker-ledger is serving');
};

export const serveCommand = defineCommand({
  usage: 'serve',
  description:
    'Starts the HTTP API: REST under /v1, OpenAPI at /docs, /health, /ready and Prometheus /metrics. ' +
    'Settings come from LEDGER_* environment variables. SIGTERM or SIGINT shuts down gracefully.',
  options: {},
  async run({ config }) {
    await serve(config());
    return undefined;
  },
});

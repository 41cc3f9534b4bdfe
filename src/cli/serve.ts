import closeWithGrace from 'close-with-grace';
import { buildApp } from '../api/buildApp.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config/config.js';
import { openEventStore } from './openEventStore.js';

/** `jobseeker-ledger serve`: opens the store, starts the HTTP server, shuts down cleanly on SIGTERM/SIGINT. */
export const serve = async (config: Config): Promise<void> => {
  const eventStore = await openEventStore(config);
  const app = await buildApp({ config, eventStore, clock: systemClock });
  app.addHook('onClose', async () => eventStore.close());
  closeWithGrace({ delay: config.LEDGER_SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ host: config.LEDGER_HOST, port: config.LEDGER_PORT });
  app.log.info({ store: eventStore.kind, dataDir: config.LEDGER_DATA_DIR }, 'jobseeker-ledger is serving');
};

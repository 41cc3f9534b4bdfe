import { join } from 'node:path';
import closeWithGrace from 'close-with-grace';
import { buildApp } from '../api/buildApp.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config/config.js';
import { deriveIdentityKeys, openIdentityStore } from '../identities/identityStore.js';
import { openEventStore } from './openEventStore.js';
import { secretOrDevelopmentKey } from './secrets.js';

/** `jobseeker-ledger serve`: opens the stores, starts the HTTP server, shuts down cleanly on SIGTERM/SIGINT. */
export const serve = async (config: Config): Promise<void> => {
  const notes: string[] = [];
  const identityKey = secretOrDevelopmentKey(
    config,
    config.LEDGER_IDENTITY_KEY,
    'LEDGER_IDENTITY_KEY',
    'identity.key',
    (m) => notes.push(m),
  );
  const eventStore = await openEventStore(config);
  const identities = openIdentityStore(
    join(config.LEDGER_DATA_DIR, 'identities.sqlite'),
    deriveIdentityKeys(identityKey),
  );
  const app = await buildApp({ config, eventStore, clock: systemClock, identities });
  for (const note of notes) app.log.warn(note);
  app.addHook('onClose', async () => {
    await eventStore.close();
    identities.close();
  });
  closeWithGrace({ delay: config.LEDGER_SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ host: config.LEDGER_HOST, port: config.LEDGER_PORT });
  app.log.info({ store: eventStore.kind, dataDir: config.LEDGER_DATA_DIR }, 'jobseeker-ledger is serving');
};

import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { batchedScopeLookup, streamScopeLookup } from './api/auth/clientScopeLookup.js';
import { buildApp } from './api/buildApp.js';
import type { ReadinessCheck } from './api/deps.js';
import { registerGraphql } from './api/graphql/graphql.js';
import { createCheckpointer } from './audit/checkpointer.js';
import { loadSigningKey } from './cli/auditKeys.js';
import { openEventStore } from './cli/openEventStore.js';
import type { Clock } from './clock.js';
import type { Config } from './config/config.js';
import { loadReferenceData } from './config/referenceDataFile.js';
import { indexOrganisations } from './domain/reference/referenceData.js';
import type { EventStore } from './eventStore/eventStore.js';
import { openConfiguredIdentityStore } from './identities/configuredIdentityStore.js';
import { deriveIdentityKeys } from './identities/identityKeys.js';
import { clientScopeQueries } from './projections/readModels/clientScopeQueries.js';
import { createReadModelQueries, readModelProjections } from './projections/readModels/readModelQueries.js';
import { createProjectionRunner } from './projections/runner/projectionRunner.js';
import { openReadModelDb } from './projections/runner/readModelDb.js';

/** How long an erasure waits for the read models to overwrite the client's personal fields. */
const ERASURE_PURGE_TIMEOUT_MS = 30_000;

export const readModelPath = (config: Config): string => join(config.LEDGER_DATA_DIR, 'read-models.sqlite');

export interface ServiceOptions {
  clock: Clock;
  identityKey: string;
  /** An already opened store in its stored form (tests); otherwise the configured one is opened. */
  eventStore?: EventStore;
  /** Announces facts worth a log line at start (e.g. a generated development key). */
  announce?: (message: string) => void;
  /** How often the breach subscription re-evaluates the date; 0 turns the timer off. */
  breachTickIntervalMs?: number;
  /** The HS256 development secret when LEDGER_JWT_HS256_SECRET is not set (never in production). */
  developmentJwtSecret?: string;
}

/**
 * The composition root of the HTTP service: event store, identity table, read models fed by the projection
 * runner, REST and GraphQL. `close()` releases everything in reverse order.
 */
export const openService = async (config: Config, options: ServiceOptions) => {
  const organisations = indexOrganisations(loadReferenceData(config));
  const eventStore = await openEventStore(config, {
    ...(options.announce ? { announce: options.announce } : {}),
    ...(options.eventStore ? { storedForm: options.eventStore } : {}),
  });
  const identities = await openConfiguredIdentityStore(
    config,
    deriveIdentityKeys(options.identityKey),
    options.announce,
  );
  let logError = (_error: unknown, _message: string): void => {};
  const signing = loadSigningKey(config);
  if (signing.created)
    options.announce?.(
      `generated a development audit signing key in ${signing.path} (key id ${signing.keyId}); set LEDGER_AUDIT_SIGNING_KEY_FILE in production`,
    );
  const checkpointer = createCheckpointer({
    store: eventStore,
    signingKey: signing.key,
    everyEvents: config.LEDGER_AUDIT_CHECKPOINT_EVERY_EVENTS,
    everyMs: config.LEDGER_AUDIT_CHECKPOINT_EVERY_MS,
    clock: options.clock,
    onError: (error) => logError(error, 'audit checkpoint failed'),
  });
  const db = openReadModelDb(readModelPath(config));
  // Erasure overwrites personal fields in place: zero the freed bytes instead of leaving them in free pages.
  db.pragma('secure_delete = ON');
  const runner = createProjectionRunner({
    eventStore,
    db,
    projections: readModelProjections({
      organisations,
      rememberedClients: config.LEDGER_READ_MODEL_CLIENTS_IN_MEMORY,
    }),
    clock: options.clock,
  });
  const projectionsCaughtUp: ReadinessCheck = {
    name: 'projections',
    check: async () => {
      const status = await runner.status();
      const active = status.filter((s) => s.active);
      const failed = active.filter((s) => s.state === 'failed').map((s) => s.name);
      const lagEvents = Math.max(0, ...active.map((s) => s.lagEvents));
      if (failed.length > 0) throw new Error(`projections failed: ${failed.join(', ')}`);
      if (lagEvents > config.LEDGER_READY_MAX_LAG_EVENTS)
        throw new Error(`projections are ${lagEvents} events behind (allowed ${config.LEDGER_READY_MAX_LAG_EVENTS})`);
      return { lagEvents, projections: active.length };
    },
  };
  const app = await buildApp({
    config,
    eventStore,
    clock: options.clock,
    identities,
    organisations,
    auditPublicKeys: [createPublicKey(signing.key)],
    readinessChecks: [projectionsCaughtUp],
    afterErasure: async (position) => {
      const purged = await runner.waitForPosition(position, ERASURE_PURGE_TIMEOUT_MS);
      db.pragma('wal_checkpoint(TRUNCATE)');
      return purged;
    },
    clientScopes: batchedScopeLookup(clientScopeQueries(runner.readModels).clientScopes, streamScopeLookup(eventStore)),
    ...(options.developmentJwtSecret ? { developmentJwtSecret: options.developmentJwtSecret } : {}),
  });
  logError = (error, message) => app.log.error({ err: error }, message);
  const queries = createReadModelQueries(runner.readModels);
  await registerGraphql(app, {
    queries,
    runner,
    eventStore,
    organisations,
    clock: options.clock,
    config,
    ...(options.breachTickIntervalMs === undefined ? {} : { breachTickIntervalMs: options.breachTickIntervalMs }),
  });
  const lagTimer = setInterval(() => {
    runner.status().then(
      (status) => {
        for (const s of status.filter((build) => build.active))
          app.metrics.projectionLag.set({ projection: s.name }, s.lagEvents);
        app.metrics.subscriptionUp.set(
          { subscription: 'projections' },
          status.some((s) => s.state === 'failed') ? 0 : 1,
        );
      },
      (error: unknown) => app.log.warn({ err: error }, 'projection status unavailable'),
    );
  }, 5_000);
  lagTimer.unref();
  let closed = false;
  return {
    app,
    runner,
    eventStore,
    checkpointer,
    /** Starts feeding the read models; `/ready` turns green once they have caught up. */
    start: () => runner.start(),
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(lagTimer);
      await app.close();
      await checkpointer.close();
      await runner.stop();
      db.close();
      await eventStore.close();
      await identities.close();
    },
  };
};

export type Service = Awaited<ReturnType<typeof openService>>;

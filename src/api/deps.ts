import type { KeyObject } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import { finnishReferenceData } from '../domain/reference/finland.js';
import { indexOrganisations, type Organisations } from '../domain/reference/referenceData.js';
import type { EventStore } from '../eventStore/eventStore.js';
import type { IdentityStore } from '../identities/identityStore.js';
import type { DataKeyCache } from '../personalData/dataKeyCache.js';
import type { ClientScopeLookup } from './auth/clientAuthorizer.js';

/** A named check behind `/ready`; resolves with a detail object or throws when not ready. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<Record<string, unknown>>;
}

/** Everything the HTTP layer needs, built by the composition root (src/main.ts) or a test. */
export interface AppDeps {
  config: Config;
  eventStore: EventStore;
  clock: Clock;
  identities: IdentityStore;
  /** Reference data of organisations and municipalities; the shipped Finnish set by default. */
  organisations?: Organisations;
  /** Ed25519 public keys that may have signed audit checkpoints. */
  auditPublicKeys?: KeyObject[];
  readinessChecks?: ReadinessCheck[];
  /**
   * Where a client belongs (responsible organisation and every earlier one), for organisation scoping; by default
   * folded from the client's stream. The service passes the read-model look-up with that fallback.
   */
  clientScopes?: ClientScopeLookup;
  /** The HS256 development secret when LEDGER_JWT_HS256_SECRET is not set (the `token` command's key file). */
  developmentJwtSecret?: string;
  /**
   * The log in its stored form (sealed personal parts), for audit verification and export; buildApp takes the
   * `storedForm` of an encrypting `eventStore` when not given.
   */
  storedFormEventStore?: EventStore;
  /** Clients' data keys, for erasure; buildApp takes those of an encrypting `eventStore` when not given. */
  dataKeys?: DataKeyCache;
  /**
   * Runs after an erasure was recorded at `position`: the service waits until the read models have overwritten
   * the client's personal fields and truncates their WAL; false when they did not catch up in time.
   */
  afterErasure?: (position: bigint) => Promise<boolean>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    eventStore: EventStore;
    clock: Clock;
    identities: IdentityStore;
    organisations: Organisations;
    auditPublicKeys: KeyObject[];
    readinessChecks: ReadinessCheck[];
    storedFormEventStore: EventStore;
    dataKeys: DataKeyCache | undefined;
    afterErasure: (position: bigint) => Promise<boolean>;
  }
}

export const deps = fp<AppDeps>(
  async (app, d) => {
    app
      .decorate('config', d.config)
      .decorate('eventStore', d.eventStore)
      .decorate('clock', d.clock)
      .decorate('identities', d.identities)
      .decorate('organisations', d.organisations ?? indexOrganisations(finnishReferenceData))
      .decorate('auditPublicKeys', d.auditPublicKeys ?? [])
      .decorate('readinessChecks', d.readinessChecks ?? [])
      .decorate('storedFormEventStore', d.storedFormEventStore ?? d.eventStore)
      .decorate('dataKeys', d.dataKeys)
      .decorate('afterErasure', d.afterErasure ?? (async () => true));
  },
  { name: 'deps' },
);

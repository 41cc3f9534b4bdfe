import type { KeyObject } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import { finnishReferenceData } from '../domain/reference/finland.js';
import { indexOrganisations, type Organisations } from '../domain/reference/referenceData.js';
import type { EventStore } from '../eventStore/eventStore.js';
import type { IdentityStore } from '../identities/identityStore.js';
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
      .decorate('readinessChecks', d.readinessChecks ?? []);
  },
  { name: 'deps' },
);

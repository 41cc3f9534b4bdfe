import fp from 'fastify-plugin';
import type { Clock } from '../clock.js';
import type { Config } from '../config/config.js';
import type { EventStore } from '../eventStore/eventStore.js';
import type { IdentityStore } from '../identities/identityStore.js';

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
  readinessChecks?: ReadinessCheck[];
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    eventStore: EventStore;
    clock: Clock;
    identities: IdentityStore;
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
      .decorate('readinessChecks', d.readinessChecks ?? []);
  },
  { name: 'deps' },
);

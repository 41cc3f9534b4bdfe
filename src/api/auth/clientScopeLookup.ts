import { evolve } from '../../domain/client/evolve.js';
import { initialState } from '../../domain/client/state.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { clientStream } from '../rest/wire.js';
import type { ClientScopeLookup } from './clientAuthorizer.js';
import type { ClientScope } from './clientScope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A client's scope folded from its own stream with the domain: always current, one stream read per call. The
 * responsible organisation is the latest recorded one; undefined for a client without history.
 */
export const streamScopeLookup =
  (store: EventStore): ClientScopeLookup =>
  async (clientId) => {
    if (!UUID.test(clientId)) return undefined;
    let state = initialState;
    for await (const stored of store.readStream(clientStream(clientId))) {
      try {
        state = evolve(state, parseClientEvent(stored.type, stored.version, stored.data));
      } catch {
        // an event the service cannot read does not change responsibility
      }
    }
    const latest = state.responsibility.at(-1);
    if (latest === undefined) return undefined;
    return {
      responsibleOrganisation: latest.organisation,
      organisationsInHistory: [...new Set(state.responsibility.map((entry) => entry.organisation))],
    };
  };

interface Waiter {
  resolve(scope: ClientScope | undefined): void;
  reject(error: unknown): void;
}

/**
 * Scopes from the read models, asked for all clients of one tick in one batch; a client the read models do not
 * know yet (just created, projections lagging) or a read-model failure falls back to `fallback`, so a writer is
 * never refused because of projection lag.
 */
export const batchedScopeLookup = (
  scopesOf: (ids: readonly string[]) => ReadonlyMap<string, ClientScope>,
  fallback: ClientScopeLookup,
): ClientScopeLookup => {
  let waiting: Map<string, Waiter[]> | undefined;
  const run = (batch: Map<string, Waiter[]>): void => {
    let found: ReadonlyMap<string, ClientScope> = new Map();
    try {
      found = scopesOf([...batch.keys()]);
    } catch {
      // read models unavailable (e.g. before the first build): every client falls back to its stream
    }
    for (const [id, resolvers] of batch) {
      const scope = found.get(id);
      const answer = scope ? Promise.resolve(scope) : Promise.resolve(fallback(id));
      answer.then(
        (value) => {
          for (const waiter of resolvers) waiter.resolve(value);
        },
        (error: unknown) => {
          for (const waiter of resolvers) waiter.reject(error);
        },
      );
    }
  };
  return (clientId) =>
    new Promise((resolve, reject) => {
      if (waiting === undefined) {
        const batch = new Map<string, Waiter[]>();
        waiting = batch;
        queueMicrotask(() => {
          waiting = undefined;
          run(batch);
        });
      }
      waiting.set(clientId, [...(waiting.get(clientId) ?? []), { resolve, reject }]);
    });
};

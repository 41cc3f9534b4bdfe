import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { decideClientEvents, evolveAll } from '../domain/client/decide.js';
import type { ClientEvent } from '../domain/events/clientEvent.js';
import type { ErasureReasonSchema } from '../domain/events/erasureEvents.js';
import { parseClientEvent } from '../domain/events/parseClientEvent.js';
import type { IsoDate } from '../domain/events/primitives.js';
import { ConcurrencyError } from '../eventStore/errors.js';
import type { EventStore, StoredEvent } from '../eventStore/eventStore.js';
import type { DataKeyCache } from './dataKeyCache.js';

export type ErasureReason = z.infer<typeof ErasureReasonSchema>;

export interface ErasureDeps {
  /** The service's (encrypting) event store. */
  store: EventStore;
  dataKeys: DataKeyCache;
  /** Removes the client's row from the identity table; true when one existed. */
  forgetIdentity(clientId: string): boolean | Promise<boolean>;
}

export interface ErasureRequest {
  clientId: string;
  reason: ErasureReason;
  today: IsoDate;
  correlationId?: string;
  actor?: string;
}

export interface ErasureResult {
  clientId: string;
  erasedOn: IsoDate;
  /** Global position of the PersonalDataErased event. */
  position: bigint;
  /** True when an earlier request had already recorded the erasure (this one only finished the key and identity). */
  alreadyErased: boolean;
  keyDestroyed: boolean;
  identityRemoved: boolean;
}

const MAX_ATTEMPTS = 5;

const readHistory = async (store: EventStore, stream: string): Promise<StoredEvent[]> => {
  const history: StoredEvent[] = [];
  for await (const event of store.readStream(stream)) history.push(event);
  return history;
};

/** Records the erasure once, guarded by the revision it was decided on; the existing record on a repeat. */
const recordErasure = async (deps: ErasureDeps, stream: string, request: ErasureRequest) => {
  for (let attempt = 1; ; attempt++) {
    const history = await readHistory(deps.store, stream);
    if (history.length === 0) return undefined;
    const recorded = history.find((event) => event.type === 'PersonalDataErased');
    if (recorded !== undefined)
      return { erasedOn: recorded.data.erasedOn as IsoDate, position: recorded.position, alreadyErased: true };
    const state = evolveAll(history.map((event) => parseClientEvent(event.type, event.version, event.data)));
    const erasure: ClientEvent = {
      type: 'PersonalDataErased',
      data: { erasedOn: request.today, reason: request.reason },
    };
    decideClientEvents(state, [erasure], { today: request.today });
    try {
      const result = await deps.store.appendToStream(
        stream,
        [
          {
            id: randomUUID(),
            type: erasure.type,
            data: erasure.data,
            metadata: {
              ...(request.correlationId ? { correlationId: request.correlationId } : {}),
              ...(request.actor ? { actor: request.actor } : {}),
            },
          },
        ],
        { expected: history.at(-1)!.revision },
      );
      return { erasedOn: request.today, position: result.commitPosition, alreadyErased: false };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};

/**
 * Erases a client's personal data (domain §9, issue 7): records PersonalDataErased in the client's stream, then
 * destroys the client's data key (every sealed `person` part becomes unreadable; the stored ciphertext and the
 * hash chain stay verifiable) and removes the identity-table row. Idempotent: a repeat after a crash between
 * the steps finishes the remaining ones. Undefined when the client has no history.
 */
export const erasePersonalData = async (
  deps: ErasureDeps,
  request: ErasureRequest,
): Promise<ErasureResult | undefined> => {
  const clientId = request.clientId.toLowerCase();
  const recorded = await recordErasure(deps, `client-${clientId}`, { ...request, clientId });
  if (recorded === undefined) return undefined;
  const keyDestroyed = await deps.dataKeys.destroy(clientId);
  const identityRemoved = await deps.forgetIdentity(clientId);
  return { clientId, ...recorded, keyDestroyed, identityRemoved };
};

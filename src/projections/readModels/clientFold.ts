import type { Database } from 'better-sqlite3';
import { eventCatalogue } from '../../domain/events/catalogue.js';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';
import type { ApplyContext, ApplyEvent } from '../runner/projection.js';
import { type ClientBatch, historiesFor } from './clientHistories.js';
import { clientIdOf, type FoldRecord } from './foldRecord.js';
import type { ReadModelDeps } from './options.js';

export type { FoldRecord } from './foldRecord.js';

/** Every client event type: all read-model projections handle the same set, so their folds agree. */
export const CLIENT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(eventCatalogue));

/** A client touched in the current batch: its record before the batch (what the projection last derived) and after. */
export interface FoldedClient {
  clientId: string;
  before: FoldRecord | undefined;
  after: FoldRecord;
  revision: bigint;
  position: bigint;
}

interface Pending {
  batch: ClientBatch;
  first: bigint;
  last: bigint;
  position: bigint;
}

/**
 * The clients one projection touched in a batch, handed to its `endBatch` once each with their records before and
 * after (shared by every projection through `ClientHistories`). `before` is undefined for a client the projection
 * has never seen (its first event is revision 0), so it has no rows yet. A replay after a rolled-back batch starts
 * afresh.
 */
export class ClientFold {
  readonly #pending = new Map<string, Pending>();
  readonly #histories;
  #lastPosition = -1n;

  constructor(db: Database, deps: ReadModelDeps) {
    this.#histories = historiesFor(db, deps.rememberedClients);
  }

  /** Folds the batch's events once for every projection; the runner awaits it before the batch's transaction. */
  prepareBatch = (events: readonly StoredEvent[], store: EventStore): Promise<void> =>
    this.#histories.prepare(events, store);

  /** Notes one stored event; false when it is not a client event or already noted. */
  apply(stored: StoredEvent): boolean {
    const clientId = clientIdOf(stored.stream);
    if (clientId === undefined) return false;
    if (stored.position <= this.#lastPosition) this.#pending.clear();
    this.#lastPosition = stored.position;
    const pending = this.#pending.get(clientId);
    if (pending !== undefined) {
      if (pending.last >= stored.revision) return false;
      pending.last = stored.revision;
      pending.position = stored.position;
      return true;
    }
    const batch = this.#histories.batchOf(stored);
    if (batch === undefined) throw new Error(`event ${stored.id} was not prepared for the read models`);
    this.#pending.set(clientId, { batch, first: stored.revision, last: stored.revision, position: stored.position });
    return true;
  }

  /** Hands the clients touched since the last call to `visit`, in client order (neighbouring rows share pages). */
  flush(visit: (client: FoldedClient) => void): void {
    const clientIds = [...this.#pending.keys()].sort();
    for (const clientId of clientIds) {
      const { batch, first, last, position } = this.#pending.get(clientId)!;
      const before = first === 0n ? undefined : batch.recordAt(first - 1n);
      const after = batch.recordAt(last);
      if (after === undefined || (first > 0n && before === undefined))
        throw new Error(`client ${clientId} revisions ${first}..${last} were not prepared`);
      visit({ clientId, before, after, revision: last, position });
    }
    this.#pending.clear();
  }

  /** The projection's apply: notes each event, and `endBatch` flushes into `visit`. */
  applyWith(endBatch: (fold: ClientFold, context: ApplyContext) => void): ApplyEvent {
    const apply = (event: StoredEvent) => {
      this.apply(event);
    };
    return Object.assign(apply, {
      prepareBatch: this.prepareBatch,
      endBatch: (context: ApplyContext) => endBatch(this, context),
    });
  }
}

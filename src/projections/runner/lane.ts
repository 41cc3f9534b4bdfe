import type { Database } from 'better-sqlite3';
import { StoreClosedError } from '../../eventStore/errors.js';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';
import { type BatchFeed, startBatchFeed } from './batchFeed.js';
import type { ProjectionChange } from './projection.js';
import type { ProjectionRegistry } from './registry.js';
import type { ChangeSink, Slot } from './slot.js';

export interface LaneBatch {
  events: number;
  first: bigint;
  last: bigint;
  lastRecordedAt: string;
  slots: readonly Slot[];
  changes: readonly ProjectionChange[];
}

export interface LaneDeps {
  db: Database;
  registry: ProjectionRegistry;
  store: EventStore;
  now: () => string;
  sink: ChangeSink;
  batchSize: number;
  catchUpBatchSize: number;
  retryDelayMs: number;
  /** After the rollback of a batch in which `slot` threw on `event`. */
  onPoison(slot: Slot, event: StoredEvent, error: unknown): void;
  onCommitted(lane: Lane, batch: LaneBatch): void;
  onFeedError(lane: Lane, error: unknown): void;
}

interface Culprit {
  slot: Slot | undefined;
  event: StoredEvent | undefined;
}

/**
 * A group of slots fed by one subscription from the lowest of their checkpoints. Each batch is one
 * transaction: every slot that handles an event applies it (unless its checkpoint is already past it),
 * then every slot's checkpoint moves to the batch's last position.
 */
export class Lane {
  readonly slots = new Set<Slot>();
  /** Every slot of the lane has applied everything up to here. */
  cursor = 0n;
  #feed: BatchFeed | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopping = false;
  readonly #deps: LaneDeps;
  readonly #applyAll: (events: StoredEvent[], slots: Slot[], culprit: Culprit) => void;

  constructor(
    readonly kind: 'live' | 'rebuild',
    deps: LaneDeps,
  ) {
    this.#deps = deps;
    const { registry, sink } = deps;
    this.#applyAll = deps.db.transaction((events: StoredEvent[], slots: Slot[], culprit: Culprit) => {
      for (const event of events) {
        sink.position = event.position;
        for (const slot of slots) {
          if (event.position <= slot.position || !slot.projection.handles.has(event.type)) continue;
          culprit.slot = slot;
          culprit.event = event;
          slot.apply!(event, slot.context);
        }
      }
      const last = events.at(-1)!;
      for (const slot of slots) {
        culprit.slot = slot;
        culprit.event = last;
        slot.apply!.endBatch?.(slot.context);
      }
      culprit.slot = undefined;
      const now = deps.now();
      for (const slot of slots)
        if (last.position > slot.position)
          registry.saveCheckpoint(slot.projection.name, slot.build, last.position, last.recordedAt, now);
    });
  }

  get running(): boolean {
    return this.#feed !== undefined || this.#retry !== undefined;
  }

  /** Starts feeding from the lowest checkpoint of the slots; a no-op without slots or when running. */
  start(): void {
    if (this.running || this.slots.size === 0) return;
    this.#stopping = false;
    let lowest: bigint | undefined;
    for (const slot of this.slots) if (lowest === undefined || slot.position < lowest) lowest = slot.position;
    this.cursor = lowest ?? 0n;
    this.#run();
  }

  /** Adds a slot whose checkpoint is not behind the lane; starts the lane when it was idle. */
  add(slot: Slot): void {
    if (this.running && slot.position < this.cursor)
      throw new Error(`slot ${slot.projection.name}#${slot.build} is behind lane ${this.kind}`);
    this.slots.add(slot);
    this.start();
  }

  /** Removes a slot; a rebuild lane stops when it has none left (the live lane keeps following the log). */
  remove(slot: Slot): void {
    this.slots.delete(slot);
    if (this.slots.size === 0 && this.kind === 'rebuild') void this.stop();
  }

  /** Commits the batch in progress, closes the subscription and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    const feed = this.#feed;
    if (feed !== undefined) await feed.stop();
  }

  #run(): void {
    const feed = startBatchFeed(
      this.#deps.store,
      this.cursor,
      { live: this.#deps.batchSize, catchUp: Math.max(this.#deps.batchSize, this.#deps.catchUpBatchSize) },
      (events) => this.#commit(events),
    );
    this.#feed = feed;
    feed.done.then(
      () => {
        if (this.#feed === feed) this.#feed = undefined;
      },
      (error: unknown) => {
        if (this.#feed === feed) this.#feed = undefined;
        if (this.#stopping) return;
        this.#deps.onFeedError(this, error);
        if (error instanceof StoreClosedError) return;
        this.#retry = setTimeout(() => {
          this.#retry = undefined;
          if (!this.#stopping && this.slots.size > 0) this.#run();
        }, this.#deps.retryDelayMs);
      },
    );
  }

  /** Awaits `prepareBatch` of every slot that will apply the batch, including slots added meanwhile. */
  async #prepare(events: StoredEvent[]): Promise<void> {
    const prepared = new Set<Slot>();
    for (;;) {
      const waiting = [...this.slots].filter((slot) => !slot.failed && !prepared.has(slot));
      if (waiting.length === 0) return;
      for (const slot of waiting) {
        prepared.add(slot);
        await slot.apply?.prepareBatch?.(events, this.#deps.store);
      }
    }
  }

  async #commit(events: StoredEvent[]): Promise<void> {
    await this.#prepare(events);
    const sink = this.#deps.sink;
    let slots = [...this.slots].filter((slot) => !slot.failed);
    for (;;) {
      const culprit: Culprit = { slot: undefined, event: undefined };
      sink.changes = [];
      try {
        if (slots.length > 0) this.#applyAll(events, slots, culprit);
        break;
      } catch (error) {
        const { slot, event } = culprit;
        if (slot === undefined || event === undefined) throw error;
        this.#deps.onPoison(slot, event, error);
        slots = slots.filter((candidate) => candidate !== slot);
      }
    }
    const first = events[0]!;
    const last = events.at(-1)!;
    for (const slot of slots)
      if (last.position > slot.position) {
        slot.position = last.position;
        slot.lastRecordedAt = last.recordedAt;
      }
    this.cursor = last.position;
    const changes = sink.changes;
    sink.changes = [];
    this.#deps.onCommitted(this, {
      events: events.length,
      first: first.position,
      last: last.position,
      lastRecordedAt: last.recordedAt,
      slots,
      changes,
    });
  }
}

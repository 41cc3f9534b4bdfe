import type { LaneBatch } from './lane.js';
import type { BuildSwitch, CommittedBatch, RunnerLogger } from './runnerTypes.js';

export const toCommittedBatch = (rebuilding: boolean, batch: LaneBatch): CommittedBatch => ({
  rebuilding,
  events: batch.events,
  firstPosition: batch.first,
  lastPosition: batch.last,
  projections: batch.slots.map((slot) => ({
    name: slot.projection.name,
    version: slot.version,
    build: slot.build,
    active: slot.active,
    position: slot.position,
  })),
  changes: batch.changes,
});

/** The runner's listeners; a failing listener is logged and never reaches the runner. */
export class RunnerEvents {
  readonly #committed = new Set<(batch: CommittedBatch) => void>();
  readonly #switched = new Set<(change: BuildSwitch) => void>();

  constructor(private readonly logger: RunnerLogger) {}

  onCommitted(listener: (batch: CommittedBatch) => void): () => void {
    this.#committed.add(listener);
    return () => this.#committed.delete(listener);
  }

  onSwitched(listener: (change: BuildSwitch) => void): () => void {
    this.#switched.add(listener);
    return () => this.#switched.delete(listener);
  }

  committed(batch: CommittedBatch): void {
    this.#publish(this.#committed, batch);
  }

  switched(change: BuildSwitch): void {
    this.#publish(this.#switched, change);
  }

  #publish<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners)
      try {
        listener(value);
      } catch (error) {
        this.logger.error({ err: error }, 'projection listener failed');
      }
  }
}

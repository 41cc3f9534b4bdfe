import { ConcurrencyError, IdempotencyConflictError } from './errors.js';
import type { EventStore } from './eventStore.js';

export type AppendOutcome = 'appended' | 'already_stored' | 'conflict' | 'error';

/** What one `appendToStream` call did, for metrics. */
export interface AppendObservation {
  store: string;
  outcome: AppendOutcome;
  /** Events in the call. */
  events: number;
  seconds: number;
}

const outcomeOf = (error: unknown): AppendOutcome =>
  error instanceof ConcurrencyError || error instanceof IdempotencyConflictError ? 'conflict' : 'error';

/**
 * The same store, reporting each append's outcome and duration to `observe`. Everything else is delegated
 * unchanged; `observe` must not throw.
 */
export const instrumentEventStore = (
  store: EventStore,
  observe: (observation: AppendObservation) => void,
): EventStore => ({
  get kind() {
    return store.kind;
  },
  async appendToStream(stream, events, options) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await store.appendToStream(stream, events, options);
      const outcome = result.alreadyStored ? 'already_stored' : 'appended';
      observe({ store: store.kind, outcome, events: events.length, seconds: seconds() });
      return result;
    } catch (error) {
      observe({ store: store.kind, outcome: outcomeOf(error), events: events.length, seconds: seconds() });
      throw error;
    }
  },
  readStream: (stream, options) => store.readStream(stream, options),
  readAll: (options) => store.readAll(options),
  streamRevision: (stream) => store.streamRevision(stream),
  headPosition: () => store.headPosition(),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});

import type { EventMetadata, NewEvent } from './eventStore.js';

/**
 * A new event that already carries the JSON texts to store for its `data` and `metadata`, built by a decorator
 * that had to serialise them anyway (the hash chain hashes the canonical form). Each text is JSON for the same
 * value as the field, possibly with the keys in another order; adapters store it instead of serialising again.
 * A copy made with spread syntax is a plain event again, so a changed copy never keeps stale texts.
 */
export class SerialisedEvent implements NewEvent {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly version: number,
    readonly data: Record<string, unknown>,
    readonly metadata: EventMetadata,
    readonly dataJson: string,
    readonly metadataJson: string,
  ) {}
}

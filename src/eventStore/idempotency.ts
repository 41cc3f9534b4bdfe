import { canonicalJson } from './canonicalJson.js';
import type { NewEvent, StoredEvent } from './eventStore.js';

/** A retry is the same event when type, schema version and payload match; metadata may differ. */
export const isSameEvent = (stored: Pick<StoredEvent, 'type' | 'version' | 'data'>, candidate: NewEvent): boolean =>
  stored.type === candidate.type &&
  stored.version === (candidate.version ?? 1) &&
  canonicalJson(stored.data) === canonicalJson(candidate.data);

import type { Database } from 'better-sqlite3';
import type { RunnerLogger } from './runnerTypes.js';
import type { Slot } from './slot.js';

/**
 * Creates a build's secondary indexes (`Projection.indexes`) once it has caught up with the log; false when that
 * failed (logged, tried again by the next call). Until then the build is filled without them: sorting an index
 * once at the end is far cheaper than inserting into it at random places row by row.
 */
export const ensureIndexes = (db: Database, slot: Slot, logger: RunnerLogger): boolean => {
  const create = slot.projection.indexes;
  if (slot.indexed || create === undefined) return true;
  try {
    db.transaction(() => create(db, slot.tables))();
    slot.indexed = true;
  } catch (error) {
    logger.error({ err: error, projection: slot.projection.name, build: slot.build }, 'creating indexes failed');
  }
  return slot.indexed;
};

import type { Database } from 'better-sqlite3';
import type { ApplyContext, ApplyEvent, Projection, ProjectionChange } from './projection.js';
import type { BuildRow } from './registry.js';

/** One build of a projection as the runner holds it in memory. */
export interface Slot {
  readonly projection: Projection;
  readonly build: number;
  readonly version: number;
  readonly tables: BuildRow['tables'];
  /** Serving readers (the registry's active build). */
  active: boolean;
  /** Active but not fed: its version differs from the code's, a rebuild will replace it. */
  frozen: boolean;
  failed: boolean;
  /** The projection's `indexes` have been created (or found) since this process started feeding the build. */
  indexed: boolean;
  /** Position of the last event applied (or skipped) and committed. */
  position: bigint;
  lastRecordedAt: string | undefined;
  /** Set while a batch is applied; `undefined` for frozen slots. */
  apply: ApplyEvent | undefined;
  readonly context: ApplyContext;
}

/** Where the slot's emitted changes go while a batch is applied. */
export interface ChangeSink {
  changes: ProjectionChange[];
  position: bigint;
}

export const createSlot = (
  projection: Projection,
  row: BuildRow,
  options: { db: Database; sink: ChangeSink; fed: boolean },
): Slot => {
  const slot: Slot = {
    projection,
    build: row.build,
    version: row.version,
    tables: row.tables,
    active: row.active,
    frozen: !options.fed,
    failed: row.status === 'failed',
    indexed: false,
    position: row.checkpoint,
    lastRecordedAt: row.lastRecordedAt,
    apply: undefined,
    context: {
      get rebuilding() {
        return !slot.active;
      },
      emit: (topic, payload) => {
        if (slot.active)
          options.sink.changes.push({ projection: projection.name, topic, payload, position: options.sink.position });
      },
    },
  };
  if (options.fed) slot.apply = projection.prepare(options.db, row.tables);
  return slot;
};

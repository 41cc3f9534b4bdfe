import type { Database } from 'better-sqlite3';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';

/** Physical names of a projection's tables for one build, keyed by logical name: `{ clients: 'clients_v3_2' }`. */
export type TableNames<TTable extends string = string> = Readonly<Record<TTable, string>>;

/** Something a projection reports as changed by an event (e.g. for GraphQL subscriptions). */
export interface ProjectionChange {
  projection: string;
  topic: string;
  payload: unknown;
  /** Position of the event that caused the change. */
  position: bigint;
}

/** Passed with every event to a projection's apply. */
export interface ApplyContext {
  /** True while a new build is being filled beside the serving one (its changes are not published). */
  readonly rebuilding: boolean;
  /** Publishes a change after the batch commits; dropped when the batch rolls back or during a rebuild. */
  emit(topic: string, payload: unknown): void;
}

/** Applies one event; writes rows only through statements prepared in `prepare`. Must not throw. */
export interface ApplyEvent {
  (event: StoredEvent, context: ApplyContext): void;
  /**
   * Optional: called once at the end of every batch, after its last event and before the checkpoint, in the
   * same transaction; writes work deferred across the batch's events (e.g. once per client instead of once
   * per event). Must not throw. Nothing deferred may outlive the call: a batch that rolls back is re-applied.
   */
  endBatch?: (context: ApplyContext) => void;
  /**
   * Optional: awaited before each batch's transaction, with every event of the batch (also those the build has
   * already applied), to load what apply needs from the store; once per build and batch.
   * A rejection fails the batch like a store failure: nothing is written and the runner subscribes again.
   */
  prepareBatch?: (events: readonly StoredEvent[], store: EventStore) => Promise<void>;
}

/**
 * A read model fed from the global log.
 *
 * Each build of a projection owns its tables under physical names that include the version and a build
 * number (`clients_v3_2`), so a new build can be filled while the active one keeps serving. Readers ask
 * the runner's `ReadModels` for the live names; they never hard-code them.
 */
export interface Projection<TTable extends string = string> {
  /** Stable identifier, `[a-z][a-zA-Z0-9]*`; the key of the registry row. */
  readonly name: string;
  /** Bump whenever `migrate` or `prepare` changes what ends up in the tables: it triggers a rebuild. */
  readonly version: number;
  /** Event types this projection reads; other events only advance its checkpoint. */
  readonly handles: ReadonlySet<string>;
  /** Logical table names, `[a-z][a-z0-9_]*`, unique across all projections of a runner. */
  readonly tables: readonly TTable[];
  /** Creates the tables (and the indexes `indexes` does not) of one build; runs inside a transaction. */
  migrate(db: Database, tables: TableNames<TTable>): void;
  /**
   * Optional: creates the build's secondary indexes, `IF NOT EXISTS`. The runner calls it once the build has caught
   * up with the log (a rebuilt build before it starts serving), so a build filled from empty tables sorts each
   * index once instead of updating it row by row. Runs inside a transaction; may run again after a restart.
   */
  indexes?(db: Database, tables: TableNames<TTable>): void;
  /**
   * Prepares the statements of one build once and returns the per-event apply. A throw from apply is a
   * poison event: the batch rolls back, the error is recorded and this projection stops (`failed`).
   */
  prepare(db: Database, tables: TableNames<TTable>): ApplyEvent;
}

/** Identity helper that infers the table-name union: `defineProjection({ tables: ['clients'], ... })`. */
export const defineProjection = <const TTable extends string>(projection: Projection<TTable>): Projection<TTable> =>
  projection;

const NAME = /^[a-z][a-zA-Z0-9]{0,62}$/;
const TABLE = /^[a-z][a-z0-9_]{0,62}$/;

/** Physical table names of one build of a projection. */
export const physicalTableNames = <TTable extends string>(
  tables: readonly TTable[],
  version: number,
  build: number,
): TableNames<TTable> =>
  Object.freeze(
    Object.fromEntries(tables.map((table) => [table, `${table}_v${version}_${build}`])),
  ) as TableNames<TTable>;

/** Problems with a runner's projection list; empty when it is usable. */
export const projectionListProblems = (projections: readonly Projection[]): string[] => {
  const problems: string[] = [];
  const names = new Set<string>();
  const tables = new Set<string>();
  for (const projection of projections) {
    if (!NAME.test(projection.name)) problems.push(`projection name ${JSON.stringify(projection.name)} is invalid`);
    if (names.has(projection.name)) problems.push(`projection ${projection.name} is listed twice`);
    names.add(projection.name);
    if (!Number.isSafeInteger(projection.version) || projection.version < 1)
      problems.push(`projection ${projection.name}: version must be a positive integer`);
    for (const table of projection.tables) {
      if (!TABLE.test(table))
        problems.push(`projection ${projection.name}: table name ${JSON.stringify(table)} is invalid`);
      if (tables.has(table)) problems.push(`table ${table} is declared by two projections`);
      tables.add(table);
    }
  }
  return problems;
};

import type { Database } from 'better-sqlite3';
import type { Projection } from '../projections/runner/projection.js';
import type { BuildRow, ProjectionRegistry } from '../projections/runner/registry.js';

/** One line of `projections status`: a build as the registry holds it, or a projection never built. */
export interface BuildStatusRow {
  name: string;
  version: number;
  build: number | undefined;
  /**
   * `live` (caught up), `behind` (the server catches up on start), `rebuilding` (a new build beside the active
   * one), `outdated` (built by another code version; rebuilt on start), `failed`, `new` (never built).
   */
  state: 'live' | 'behind' | 'rebuilding' | 'outdated' | 'failed' | 'new';
  position: bigint;
  lagEvents: bigint;
  error: string | undefined;
}

const stateOf = (row: BuildRow, projection: Projection, lag: bigint): BuildStatusRow['state'] => {
  if (row.status === 'failed') return 'failed';
  if (!row.active) return 'rebuilding';
  if (row.version !== projection.version) return 'outdated';
  return lag > 0n ? 'behind' : 'live';
};

/** Every build of every projection, from the registry alone (nothing is started or changed). */
export const buildStatusRows = (
  db: Database,
  registry: ProjectionRegistry,
  projections: readonly Projection[],
  head: bigint,
): BuildStatusRow[] => {
  const lastError = db.prepare<[string, number], { position: bigint; event_type: string; message: string }>(
    'SELECT position, event_type, message FROM projection_errors WHERE projection = ? AND build = ? ORDER BY id DESC',
  );
  lastError.safeIntegers();
  return projections.flatMap((projection): BuildStatusRow[] => {
    const rows = registry.builds(projection.name);
    if (rows.length === 0)
      return [
        {
          name: projection.name,
          version: projection.version,
          build: undefined,
          state: 'new',
          position: 0n,
          lagEvents: head,
          error: undefined,
        },
      ];
    return rows.map((row) => {
      const lag = head > row.checkpoint ? head - row.checkpoint : 0n;
      const state = stateOf(row, projection, lag);
      const failure = state === 'failed' ? lastError.get(row.name, row.build) : undefined;
      return {
        name: row.name,
        version: row.version,
        build: row.build,
        state,
        position: row.checkpoint,
        lagEvents: lag,
        error: failure && `at position ${failure.position} (${failure.event_type}): ${failure.message}`,
      };
    });
  });
};

/** Rows of one logical table in the live build and in the rebuilt one; `differing` when the content was compared. */
export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  /** Rows in one build and not in the other (both directions); `undefined` when the schemas differ. */
  differing: number | undefined;
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Compares two builds of one projection table by table: row counts, and, when both are of the same version
 * (same schema), the rows themselves with `EXCEPT` in both directions.
 */
export const compareBuilds = (db: Database, live: BuildRow, rebuilt: BuildRow): TableComparison[] =>
  Object.keys(rebuilt.tables).map((table) => {
    const newTable = quote(rebuilt.tables[table]!);
    const oldName = live.tables[table];
    const rows = (sql: string): number => Number((db.prepare(sql).pluck().get() as number | bigint | undefined) ?? 0);
    const rebuiltRows = rows(`SELECT count(*) FROM ${newTable}`);
    if (oldName === undefined) return { table, liveRows: 0, rebuiltRows, differing: undefined };
    const oldTable = quote(oldName);
    const liveRows = rows(`SELECT count(*) FROM ${oldTable}`);
    const differing =
      live.version === rebuilt.version
        ? rows(`SELECT count(*) FROM (SELECT * FROM ${newTable} EXCEPT SELECT * FROM ${oldTable})`) +
          rows(`SELECT count(*) FROM (SELECT * FROM ${oldTable} EXCEPT SELECT * FROM ${newTable})`)
        : undefined;
    return { table, liveRows, rebuiltRows, differing };
  });

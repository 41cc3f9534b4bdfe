import type { Database, Statement } from 'better-sqlite3';
import { ProjectionNotReadyError } from './errors.js';
import type { Projection, TableNames } from './projection.js';

interface ActiveBuild {
  build: number;
  tables: TableNames;
}

type ProjectionRef<TTable extends string> = Projection<TTable> | string;

const nameOf = (projection: ProjectionRef<string>): string =>
  typeof projection === 'string' ? projection : projection.name;

/**
 * Read access to the read models: the live (active) table names of each projection, and statements that
 * follow the active build across a rebuild switch. Readers share the runner's connection; every batch is one
 * synchronous transaction, so a reader never sees half a batch.
 */
export class ReadModels {
  readonly #active = new Map<string, ActiveBuild>();
  readonly #selectActive: Statement<[], { name: string; build: number; tables: string }>;

  constructor(readonly db: Database) {
    this.#selectActive = db.prepare('SELECT name, build, tables FROM projections WHERE active = 1');
    this.reload();
  }

  /** Re-reads the active builds from the registry (the runner calls it after every switch). */
  reload(): void {
    this.#active.clear();
    for (const row of this.#selectActive.all())
      this.#active.set(row.name, { build: row.build, tables: JSON.parse(row.tables) as TableNames });
  }

  /** Build number of the active build, or `undefined` when the projection has none yet. */
  activeBuild(projection: ProjectionRef<string>): number | undefined {
    return this.#active.get(nameOf(projection))?.build;
  }

  /** Physical names of the active build's tables. @throws ProjectionNotReadyError when there is no active build. */
  tables<TTable extends string>(projection: ProjectionRef<TTable>): TableNames<TTable> {
    const active = this.#active.get(nameOf(projection));
    if (active === undefined) throw new ProjectionNotReadyError(nameOf(projection));
    return active.tables as TableNames<TTable>;
  }

  /** Physical name of one logical table of the active build. */
  table<TTable extends string>(projection: ProjectionRef<TTable>, table: TTable): string {
    return this.tables(projection)[table];
  }

  /**
   * A statement over the active build, prepared once per build: call the returned function for the current
   * statement (`const byArea = readModels.statement(clients, (t) => \`SELECT ... FROM ${t.clients} ...\`);
   * byArea().all(area)`).
   */
  statement<TTable extends string, TParams extends unknown[] = unknown[], TRow = unknown>(
    projection: ProjectionRef<TTable>,
    sql: (tables: TableNames<TTable>) => string,
  ): () => Statement<TParams, TRow> {
    let prepared: { build: number; statement: Statement<TParams, TRow> } | undefined;
    return () => {
      const build = this.activeBuild(projection);
      if (prepared === undefined || prepared.build !== build) {
        const tables = this.tables(projection);
        prepared = { build: build!, statement: this.db.prepare<TParams, TRow>(sql(tables)) };
      }
      return prepared.statement;
    };
  }
}

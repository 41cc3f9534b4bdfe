import type { Database, Statement } from 'better-sqlite3';
import { type Projection, physicalTableNames, type TableNames } from './projection.js';

export type BuildStatus = 'running' | 'failed';

/** One build of a projection as the `projections` table holds it. */
export interface BuildRow {
  name: string;
  build: number;
  version: number;
  active: boolean;
  status: BuildStatus;
  checkpoint: bigint;
  lastRecordedAt: string | undefined;
  tables: TableNames;
}

export interface ProjectionErrorRecord {
  projection: string;
  build: number;
  version: number;
  position: bigint;
  eventId: string;
  eventType: string;
  message: string;
  occurredAt: string;
}

interface RawRow {
  name: string;
  build: bigint;
  version: bigint;
  active: bigint;
  status: BuildStatus;
  checkpoint: bigint;
  last_recorded_at: string | null;
  tables: string;
}

const toRow = (raw: RawRow): BuildRow => ({
  name: raw.name,
  build: Number(raw.build),
  version: Number(raw.version),
  active: raw.active === 1n,
  status: raw.status,
  checkpoint: raw.checkpoint,
  lastRecordedAt: raw.last_recorded_at ?? undefined,
  tables: JSON.parse(raw.tables) as TableNames,
});

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** The `projections` registry and `projection_errors`: every statement prepared once. */
export class ProjectionRegistry {
  readonly #db: Database;
  readonly #builds: Statement<[string], RawRow>;
  readonly #nextBuild: Statement<[string], { next: bigint }>;
  readonly #insert: Statement;
  readonly #checkpoint: Statement;
  readonly #status: Statement;
  readonly #deactivate: Statement;
  readonly #activate: Statement;
  readonly #delete: Statement;
  readonly #error: Statement;

  constructor(db: Database) {
    this.#db = db;
    this.#builds = db
      .prepare<[string], RawRow>('SELECT * FROM projections WHERE name = ? ORDER BY build')
      .safeIntegers();
    this.#nextBuild = db
      .prepare<[string], { next: bigint }>('SELECT coalesce(max(build), 0) + 1 AS next FROM projections WHERE name = ?')
      .safeIntegers();
    this.#insert = db.prepare(
      `INSERT INTO projections (name, build, version, active, status, checkpoint, tables, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'running', 0, ?, ?, ?)`,
    );
    this.#checkpoint = db.prepare(
      'UPDATE projections SET checkpoint = ?, last_recorded_at = ?, updated_at = ? WHERE name = ? AND build = ?',
    );
    this.#status = db.prepare('UPDATE projections SET status = ?, updated_at = ? WHERE name = ? AND build = ?');
    this.#deactivate = db.prepare('UPDATE projections SET active = 0, updated_at = ? WHERE name = ? AND active = 1');
    this.#activate = db.prepare('UPDATE projections SET active = 1, updated_at = ? WHERE name = ? AND build = ?');
    this.#delete = db.prepare('DELETE FROM projections WHERE name = ? AND build = ?');
    this.#error = db.prepare(
      `INSERT INTO projection_errors (projection, build, version, position, event_id, event_type, message, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  builds(name: string): BuildRow[] {
    return this.#builds.all(name).map(toRow);
  }

  /** Registers a new build and creates its tables in one transaction. */
  createBuild(projection: Projection, now: string, active: boolean): BuildRow {
    return this.#db.transaction((): BuildRow => {
      const build = Number(this.#nextBuild.get(projection.name)!.next);
      const tables = physicalTableNames(projection.tables, projection.version, build);
      projection.migrate(this.#db, tables);
      this.#insert.run(projection.name, build, projection.version, active ? 1 : 0, JSON.stringify(tables), now, now);
      return {
        name: projection.name,
        build,
        version: projection.version,
        active,
        status: 'running',
        checkpoint: 0n,
        lastRecordedAt: undefined,
        tables,
      };
    })();
  }

  /** Call inside the batch transaction. */
  saveCheckpoint(name: string, build: number, position: bigint, lastRecordedAt: string | undefined, now: string): void {
    this.#checkpoint.run(position, lastRecordedAt ?? null, now, name, build);
  }

  setStatus(name: string, build: number, status: BuildStatus, now: string): void {
    this.#status.run(status, now, name, build);
  }

  /** Records the poison event and marks the build failed, in one transaction. */
  markFailed(record: ProjectionErrorRecord): void {
    this.#db.transaction(() => {
      this.recordError(record);
      this.setStatus(record.projection, record.build, 'failed', record.occurredAt);
    })();
  }

  recordError(record: ProjectionErrorRecord): void {
    this.#error.run(
      record.projection,
      record.build,
      record.version,
      record.position,
      record.eventId,
      record.eventType,
      record.message.slice(0, 2000),
      record.occurredAt,
    );
  }

  /** Makes `build` the active build of `name` and drops every other build, in one transaction. */
  switchActive(name: string, build: number, now: string): void {
    this.#db.transaction(() => {
      this.#deactivate.run(now, name);
      this.#activate.run(now, name, build);
      for (const other of this.builds(name)) if (other.build !== build) this.#drop(other);
    })();
  }

  /** Drops a build's tables and its registry row. */
  discard(row: BuildRow): void {
    this.#db.transaction(() => this.#drop(row))();
  }

  #drop(row: BuildRow): void {
    for (const table of Object.values(row.tables)) this.#db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
    this.#delete.run(row.name, row.build);
  }
}

import type Database from 'better-sqlite3';

/** Rows per INSERT statement: one statement per row costs more in the driver and the VM than the row itself. */
const CHUNK = 32;
const COLUMNS = 8;

export interface EventValues {
  id: string;
  version: number;
  data: string;
  metadata: string;
}

/**
 * Inserts a call's events with multi-row INSERTs and returns their positions. Positions are consecutive
 * within one statement: the rowid of each new row is max(rowid) + 1 and the writer holds the write lock.
 * `OR FAIL` keeps the rows before a violation instead of undoing the statement, so SQLite needs no statement
 * journal (a copy of every page each INSERT touches); the caller's savepoint undoes the whole call instead.
 */
export const createEventInserter = (db: Database.Database) => {
  const bySize = new Map<number, Database.Statement>();
  const statementFor = (rows: number): Database.Statement => {
    let statement = bySize.get(rows);
    if (statement === undefined) {
      const tuples = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      statement = db.prepare(
        `INSERT OR FAIL INTO events (stream, revision, id, type, version, data, metadata, recorded_at) VALUES ${tuples}`,
      );
      bySize.set(rows, statement);
    }
    return statement;
  };

  return (
    streamId: bigint,
    firstRevision: bigint,
    events: readonly EventValues[],
    typeIds: readonly number[],
    recordedAt: string,
  ): bigint[] => {
    const positions = new Array<bigint>(events.length);
    for (let start = 0; start < events.length; start += CHUNK) {
      const rows = Math.min(CHUNK, events.length - start);
      const values = new Array<unknown>(rows * COLUMNS);
      for (let row = 0, at = 0; row < rows; row++) {
        const event = events[start + row]!;
        values[at++] = streamId;
        values[at++] = firstRevision + BigInt(start + row);
        values[at++] = event.id;
        values[at++] = typeIds[start + row];
        values[at++] = event.version;
        values[at++] = event.data;
        values[at++] = event.metadata;
        values[at++] = recordedAt;
      }
      const last = statementFor(rows).run(values).lastInsertRowid as bigint;
      for (let row = 0; row < rows; row++) positions[start + row] = last - BigInt(rows - 1 - row);
    }
    return positions;
  };
};

export type EventInserter = ReturnType<typeof createEventInserter>;

import type Database from 'better-sqlite3';
import { HASH_BYTES } from '../serialisedEvent.js';

/** Rows per INSERT statement: one statement per row costs more in the driver and the VM than the row itself. */
const CHUNK = 32;

export interface EventValues {
  id: string;
  version: number;
  dataJson: string;
  /** The metadata text, without the chain hashes of a hash-chained event. */
  baseMetadataJson: string;
  /** A hash-chained event's `[prevHash, hash]` bytes start at `chainOffset` of `chain` (see SerialisedEvent). */
  chain: Uint8Array | undefined;
  chainOffset: number;
}

type Shape = 'plain' | 'chained' | 'rows';

const tuple = (shape: Shape, row: number): string => {
  const base = '?, ?, ?, ?, ?, ?, ?, ?';
  if (shape === 'plain') return `(${base})`;
  if (shape === 'rows') return `(${base}, ?, ?)`;
  // One blob of `[prevHash, hash 1, hash 2, ...]` for the whole chunk; SQLite takes each row's hash out of it.
  const hash = `substr(@chain, ${(row + 1) * HASH_BYTES + 1}, ${HASH_BYTES})`;
  return `(${base}, ${hash}, ${row === 0 ? `iif(?, substr(@chain, 1, ${HASH_BYTES}), NULL)` : 'NULL'})`;
};

const isZero = (bytes: Uint8Array, from: number): boolean => {
  for (let i = from; i < from + HASH_BYTES; i++) if (bytes[i] !== 0) return false;
  return true;
};

const linked = (previous: EventValues, chain: Uint8Array, chainOffset: number): boolean =>
  previous.chain === chain && previous.chainOffset + HASH_BYTES === chainOffset;

/**
 * Whether the `prev_hash` column must hold the bytes. It is NULL when a reader can tell it: 64 zeros at revision 0,
 * else the hash of the stream's previous event, which is the event before it in this call.
 */
const needsPrevHash = (events: readonly EventValues[], index: number, revision: bigint): boolean => {
  const { chain, chainOffset } = events[index]!;
  if (chain === undefined) return false;
  return index === 0 ? revision !== 0n || !isZero(chain, chainOffset) : !linked(events[index - 1]!, chain, chainOffset);
};

/** The shape of a chunk: no hashes, hashes in one shared buffer one after the other, or anything else. */
const shapeOf = (events: readonly EventValues[], start: number, rows: number): Shape => {
  const first = events[start]!;
  if (first.chain === undefined) {
    for (let row = 1; row < rows; row++) if (events[start + row]!.chain !== undefined) return 'rows';
    return 'plain';
  }
  for (let row = 1; row < rows; row++) {
    const { chain, chainOffset } = events[start + row]!;
    if (chain !== first.chain || chainOffset !== first.chainOffset + row * HASH_BYTES) return 'rows';
  }
  return 'chained';
};

const view = (bytes: Uint8Array, from: number, length: number): Uint8Array =>
  new Uint8Array(bytes.buffer, bytes.byteOffset + from, length);

/**
 * Inserts a call's events with multi-row INSERTs and returns their positions. Positions are consecutive
 * within one statement: the rowid of each new row is max(rowid) + 1 and the writer holds the write lock.
 * `OR FAIL` keeps the rows before a violation instead of undoing the statement, so SQLite needs no statement
 * journal (a copy of every page each INSERT touches); the caller's savepoint undoes the whole call instead.
 */
export const createEventInserter = (db: Database.Database) => {
  const byShape = new Map<string, Database.Statement>();
  const statementFor = (shape: Shape, rows: number): Database.Statement => {
    const key = `${shape}${rows}`;
    let statement = byShape.get(key);
    if (statement === undefined) {
      const tuples = Array.from({ length: rows }, (_, row) => tuple(shape, row)).join(', ');
      const chainColumns = shape === 'plain' ? '' : ', hash, prev_hash';
      statement = db.prepare(
        `INSERT OR FAIL INTO events (stream, revision, id, type, version, data, metadata, recorded_at${chainColumns})
         VALUES ${tuples}`,
      );
      byShape.set(key, statement);
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
      const shape = shapeOf(events, start, rows);
      const values = new Array<unknown>(rows * (shape === 'rows' ? 10 : 8) + (shape === 'chained' ? 1 : 0));
      let at = 0;
      for (let row = 0; row < rows; row++) {
        const index = start + row;
        const event = events[index]!;
        values[at++] = streamId;
        values[at++] = firstRevision + BigInt(index);
        values[at++] = event.id;
        values[at++] = typeIds[index];
        values[at++] = event.version;
        values[at++] = event.dataJson;
        values[at++] = event.baseMetadataJson;
        values[at++] = recordedAt;
        if (shape === 'rows') {
          const { chain, chainOffset } = event;
          values[at++] = chain === undefined ? null : view(chain, chainOffset + HASH_BYTES, HASH_BYTES);
          values[at++] =
            chain !== undefined && needsPrevHash(events, index, firstRevision)
              ? view(chain, chainOffset, HASH_BYTES)
              : null;
        } else if (shape === 'chained' && row === 0) {
          values[at++] = needsPrevHash(events, index, firstRevision) ? 1 : 0;
        }
      }
      const statement = statementFor(shape, rows);
      const first = events[start]!;
      const run =
        shape === 'chained'
          ? statement.run(values, { chain: view(first.chain!, first.chainOffset, (rows + 1) * HASH_BYTES) })
          : statement.run(values);
      const last = run.lastInsertRowid as bigint;
      for (let row = 0; row < rows; row++) positions[start + row] = last - BigInt(rows - 1 - row);
    }
    return positions;
  };
};

export type EventInserter = ReturnType<typeof createEventInserter>;

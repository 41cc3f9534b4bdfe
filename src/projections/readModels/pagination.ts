import type { Database } from 'better-sqlite3';
import { AppError } from '../../domain/errors.js';
import type { Page, PageRequest } from './readModelTypes.js';

export const MAX_PAGE_SIZE = 200;

export class InvalidPageRequestError extends AppError {
  readonly code = 'INVALID_PAGE_REQUEST';
  readonly kind = 'invalid';
}

export const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key a cursor stands for; throws InvalidPageRequestError on a cursor of another shape. */
export const decodeCursor = (cursor: string, length: number): string[] => {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key;
  } catch {}
  throw new InvalidPageRequestError('The cursor is not one this query returned', { cursor });
};

export const pageSize = ({ first }: PageRequest): number => {
  if (!Number.isSafeInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new InvalidPageRequestError(`first must be between 1 and ${MAX_PAGE_SIZE}`, { first });
  return first;
};

/** A page from `size + 1` fetched rows: the extra row only tells that there is a next page. */
export const toPage = <Row, T>(
  rows: Row[],
  size: number,
  totalCount: number,
  map: (row: Row) => T,
  keyOf: (row: Row) => string[],
): Page<T> => {
  const hasNextPage = rows.length > size;
  const kept = hasNextPage ? rows.slice(0, size) : rows;
  const last = kept.at(-1);
  return {
    totalCount,
    items: kept.map(map),
    endCursor: last === undefined ? null : encodeCursor(keyOf(last)),
    hasNextPage,
  };
};

/** Counts kept at most; the oldest is dropped beyond it. */
const MEMO_CAPACITY = 1_000;

/**
 * Exact total counts, each computed once until the read models change: any row written on the shared
 * connection (`total_changes()`, rolled-back statements included) or a commit by another connection
 * (`data_version`) forgets them all. Paging through a list, or many readers of the same list, then cost one
 * count per committed batch instead of one per page. `key` must name the statement and every parameter.
 */
export const countMemo = (db: Database) => {
  const version = db.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version)').raw(true);
  const counts = new Map<string, number>();
  let seen = '';
  return (key: string, count: () => number): number => {
    if (db.inTransaction) return count();
    const now = (version.get() as number[]).join(':');
    if (now !== seen) {
      counts.clear();
      seen = now;
    }
    let n = counts.get(key);
    if (n === undefined) {
      n = count();
      if (counts.size >= MEMO_CAPACITY) counts.delete(counts.keys().next().value as string);
      counts.set(key, n);
    }
    return n;
  };
};

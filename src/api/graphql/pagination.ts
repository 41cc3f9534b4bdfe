import { encodeCursor } from '../../projections/readModels/pagination.js';
import type {
  ClientRow,
  DeadlineRow,
  Page,
  PageRequest,
  TransferDueRow,
} from '../../projections/readModels/readModelQueries.js';
import { PageSizeOutOfRangeError } from './errors.js';

export const MAX_PAGE_SIZE = 200;

/** `first` checked against 1..200 (PAGE_SIZE_OUT_OF_RANGE), `after` passed on as the opaque cursor. */
export const pageRequest = (first: number | null | undefined, after: string | null | undefined): PageRequest => {
  const size = first ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new PageSizeOutOfRangeError(size, MAX_PAGE_SIZE);
  return after === null || after === undefined ? { first: size } : { first: size, after };
};

export interface Connection<N> {
  totalCount: number;
  edges: Array<{ cursor: string; node: N }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

// Edge cursors use the read models' sort keys (caseload, deadline and transfer queries); keep them in step.
export const clientCursor = (row: ClientRow): string => encodeCursor([row.clientId]);
export const deadlineCursor = (row: DeadlineRow): string => encodeCursor([row.dueOn, row.clientId, row.id]);
export const transferCursor = (row: TransferDueRow): string =>
  encodeCursor([row.dueOn, row.clientId, row.clockStart, row.to]);

/** A page as a GraphQL connection; each edge's cursor resumes right after its item. */
export const toConnection = <T, N>(
  page: Page<T>,
  toNode: (item: T) => N,
  cursorOf: (item: T) => string,
): Connection<N> => ({
  totalCount: page.totalCount,
  edges: page.items.map((item) => ({ cursor: cursorOf(item), node: toNode(item) })),
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
});

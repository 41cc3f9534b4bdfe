import type { ReadModels } from '../runner/readModels.js';
import { decodeCursor, pageSize, toPage } from './pagination.js';
import type { Page, PageRequest, TransferDueRow } from './readModelTypes.js';
import { statementVariants } from './sqlVariants.js';
import { TRANSFERS_DUE_PROJECTION } from './transfersDueProjection.js';

type Tables = 'transfers_due';

interface TransferRecord {
  client_id: string;
  clock_start: string;
  to_organisation: string;
  from_organisation: string | null;
  reason: string;
  due_on: string;
}

const toRow = (r: TransferRecord): TransferDueRow => ({
  clientId: r.client_id,
  from: r.from_organisation,
  to: r.to_organisation,
  reason: r.reason,
  clockStart: r.clock_start,
  dueOn: r.due_on,
});

const OPEN_ON = 'open_until > @asOf AND clock_start <= @asOf';
const COLUMNS = 'client_id, clock_start, to_organisation, from_organisation, reason, due_on';

/** `organisation` matches the sender or the receiver: each side looked up by its own index. */
const source = (table: string, byOrganisation: boolean): string =>
  byOrganisation
    ? `(SELECT ${COLUMNS} FROM ${table} WHERE from_organisation = @organisation AND ${OPEN_ON}
        UNION SELECT ${COLUMNS} FROM ${table} WHERE to_organisation = @organisation AND ${OPEN_ON})`
    : `(SELECT ${COLUMNS} FROM ${table} WHERE ${OPEN_ON})`;

export const transferQueries = (readModels: ReadModels) => {
  const rows = statementVariants<Tables>(readModels, TRANSFERS_DUE_PROJECTION, (t, key) => {
    const [organisation, after] = key.split('|');
    const cursor =
      after === 'after' ? 'WHERE (due_on, client_id, clock_start, to_organisation) > (@d, @c, @s, @o)' : '';
    return `SELECT * FROM ${source(t.transfers_due, organisation === 'organisation')} ${cursor}
      ORDER BY due_on, client_id, clock_start, to_organisation LIMIT @limit`;
  });
  const count = statementVariants<Tables>(
    readModels,
    TRANSFERS_DUE_PROJECTION,
    (t, key) => `SELECT COUNT(*) AS n FROM ${source(t.transfers_due, key === 'organisation')}`,
  );
  return {
    transfersDue(filter: { organisation?: string; asOf: string }, request: PageRequest): Page<TransferDueRow> {
      const size = pageSize(request);
      const params = filter.organisation === undefined ? { asOf: filter.asOf } : { ...filter };
      const key = filter.organisation === undefined ? '' : 'organisation';
      const total = count(key).get(params) as { n: number };
      let cursor = {};
      if (request.after !== undefined) {
        const [d, c, s, o] = decodeCursor(request.after, 4);
        cursor = { d, c, s, o };
      }
      const found = rows(`${key}|${request.after === undefined ? '' : 'after'}`).all({
        ...params,
        ...cursor,
        limit: size + 1,
      }) as TransferRecord[];
      return toPage(found, size, Number(total.n), toRow, (r) => [
        r.due_on,
        r.client_id,
        r.clock_start,
        r.to_organisation,
      ]);
    },
  };
};

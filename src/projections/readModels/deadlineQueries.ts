import type { ReadModels } from '../runner/readModels.js';
import { DEADLINES_PROJECTION } from './deadlinesProjection.js';
import { countMemo, decodeCursor, pageSize, toPage } from './pagination.js';
import type { DeadlineRow, Page, PageRequest } from './readModelTypes.js';
import { has, idList, presentKey, statementVariants } from './sqlVariants.js';

type Tables = 'deadlines';

interface DeadlineRecord {
  client_id: string;
  id: string;
  kind: string;
  clock_start: string;
  due_on: string;
  closed_on: string | null;
  closed_by: string | null;
  cancelled_on: string | null;
  policy_id: string;
  citation: string;
  opened_by: string;
  organisation: string | null;
}

const COLUMNS =
  'client_id, id, kind, clock_start, due_on, closed_on, closed_by, cancelled_on, policy_id, citation, opened_by, organisation';

export const toDeadlineRow = (r: DeadlineRecord): DeadlineRow => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  clockStart: r.clock_start,
  dueOn: r.due_on,
  closedOn: r.closed_on,
  closedBy: r.closed_by,
  cancelledOn: r.cancelled_on,
  policyId: r.policy_id,
  citation: r.citation,
  openedBy: r.opened_by,
  organisation: r.organisation,
});

const keyOf = (r: DeadlineRecord): string[] => [r.due_on, r.client_id, r.id];

// domain.md §6 (`deadlineStateOn`): a breach on @asOf is MET_LATE (met after due, by @asOf) or OVERDUE (past due,
// neither met nor cancelled by @asOf). `breachable = 1` selects the partial indexes.
const BREACH_ON = `breachable = 1 AND due_on < @asOf AND clock_start <= @asOf AND (
  (closed_on IS NOT NULL AND closed_on <= @asOf AND closed_on > due_on)
  OR ((closed_on IS NULL OR closed_on > @asOf) AND (cancelled_on IS NULL OR cancelled_on > @asOf)))`;
// PENDING on @asOf and due by @dueBy.
const UPCOMING = `clock_start <= @asOf AND due_on > @asOf AND due_on <= @dueBy
  AND (closed_on IS NULL OR closed_on > @asOf) AND (cancelled_on IS NULL OR cancelled_on > @asOf)`;
// Still open at the end of the due date: OVERDUE from the next day.
const FALLING_DUE = `breachable = 1 AND due_on > @afterDate AND due_on <= @upToDate
  AND (closed_on IS NULL OR closed_on > due_on) AND (cancelled_on IS NULL OR cancelled_on > due_on)`;

const FILTERS = ['organisation', 'kind'] as const;

const where = (condition: string, key: string): string =>
  [...FILTERS.filter((name) => has(key, name)).map((name) => `${name} = @${name}`), condition].join(' AND ');

type Filter = { organisation?: string; kind?: string; asOf: string; dueBy?: string };

export const deadlineQueries = (readModels: ReadModels) => {
  const ofClients = readModels.statement<Tables>(
    DEADLINES_PROJECTION,
    (t) => `SELECT d.${COLUMNS.replaceAll(', ', ', d.')} FROM json_each(?) AS ids
      JOIN ${t.deadlines} AS d ON d.client_id = ids.value ORDER BY d.client_id, d.due_on, d.id`,
  );
  const memo = countMemo(readModels.db);
  // The page's keys come from the filter's index (covering for breaches); only the rows kept are read.
  const listing = (name: string, condition: string) => {
    const rows = statementVariants<Tables>(readModels, DEADLINES_PROJECTION, (t, key) => {
      const [filters = '', after] = key.split('|');
      const cursor = after === 'after' ? 'AND (due_on, client_id, id) > (@dueOn, @clientId, @id)' : '';
      return `SELECT d.${COLUMNS.replaceAll(', ', ', d.')} FROM (SELECT due_on, client_id, id FROM ${t.deadlines}
          WHERE ${where(condition, filters)} ${cursor} ORDER BY due_on, client_id, id LIMIT @limit) AS page
        JOIN ${t.deadlines} AS d ON d.client_id = page.client_id AND d.id = page.id
        ORDER BY page.due_on, page.client_id, page.id`;
    });
    const count = statementVariants<Tables>(
      readModels,
      DEADLINES_PROJECTION,
      (t, key) => `SELECT COUNT(*) AS n FROM ${t.deadlines} WHERE ${where(condition, key)}`,
    );
    return (filter: Filter, request: PageRequest): Page<DeadlineRow> => {
      const size = pageSize(request);
      const filters = presentKey(filter, FILTERS);
      const params: Record<string, unknown> = { asOf: filter.asOf };
      if (filter.dueBy !== undefined) params.dueBy = filter.dueBy;
      for (const name of FILTERS) if (filter[name] !== undefined) params[name] = filter[name];
      const total = memo(
        `${name}|${filters}|${JSON.stringify(params)}`,
        () => (count(filters).get(params) as { n: number }).n,
      );
      let cursor = {};
      if (request.after !== undefined) {
        const [dueOn, clientId, id] = decodeCursor(request.after, 3);
        cursor = { dueOn, clientId, id };
      }
      const found = rows(`${filters}|${request.after === undefined ? '' : 'after'}`).all({
        ...params,
        ...cursor,
        limit: size + 1,
      }) as DeadlineRecord[];
      return toPage(found, size, total, toDeadlineRow, keyOf);
    };
  };
  const breaches = listing('breaches', BREACH_ON);
  const upcoming = listing('upcoming', UPCOMING);
  const fallingDue = statementVariants<Tables>(
    readModels,
    DEADLINES_PROJECTION,
    (t, key) => `SELECT ${COLUMNS} FROM ${t.deadlines} WHERE ${where(FALLING_DUE, key)} ORDER BY due_on, client_id, id`,
  );

  return {
    deadlinesOfClients(ids: readonly string[]): Map<string, DeadlineRow[]> {
      const found = new Map<string, DeadlineRow[]>();
      for (const record of ofClients().all(idList(ids)) as DeadlineRecord[]) {
        const list = found.get(record.client_id) ?? [];
        list.push(toDeadlineRow(record));
        found.set(record.client_id, list);
      }
      return found;
    },
    deadlineBreaches: (filter: { organisation?: string; kind?: string; asOf: string }, request: PageRequest) =>
      breaches(filter, request),
    upcomingDeadlines: (
      filter: { organisation?: string; kind?: string; asOf: string; dueBy: string },
      request: PageRequest,
    ) => upcoming(filter, request),
    deadlinesFallingDue(afterDate: string, upToDate: string, organisation?: string): DeadlineRow[] {
      const params = organisation === undefined ? { afterDate, upToDate } : { afterDate, upToDate, organisation };
      const key = organisation === undefined ? '' : 'organisation';
      return (fallingDue(key).all(params) as DeadlineRecord[]).map(toDeadlineRow);
    },
  };
};

import type { ReadModels } from '../runner/readModels.js';
import { CLIENTS_PROJECTION } from './clientsProjection.js';
import { countMemo, decodeCursor, pageSize, toPage } from './pagination.js';
import type {
  CaseloadBucket,
  CaseloadDimension,
  CaseloadFilter,
  ClientRow,
  ClientStatus,
  Page,
  PageRequest,
} from './readModelTypes.js';
import { has, idList, presentKey, statementVariants } from './sqlVariants.js';

type Tables = 'clients' | 'client_segments';

interface ClientRecord {
  client_id: string;
  status: ClientStatus;
  organisation: string | null;
  basis: string | null;
  criteria: string;
  responsible_since: string | null;
  home_municipality: string | null;
  coach: string | null;
  job_search_started_on: string | null;
  job_search_ended_on: string | null;
  latest_plan_on: string | null;
  active_services: string;
  last_revision: bigint;
  last_position: bigint;
}

export const toClientRow = (r: ClientRecord): ClientRow => ({
  clientId: r.client_id,
  status: r.status,
  organisation: r.organisation,
  basis: r.basis,
  criteria: JSON.parse(r.criteria) as string[],
  responsibleSince: r.responsible_since,
  homeMunicipality: r.home_municipality,
  coach: r.coach,
  jobSearchStartedOn: r.job_search_started_on,
  jobSearchEndedOn: r.job_search_ended_on,
  latestPlanOn: r.latest_plan_on,
  activeServices: JSON.parse(r.active_services) as ClientRow['activeServices'],
  lastRevision: r.last_revision,
  lastPosition: r.last_position,
});

const FILTERS = ['organisation', 'municipality', 'coach', 'basis', 'status'] as const;

const DIMENSIONS: Readonly<Record<CaseloadDimension, keyof CaseloadBucket>> = {
  ORGANISATION: 'organisation',
  MUNICIPALITY: 'municipality',
  COACH: 'coach',
  BASIS: 'basis',
  STATUS: 'status',
};

/** The segment in force on @asOf, with the filters that are present. */
const segmentWhere = (key: string, alias = 's'): string =>
  [
    ...FILTERS.filter((name) => has(key, name)).map((name) => `${alias}.${name} = @${name}`),
    `${alias}.from_on <= @asOf`,
    `(${alias}.to_on IS NULL OR ${alias}.to_on >= @asOf)`,
  ].join(' AND ');

export const caseloadQueries = (readModels: ReadModels) => {
  const byIds = readModels.statement<Tables>(
    CLIENTS_PROJECTION,
    (t) => `SELECT c.* FROM json_each(?) AS ids JOIN ${t.clients} AS c ON c.client_id = ids.value`,
  );
  // The page's keys come from the filter's index alone (covering for an organisation); only the rows kept are
  // read from the tables (a WITHOUT ROWID table is otherwise read for every index entry the filter skips).
  const pageRows = statementVariants<Tables>(readModels, CLIENTS_PROJECTION, (t, key) => {
    const [filters, after] = key.split('|');
    return `SELECT s.client_id, s.status, s.organisation, s.basis, s.criteria, s.responsible_since,
        s.municipality AS home_municipality, s.coach, c.job_search_started_on, c.job_search_ended_on,
        c.latest_plan_on, c.active_services, c.last_revision, c.last_position
      FROM (SELECT k.client_id, k.from_on FROM ${t.client_segments} AS k
          WHERE ${segmentWhere(filters ?? '', 'k')} ${after === 'after' ? 'AND k.client_id > @after' : ''}
          ORDER BY k.client_id LIMIT @limit) AS page
        JOIN ${t.client_segments} AS s ON s.client_id = page.client_id AND s.from_on = page.from_on
        JOIN ${t.clients} AS c ON c.client_id = page.client_id
      ORDER BY page.client_id`;
  });
  const count = statementVariants<Tables>(
    readModels,
    CLIENTS_PROJECTION,
    (t, key) => `SELECT COUNT(*) AS n FROM ${t.client_segments} AS s WHERE ${segmentWhere(key)}`,
  );
  const summary = statementVariants<Tables>(readModels, CLIENTS_PROJECTION, (t, key) => {
    const [groups = '', filters = ''] = key.split('|');
    const columns = groups === '' ? [] : groups.split(',').map((name) => `s.${name}`);
    const select = [...columns.map((column) => `${column} AS ${column.slice(2)}`), 'COUNT(*) AS count'].join(', ');
    const grouping = columns.length === 0 ? '' : `GROUP BY ${columns.join(', ')} ORDER BY ${columns.join(', ')}`;
    return `SELECT ${select} FROM ${t.client_segments} AS s WHERE ${segmentWhere(filters)} ${grouping}`;
  });

  const memo = countMemo(readModels.db);

  return {
    clientsByIds(ids: readonly string[]): Map<string, ClientRow> {
      const rows = byIds().safeIntegers(true).all(idList(ids)) as ClientRecord[];
      return new Map(rows.map((row) => [row.client_id, toClientRow(row)]));
    },

    caseload(filter: CaseloadFilter, request: PageRequest): Page<ClientRow> {
      const size = pageSize(request);
      const filters = presentKey(filter, FILTERS);
      const params: Record<string, unknown> = { asOf: filter.asOf };
      for (const name of FILTERS) if (filter[name] !== undefined) params[name] = filter[name];
      const total = memo(
        `caseload|${filters}|${JSON.stringify(params)}`,
        () => (count(filters).get(params) as { n: number }).n,
      );
      const after = request.after === undefined ? {} : { after: decodeCursor(request.after, 1)[0] };
      const rows = pageRows(`${filters}|${request.after === undefined ? '' : 'after'}`)
        .safeIntegers(true)
        .all({ ...params, ...after, limit: size + 1 }) as ClientRecord[];
      return toPage(rows, size, total, toClientRow, (row) => [row.client_id]);
    },

    caseloadSummary(
      groupBy: readonly CaseloadDimension[],
      filter: { organisation?: string; asOf: string },
    ): CaseloadBucket[] {
      const groups = [...new Set(groupBy)].map((dimension) => DIMENSIONS[dimension]);
      const params: Record<string, unknown> = { asOf: filter.asOf };
      if (filter.organisation !== undefined) params.organisation = filter.organisation;
      const key = `${groups.join(',')}|${filter.organisation === undefined ? '' : 'organisation'}`;
      return summary(key).all(params) as CaseloadBucket[];
    },
  };
};

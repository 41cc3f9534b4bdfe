import type { Database } from 'better-sqlite3';
import type { ClientState } from '../../domain/client/state.js';
import { type ApplyContext, defineProjection, type TableNames } from '../runner/projection.js';
import { CLIENT_EVENT_TYPES, ClientFold } from './clientFold.js';
import { ClientRows } from './clientRows.js';
import type { ReadModelDeps } from './options.js';
import { segmentsOf } from './segments.js';

export const CLIENTS_PROJECTION = 'clients';
type ClientTables = 'clients' | 'client_segments';

const migrate = (db: Database, t: TableNames<ClientTables>): void => {
  db.exec(`CREATE TABLE ${t.clients} (
      client_id TEXT PRIMARY KEY, status TEXT NOT NULL, organisation TEXT, basis TEXT, criteria TEXT NOT NULL,
      responsible_since TEXT, home_municipality TEXT, coach TEXT, job_search_started_on TEXT,
      job_search_ended_on TEXT, latest_plan_on TEXT, active_services TEXT NOT NULL,
      last_revision INTEGER NOT NULL, last_position INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE ${t.client_segments} (
      client_id TEXT NOT NULL, from_on TEXT NOT NULL, to_on TEXT, status TEXT NOT NULL, organisation TEXT,
      basis TEXT, criteria TEXT NOT NULL, responsible_since TEXT, municipality TEXT, coach TEXT,
      PRIMARY KEY (client_id, from_on)
    ) STRICT, WITHOUT ROWID;`);
};

const indexes = (db: Database, t: TableNames<ClientTables>): void => {
  const s = t.client_segments;
  db.exec(`CREATE INDEX IF NOT EXISTS ${s}_organisation ON ${s} (organisation, client_id, from_on, to_on, status, basis);
    CREATE INDEX IF NOT EXISTS ${s}_municipality ON ${s} (municipality, client_id, from_on, to_on);
    CREATE INDEX IF NOT EXISTS ${s}_coach ON ${s} (coach, client_id, from_on, to_on);`);
};

const SEGMENT_COLUMNS = [
  'client_id',
  'from_on',
  'to_on',
  'status',
  'organisation',
  'basis',
  'criteria',
  'responsible_since',
  'municipality',
  'coach',
];
const ORGANISATION = SEGMENT_COLUMNS.indexOf('organisation');

const activeServices = (state: ClientState) =>
  state.services
    .filter((service) => service.endedOn === null)
    .map(({ serviceId, serviceType, startedOn, expectedEndOn }) => ({
      serviceId,
      serviceType,
      startedOn,
      expectedEndOn,
    }));

/** Current state per client (the latest segment) and its history as segments for `caseload(asOf)`. */
export const clientsProjection = (deps: ReadModelDeps) =>
  defineProjection({
    name: CLIENTS_PROJECTION,
    version: 2,
    handles: CLIENT_EVENT_TYPES,
    tables: ['clients', 'client_segments'],
    migrate,
    indexes,
    prepare: (db, t) => {
      const upsertClient = db.prepare(
        `INSERT INTO ${t.clients} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (client_id) DO UPDATE SET status = excluded.status, organisation = excluded.organisation,
         basis = excluded.basis, criteria = excluded.criteria, responsible_since = excluded.responsible_since,
         home_municipality = excluded.home_municipality, coach = excluded.coach,
         job_search_started_on = excluded.job_search_started_on, job_search_ended_on = excluded.job_search_ended_on,
         latest_plan_on = excluded.latest_plan_on, active_services = excluded.active_services,
         last_revision = excluded.last_revision, last_position = excluded.last_position`,
      );
      const segmentRows = new ClientRows(db, t.client_segments, SEGMENT_COLUMNS, 2);
      return new ClientFold(db, deps).applyWith((fold, context: ApplyContext) =>
        fold.flush(({ clientId, before, after, revision, position }) => {
          const { state } = after;
          const segments = segmentsOf(state, deps);
          const stored = segmentRows.replace(
            clientId,
            segments.map((s) => [
              clientId,
              s.from,
              s.to,
              s.status,
              s.organisation,
              s.basis,
              JSON.stringify(s.criteria),
              s.since,
              s.municipality,
              s.coach,
            ]),
            before === undefined,
          );
          const current = segments.at(-1);
          const period = state.jobSearches.at(-1);
          upsertClient.run(
            clientId,
            current?.status ?? 'ENDED',
            current?.organisation ?? null,
            current?.basis ?? null,
            JSON.stringify(current?.criteria ?? []),
            current?.since ?? null,
            current?.municipality ?? null,
            current?.coach ?? null,
            period?.startedOn ?? null,
            period?.endedOn ?? null,
            state.plans.at(-1)?.on ?? null,
            JSON.stringify(activeServices(state)),
            revision,
            position,
          );
          if (context.rebuilding) return;
          context.emit('clientChanged', {
            clientId,
            organisation: current?.organisation ?? null,
            previousOrganisation: stored.at(-1)?.[ORGANISATION] ?? null,
          });
        }),
      );
    },
  });

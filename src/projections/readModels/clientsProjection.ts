import type { Database } from 'better-sqlite3';
import type { ClientState } from '../../domain/client/state.js';
import { type ApplyContext, defineProjection, type TableNames } from '../runner/projection.js';
import { CLIENT_EVENT_TYPES, ClientFold, foldStateSchema } from './clientFold.js';
import type { ReadModelDeps } from './options.js';
import { type Segment, segmentsOf } from './segments.js';

export const CLIENTS_PROJECTION = 'clients';
type ClientTables = 'clients_state' | 'clients' | 'client_segments';

const migrate = (db: Database, t: TableNames<ClientTables>): void => {
  db.exec(`${foldStateSchema(t.clients_state)};
    CREATE TABLE ${t.clients} (
      client_id TEXT PRIMARY KEY, status TEXT NOT NULL, organisation TEXT, basis TEXT, criteria TEXT NOT NULL,
      responsible_since TEXT, home_municipality TEXT, coach TEXT, job_search_started_on TEXT,
      job_search_ended_on TEXT, latest_plan_on TEXT, active_services TEXT NOT NULL,
      last_revision INTEGER NOT NULL, last_position INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE ${t.client_segments} (
      client_id TEXT NOT NULL, from_on TEXT NOT NULL, to_on TEXT, status TEXT NOT NULL, organisation TEXT,
      basis TEXT, criteria TEXT NOT NULL, responsible_since TEXT, municipality TEXT, coach TEXT,
      PRIMARY KEY (client_id, from_on)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX ${t.client_segments}_organisation
      ON ${t.client_segments} (organisation, client_id, from_on, to_on, status, basis);
    CREATE INDEX ${t.client_segments}_municipality ON ${t.client_segments} (municipality, client_id, from_on, to_on);
    CREATE INDEX ${t.client_segments}_coach ON ${t.client_segments} (coach, client_id, from_on, to_on);`);
};

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
    version: 1,
    handles: CLIENT_EVENT_TYPES,
    tables: ['clients_state', 'clients', 'client_segments'],
    migrate,
    prepare: (db, t) => {
      const fold = new ClientFold<null>(db, t.clients_state, { initialExtra: () => null });
      const upsertClient = db.prepare(
        `INSERT OR REPLACE INTO ${t.clients} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const deleteSegments = db.prepare(`DELETE FROM ${t.client_segments} WHERE client_id = ?`);
      const insertSegment = db.prepare(`INSERT INTO ${t.client_segments} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const writeSegments = (clientId: string, segments: Segment[]) => {
        deleteSegments.run(clientId);
        for (const s of segments)
          insertSegment.run(
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
          );
      };
      const apply = (event: Parameters<typeof fold.apply>[0]) => {
        fold.apply(event);
      };
      return Object.assign(apply, {
        endBatch: (context: ApplyContext) =>
          fold.flush(({ clientId, before, after, revision, position }) => {
            const { state } = after;
            const segments = segmentsOf(state, deps);
            writeSegments(clientId, segments);
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
            const previous = before === undefined ? undefined : segmentsOf(before.state, deps).at(-1)?.organisation;
            context.emit('clientChanged', {
              clientId,
              organisation: current?.organisation ?? null,
              previousOrganisation: previous ?? null,
            });
          }),
      });
    },
  });

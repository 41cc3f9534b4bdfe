import type { Database } from 'better-sqlite3';
import { addMonths, type IsoDate } from '../../domain/calendar/isoDate.js';
import { organisationAnswerableOn } from '../../domain/client/queries.js';
import type { Deadline } from '../../domain/deadlines/deadline.js';
import { deriveDeadlines } from '../../domain/deadlines/deriveDeadlines.js';
import { defineProjection, type TableNames } from '../runner/projection.js';
import { CLIENT_EVENT_TYPES, ClientFold } from './clientFold.js';
import { ClientRows } from './clientRows.js';
import type { ReadModelDeps } from './options.js';

export const DEADLINES_PROJECTION = 'deadlines';
type DeadlineTables = 'deadlines';

const migrate = (db: Database, t: TableNames<DeadlineTables>): void => {
  const d = t.deadlines;
  db.exec(`CREATE TABLE ${d} (
      client_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, clock_start TEXT NOT NULL,
      due_on TEXT NOT NULL, closed_on TEXT, closed_by TEXT, cancelled_on TEXT, policy_id TEXT NOT NULL,
      citation TEXT NOT NULL, opened_by TEXT NOT NULL, organisation TEXT, breachable INTEGER NOT NULL,
      PRIMARY KEY (client_id, id)
    ) STRICT, WITHOUT ROWID;`);
};

const indexes = (db: Database, t: TableNames<DeadlineTables>): void => {
  const d = t.deadlines;
  db.exec(`CREATE INDEX IF NOT EXISTS ${d}_organisation ON ${d} (organisation, due_on, client_id, id);
    CREATE INDEX IF NOT EXISTS ${d}_kind ON ${d} (kind, due_on, client_id, id);
    CREATE INDEX IF NOT EXISTS ${d}_due ON ${d} (due_on, client_id, id);
    CREATE INDEX IF NOT EXISTS ${d}_organisation_breach
      ON ${d} (organisation, due_on, client_id, id, kind, clock_start, closed_on, cancelled_on) WHERE breachable = 1;
    CREATE INDEX IF NOT EXISTS ${d}_kind_breach
      ON ${d} (kind, due_on, client_id, id, clock_start, closed_on, cancelled_on) WHERE breachable = 1;
    CREATE INDEX IF NOT EXISTS ${d}_breach
      ON ${d} (due_on, client_id, id, clock_start, closed_on, cancelled_on) WHERE breachable = 1;`);
};

const COLUMNS = [
  'client_id',
  'id',
  'kind',
  'clock_start',
  'due_on',
  'closed_on',
  'closed_by',
  'cancelled_on',
  'policy_id',
  'citation',
  'opened_by',
  'organisation',
  'breachable',
];

/**
 * True when the deadline is a breach on some date (domain.md §6): met after its due date, or still open
 * (neither met nor cancelled) the day after it. The exact state per date is computed by the queries.
 */
export const isBreachable = ({ dueOn, closedOn, cancelledOn }: Deadline): boolean =>
  closedOn !== null ? closedOn > dueOn : cancelledOn === null || cancelledOn > dueOn;

/** The date deadlines are derived for: every clock starting by then has a row; states are judged per query. */
export const derivationDate = (lastDate: IsoDate, deps: ReadModelDeps): IsoDate =>
  addMonths(lastDate, deps.horizonMonths ?? 12);

/** Every deadline derived from each client's history, with due, closing and cancelling dates. */
export const deadlinesProjection = (deps: ReadModelDeps) =>
  defineProjection({
    name: DEADLINES_PROJECTION,
    version: 2,
    handles: CLIENT_EVENT_TYPES,
    tables: ['deadlines'],
    migrate,
    indexes,
    prepare: (db, t) => {
      const rows = new ClientRows(db, t.deadlines, COLUMNS, 2);
      const options = { ...deps };
      return new ClientFold(db, deps).applyWith((fold) =>
        fold.flush(({ clientId, before, after: { state, lastDate } }) => {
          const derived = deriveDeadlines(state, derivationDate(lastDate, deps), options).map((d) => [
            clientId,
            d.id,
            d.kind,
            d.clockStart,
            d.dueOn,
            d.closedOn,
            d.closedBy,
            d.cancelledOn,
            d.policyId,
            d.citation,
            d.openedBy,
            organisationAnswerableOn(state, d.dueOn),
            isBreachable(d) ? 1 : 0,
          ]);
          rows.replace(clientId, derived, before === undefined);
        }),
      );
    },
  });

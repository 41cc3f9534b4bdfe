import type { Database } from 'better-sqlite3';
import { entryOn } from '../../domain/client/queries.js';
import { transferObligations } from '../../domain/responsibility/transferObligations.js';
import { defineProjection, type TableNames } from '../runner/projection.js';
import { CLIENT_EVENT_TYPES, ClientFold } from './clientFold.js';
import { ClientRows, type RowValues } from './clientRows.js';
import { derivationDate } from './deadlinesProjection.js';
import type { ReadModelDeps } from './options.js';

export const TRANSFERS_DUE_PROJECTION = 'transfersDue';
type TransferTables = 'transfers_due';

/** Stands for "still open" in `open_until`, so open obligations sort after every date. */
export const OPEN_END = '9999-12-31';

const migrate = (db: Database, t: TableNames<TransferTables>): void => {
  const d = t.transfers_due;
  db.exec(`CREATE TABLE ${d} (
      client_id TEXT NOT NULL, clock_start TEXT NOT NULL, to_organisation TEXT NOT NULL, from_organisation TEXT,
      reason TEXT NOT NULL, due_on TEXT NOT NULL, open_until TEXT NOT NULL, ended_how TEXT,
      PRIMARY KEY (client_id, clock_start, to_organisation)
    ) STRICT, WITHOUT ROWID;`);
};

const indexes = (db: Database, t: TableNames<TransferTables>): void => {
  const d = t.transfers_due;
  db.exec(`CREATE INDEX IF NOT EXISTS ${d}_from ON ${d} (from_organisation, open_until);
    CREATE INDEX IF NOT EXISTS ${d}_to ON ${d} (to_organisation, open_until);
    CREATE INDEX IF NOT EXISTS ${d}_open ON ${d} (open_until);`);
};

const COLUMNS = [
  'client_id',
  'clock_start',
  'to_organisation',
  'from_organisation',
  'reason',
  'due_on',
  'open_until',
  'ended_how',
];

/**
 * Transfer obligations (Act 1269/2020 § 5) per client: who should be moved where and by when. An obligation is
 * open on D when its clock started on or before D and it had not ended (`open_until`, exclusive) by D.
 */
export const transfersDueProjection = (deps: ReadModelDeps) =>
  defineProjection({
    name: TRANSFERS_DUE_PROJECTION,
    version: 2,
    handles: CLIENT_EVENT_TYPES,
    tables: ['transfers_due'],
    migrate,
    indexes,
    prepare: (db, t) => {
      const rows = new ClientRows(db, t.transfers_due, COLUMNS, 3);
      return new ClientFold(db, deps).applyWith((fold) =>
        fold.flush(({ clientId, before, after: { state, lastDate } }) => {
          const date = derivationDate(lastDate, deps);
          const due: RowValues[] = [];
          for (const o of transferObligations(state, date, deps.organisations, deps))
            if (o.dueOn !== null)
              due.push([
                clientId,
                o.clockStart,
                o.to,
                entryOn(state.responsibility, o.clockStart)?.organisation ?? null,
                o.reason,
                o.dueOn,
                o.endedOn ?? OPEN_END,
                o.endedHow,
              ]);
          rows.replace(clientId, due, before === undefined);
        }),
      );
    },
  });

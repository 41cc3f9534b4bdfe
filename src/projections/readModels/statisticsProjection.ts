import type { Database } from 'better-sqlite3';
import { defineProjection, type TableNames } from '../runner/projection.js';
import { CLIENT_EVENT_TYPES, ClientFold } from './clientFold.js';
import type { ReadModelDeps } from './options.js';
import { addContributions, Contributions, MONTH_COUNTERS } from './statisticsContributions.js';

export const STATISTICS_PROJECTION = 'statistics';
type StatisticsTables = 'stat_months' | 'stat_experts' | 'stat_interview_days' | 'stat_statement_days';

const migrate = (db: Database, t: TableNames<StatisticsTables>): void => {
  const counters = MONTH_COUNTERS.map((counter) => `${counter} INTEGER NOT NULL DEFAULT 0`).join(', ');
  const histogram = (table: string) => `CREATE TABLE ${table} (
      organisation TEXT NOT NULL, month TEXT NOT NULL, days INTEGER NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (organisation, month, days)) STRICT, WITHOUT ROWID;
    CREATE INDEX ${table}_month ON ${table} (month, days);`;
  db.exec(`CREATE TABLE ${t.stat_months} (organisation TEXT NOT NULL, month TEXT NOT NULL, ${counters},
      PRIMARY KEY (organisation, month)) STRICT, WITHOUT ROWID;
    CREATE INDEX ${t.stat_months}_month ON ${t.stat_months} (month);
    CREATE TABLE ${t.stat_experts} (organisation TEXT NOT NULL, month TEXT NOT NULL, staff_id TEXT NOT NULL,
      contacts INTEGER NOT NULL, PRIMARY KEY (organisation, month, staff_id)) STRICT, WITHOUT ROWID;
    CREATE INDEX ${t.stat_experts}_month ON ${t.stat_experts} (month, staff_id);
    ${histogram(t.stat_interview_days)}
    ${histogram(t.stat_statement_days)}`);
};

const split = (key: string): [string, string, string] => {
  const [organisation = '', month = '', rest = ''] = key.split('|');
  return [organisation, month, rest];
};

/**
 * Monthly figures per organisation (domain.md §7) kept as additive counters: on every change of a client its
 * previous share is subtracted and its new share added, so late events move figures to the right months.
 */
export const statisticsProjection = (deps: ReadModelDeps) =>
  defineProjection({
    name: STATISTICS_PROJECTION,
    version: 2,
    handles: CLIENT_EVENT_TYPES,
    tables: ['stat_months', 'stat_experts', 'stat_interview_days', 'stat_statement_days'],
    migrate,
    prepare: (db, t) => {
      const anyCounter = MONTH_COUNTERS.map((counter) => `abs(${counter})`).join(' + ');
      const addMonth = db.prepare<unknown[], { left: number }>(
        `INSERT INTO ${t.stat_months} (organisation, month, ${MONTH_COUNTERS.join(', ')})
         VALUES (?, ?, ${MONTH_COUNTERS.map(() => '?').join(', ')})
         ON CONFLICT (organisation, month) DO UPDATE SET
         ${MONTH_COUNTERS.map((counter) => `${counter} = ${counter} + excluded.${counter}`).join(', ')}
         RETURNING ${anyCounter} AS left`,
      );
      const dropMonth = db.prepare(`DELETE FROM ${t.stat_months} WHERE organisation = ? AND month = ?`);
      const counted = (table: string, column: string, key: string) => ({
        add: db.prepare<[string, string, string | number, number], { left: number }>(
          `INSERT INTO ${table} VALUES (?, ?, ?, ?)
           ON CONFLICT DO UPDATE SET ${column} = ${column} + excluded.${column} RETURNING ${column} AS left`,
        ),
        drop: db.prepare(`DELETE FROM ${table} WHERE organisation = ? AND month = ? AND ${key} = ?`),
      });
      const experts = counted(t.stat_experts, 'contacts', 'staff_id');
      const interviewDays = counted(t.stat_interview_days, 'n', 'days');
      const statementDays = counted(t.stat_statement_days, 'n', 'days');
      const writeCounted = (statements: ReturnType<typeof counted>, map: Map<string, number>, numeric: boolean) => {
        for (const [key, amount] of map) {
          if (amount === 0) continue;
          const [organisation, month, rest] = split(key);
          const value = numeric ? Number(rest) : rest;
          if (statements.add.get(organisation, month, value, amount)?.left === 0)
            statements.drop.run(organisation, month, value);
        }
      };
      const writeMonths = (months: Contributions['months']) => {
        for (const [key, counters] of months) {
          const amounts = MONTH_COUNTERS.map((counter) => counters[counter] ?? 0);
          if (amounts.every((amount) => amount === 0)) continue;
          const [organisation, month] = split(key);
          if (addMonth.get(organisation, month, ...amounts)?.left === 0) dropMonth.run(organisation, month);
        }
      };
      return new ClientFold(db, deps).applyWith((fold) => {
        // The whole batch's changes are summed first, so each counter row is written once per batch.
        const delta = new Contributions(1);
        fold.flush(({ before, after }) => {
          delta.sign = 1;
          addContributions(after, deps, delta);
          delta.sign = -1;
          if (before !== undefined) addContributions(before, deps, delta);
        });
        writeMonths(delta.months);
        writeCounted(experts, delta.experts, false);
        writeCounted(interviewDays, delta.interviewDays, true);
        writeCounted(statementDays, delta.statementDays, true);
      });
    },
  });

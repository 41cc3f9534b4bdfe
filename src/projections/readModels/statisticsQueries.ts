import { addMonths } from '../../domain/calendar/isoDate.js';
import type { ReadModels } from '../runner/readModels.js';
import { combine, emptyAggregate, type MonthAggregate, toFigures } from './figures.js';
import type { StatisticsResult } from './readModelTypes.js';
import { statementVariants } from './sqlVariants.js';
import { MONTH_COUNTERS } from './statisticsContributions.js';
import { STATISTICS_PROJECTION } from './statisticsProjection.js';

type Tables = 'stat_months' | 'stat_experts' | 'stat_interview_days' | 'stat_statement_days';

const monthsBetween = (from: string, to: string): string[] => {
  const months: string[] = [];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); month = addMonths(`${month}-01`, 1).slice(0, 7))
    months.push(month);
  return months;
};

const sums = MONTH_COUNTERS.map((counter) => `SUM(${counter}) AS ${counter}`).join(', ');

export const statisticsQueries = (readModels: ReadModels) => {
  const statement = (build: (t: Record<Tables, string>, org: string) => string) =>
    statementVariants<Tables>(readModels, STATISTICS_PROJECTION, (t, key) =>
      build(t, key === 'organisation' ? 'organisation = @organisation AND' : ''),
    );
  const months = statement(
    (t, org) =>
      `SELECT month, ${sums} FROM ${t.stat_months} WHERE ${org} month BETWEEN @first AND @last GROUP BY month`,
  );
  const before = statement(
    (t, org) => `SELECT COALESCE(SUM(active_change), 0) AS active, COALESCE(SUM(up_to_date_change), 0) AS upToDate
      FROM ${t.stat_months} WHERE ${org} month < @first`,
  );
  const experts = statement((t, org) =>
    org === ''
      ? `SELECT month, COUNT(DISTINCT staff_id) AS n FROM ${t.stat_experts} WHERE month BETWEEN @first AND @last
         GROUP BY month`
      : `SELECT month, COUNT(*) AS n FROM ${t.stat_experts} WHERE ${org} month BETWEEN @first AND @last GROUP BY month`,
  );
  const histogram = (table: 'stat_interview_days' | 'stat_statement_days') =>
    statement(
      (t, org) => `SELECT month, days, SUM(n) AS n FROM ${t[table]} WHERE ${org} month BETWEEN @first AND @last
        GROUP BY month, days`,
    );
  const interviewDays = histogram('stat_interview_days');
  const statementDays = histogram('stat_statement_days');

  const aggregates = (organisation: string | undefined, list: string[]): MonthAggregate[] => {
    const key = organisation === undefined ? '' : 'organisation';
    const params = { first: list[0], last: list.at(-1), ...(organisation === undefined ? {} : { organisation }) };
    const byMonth = new Map(list.map((month) => [month, emptyAggregate()]));
    for (const row of months(key).all(params) as Array<Record<string, number> & { month: string }>) {
      const aggregate = byMonth.get(row.month)!;
      for (const counter of MONTH_COUNTERS) aggregate.counters[counter] = row[counter] ?? 0;
    }
    for (const row of experts(key).all(params) as Array<{ month: string; n: number }>)
      byMonth.get(row.month)!.expertMonths = row.n;
    for (const [statement, field] of [
      [interviewDays, 'interviewDays'],
      [statementDays, 'statementDays'],
    ] as const)
      for (const row of statement(key).all(params) as Array<{ month: string; days: number; n: number }>)
        byMonth.get(row.month)![field].set(row.days, row.n);
    const { first: _, last: __, ...prefixParams } = params;
    const start = before(key).get({ ...prefixParams, first: list[0] }) as { active: number; upToDate: number };
    let active = start.active;
    let upToDate = start.upToDate;
    return list.map((month) => {
      const aggregate = byMonth.get(month)!;
      active += aggregate.counters.active_change;
      upToDate += aggregate.counters.up_to_date_change;
      return { ...aggregate, active, upToDate };
    });
  };

  return {
    statistics(filter: { organisation?: string; from: string; to: string }): StatisticsResult {
      const list = monthsBetween(filter.from, filter.to);
      if (list.length === 0) {
        const empty = toFigures(emptyAggregate());
        return { months: [], total: empty, national: empty };
      }
      const national = aggregates(undefined, list);
      const local = filter.organisation === undefined ? national : aggregates(filter.organisation, list);
      return {
        months: list.map((month, index) => ({
          month,
          figures: toFigures(local[index]!),
          national: toFigures(national[index]!),
        })),
        total: toFigures(combine(local)),
        national: toFigures(combine(national)),
      };
    },
  };
};

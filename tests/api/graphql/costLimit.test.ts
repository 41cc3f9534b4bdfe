import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costLimitRule } from '../../../src/api/graphql/costLimit.js';
import { QueryTooCostlyError } from '../../../src/api/graphql/errors.js';
import { readSchema } from '../../../src/api/graphql/graphql.js';

const schema = buildSchema(readSchema());
const errorsOf = (query: string, maxCost = 50_000) =>
  validate(schema, parse(query), [costLimitRule({ maxCost, weights: { 'Client.timeline': 20 } })]);

describe('cost limit', () => {
  it('accepts an ordinary caseload page', () => {
    expect(
      errorsOf('{ caseload(first: 50) { totalCount edges { node { id status deadlines { id state } } } } }'),
    ).toEqual([]);
  });

  it('refuses large pages of replayed timelines with QUERY_TOO_COSTLY', () => {
    const [error] = errorsOf(
      '{ caseload(first: 200) { edges { node { timeline { type openDeadlines { id kind dueOn } } } } } }',
    );
    expect(error?.originalError).toBeInstanceOf(QueryTooCostlyError);
  });

  it('assumes the largest page for a variable without a default, and counts fragments', () => {
    const query = `query Q($n: Int) { caseload(first: $n) { edges { node { ...F } } } }
      fragment F on Client { id coach deadlines { id kind dueOn state } }`;
    expect(errorsOf(query, 5_000)).toHaveLength(1);
    expect(errorsOf(query.replace('$n: Int', '$n: Int = 5'), 5_000)).toEqual([]);
  });
});

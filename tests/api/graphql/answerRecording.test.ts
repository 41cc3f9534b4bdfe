import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isCacheableOperation } from '../../../src/api/graphql/answerRecording.js';

describe('which operations may be served again', () => {
  it.each([
    ['{ caseload { totalCount } }', undefined, true],
    ['query Q { client(id: "x") { id } organisations { id } }', 'Q', true],
    ['{ __typename }', undefined, true],
    ['{ projections { name } }', undefined, false],
    ['{ caseload { totalCount } projections { name } }', undefined, false],
    ['query A { caseload { totalCount } } query B { projections { name } }', 'B', false],
    ['query A { caseload { totalCount } } query B { projections { name } }', undefined, false],
    ['{ ...F } fragment F on Query { caseload { totalCount } }', undefined, false],
    ['subscription { clientChanged { clientId } }', undefined, false],
  ])('%s (%s): %s', (source, operationName, expected) => {
    expect(isCacheableOperation(parse(source), operationName)).toBe(expected);
  });
});

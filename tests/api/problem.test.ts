import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonDepthExceeds } from '../../src/api/plugins/jsonBody.js';
import { toProblem } from '../../src/api/plugins/problem.js';
import { ConcurrencyError } from '../../src/eventStore/errors.js';

describe('problem mapping', () => {
  it('maps an AppError by kind and keeps its code and details', () => {
    const problem = toProblem(new ConcurrencyError('client-1', 3n, 5n));
    expect(problem).toMatchObject({ status: 409, code: 'WRONG_EXPECTED_REVISION', expected: '3', actual: '5' });
    expect(problem.type).toBe('urn:jobseeker-ledger:problem:wrong-expected-revision');
  });

  it('maps a zod error to 400 with the path of each field', () => {
    const result = z.object({ events: z.array(z.object({ id: z.uuid() })) }).safeParse({ events: [{ id: 'x' }] });
    const problem = toProblem(result.error);
    expect(problem.status).toBe(400);
    expect(problem.errors?.[0]?.path).toBe('/events/0/id');
  });

  it('hides the internals of unknown errors', () => {
    const problem = toProblem(new Error('SQLITE_CORRUPT at /var/secret'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toMatch(/SQLITE|secret/);
  });
});

describe('JSON depth pre-scan', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{"b":1}}', 1, true],
    ['[[[]]]', 3, false],
    ['[[[[]]]]', 3, true],
    ['{"a":"[[[[[[["}', 1, false],
    ['{"a":"\\"[[[["}', 1, false],
  ])('%s with limit %i exceeds: %s', (text, limit, expected) => {
    expect(jsonDepthExceeds(text, limit)).toBe(expected);
  });
});

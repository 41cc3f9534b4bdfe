import { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import { describe, expect, it } from 'vitest';
import { errorFormatter } from '../../../src/api/graphql/errorFormatter.js';
import { PageSizeOutOfRangeError } from '../../../src/api/graphql/errors.js';

const logged: unknown[] = [];
const log = { info: () => {}, error: (object: unknown) => logged.push(object) };
const context = { reply: { log }, app: { log } } as unknown as MercuriusContext;

describe('errorFormatter', () => {
  it('puts the AppError code and details in extensions, HTTP 200 for an executed query', () => {
    const error = new GraphQLError('bad page', {
      path: ['caseload'],
      originalError: new PageSizeOutOfRangeError(0, 200),
    });
    const { statusCode, response } = errorFormatter({ data: null, errors: [error] }, context);
    expect(statusCode).toBe(200);
    expect(response.errors).toEqual([
      {
        message: 'bad page',
        path: ['caseload'],
        extensions: { code: 'PAGE_SIZE_OUT_OF_RANGE', first: 0, min: 1, max: 200 },
      },
    ]);
  });

  it('hides anything unexpected behind INTERNAL_ERROR and logs it', () => {
    const secret = new Error('SQLITE_CORRUPT at /var/lib/ledger/read-models.sqlite');
    const error = new GraphQLError(secret.message, { path: ['client'], originalError: secret });
    const { response } = errorFormatter({ data: { client: null }, errors: [error] }, context);
    expect(response.errors).toEqual([
      { message: 'Internal error', path: ['client'], extensions: { code: 'INTERNAL_ERROR' } },
    ]);
    expect(JSON.stringify(response)).not.toMatch(/SQLITE|stack/);
    expect(logged).toHaveLength(1);
  });

  it('answers a refused document with 400 and GRAPHQL_VALIDATION_FAILED for each validation error', () => {
    const refused = Object.assign(new Error('Graphql validation error'), {
      code: 'MER_ERR_GQL_VALIDATION',
      statusCode: 400,
      errors: [new GraphQLError('Unknown argument "region"'), new GraphQLError('Cannot query field "x"')],
    });
    const { statusCode, response } = errorFormatter(
      { errors: [new GraphQLError(refused.message, { originalError: refused })] },
      context,
    );
    expect(statusCode).toBe(400);
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });
});

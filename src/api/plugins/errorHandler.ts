import fp from 'fastify-plugin';
import { makeProblem, type Problem, toProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** One error handler for every route, REST and otherwise: RFC 9457 problem bodies, 5xx logged. */
export const errorHandler = fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const problem: Problem = { ...toProblem(error), instance: request.url.split('?')[0] ?? request.url };
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
      if (problem.status === 429 || problem.status === 503)
        reply.header('retry-after', reply.getHeader('retry-after') ?? '1');
      return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
    });
    app.setNotFoundHandler((request, reply) =>
      reply
        .code(404)
        .type(PROBLEM_CONTENT_TYPE)
        .send({
          ...makeProblem(404, 'ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
          instance: request.url.split('?')[0],
        }),
    );
  },
  { name: 'error-handler' },
);

import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { type AppDeps, deps } from './deps.js';
import { loggerOptions } from './logging.js';
import { errorHandler } from './plugins/errorHandler.js';
import { registerJsonParser } from './plugins/jsonBody.js';
import { registerOpenApi } from './plugins/openapi.js';
import { healthRoutes } from './rest/health.js';
import { restRoutes } from './rest/routes.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP application; never listens (the caller does, or tests use `inject`). */
export const buildApp = async (d: AppDeps, options: FastifyServerOptions = {}) => {
  const app = Fastify({
    logger: loggerOptions(d.config.LOG_LEVEL),
    bodyLimit: d.config.LEDGER_BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ...options,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app, d.config.LEDGER_JSON_MAX_DEPTH);
  await app.register(deps, d);
  await app.register(errorHandler);
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(restRoutes, { prefix: '/v1' });
  return app;
};

export type App = Awaited<ReturnType<typeof buildApp>>;

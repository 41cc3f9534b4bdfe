import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { instrumentEventStore } from '../eventStore/instrumented.js';
import { type AppDeps, deps } from './deps.js';
import { loggerOptions } from './logging.js';
import { errorHandler } from './plugins/errorHandler.js';
import { registerJsonParser } from './plugins/jsonBody.js';
import { createLedgerMetrics, metricsPlugin } from './plugins/metrics.js';
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
  const metrics = createLedgerMetrics({
    dataDir: d.config.LEDGER_DATA_DIR,
    processMetrics: d.config.LEDGER_METRICS_ENABLED,
  });
  await app.register(deps, { ...d, eventStore: instrumentEventStore(d.eventStore, metrics.observeAppend) });
  await app.register(errorHandler);
  await app.register(metricsPlugin, { metrics, expose: d.config.LEDGER_METRICS_ENABLED });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(restRoutes, { prefix: '/v1' });
  return app;
};

export type App = Awaited<ReturnType<typeof buildApp>>;

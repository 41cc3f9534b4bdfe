import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { type AccessLog, createAccessLog } from '../audit/accessLog.js';
import { containsValidPersonalIdentityCode } from '../domain/events/primitives.js';
import { instrumentEventStore } from '../eventStore/instrumented.js';
import { type Authenticator, authenticatorFromSettings } from './auth/authenticator.js';
import { authPlugin, defaultPublicPaths } from './auth/authPlugin.js';
import { type ClientAuthorizer, createClientAuthorizer } from './auth/clientAuthorizer.js';
import { streamScopeLookup } from './auth/clientScopeLookup.js';
import { restPolicies } from './auth/restPolicies.js';
import { enforceRoutePolicies } from './auth/routePolicy.js';
import { type AppDeps, deps } from './deps.js';
import { loggerOptions } from './logging.js';
import { errorHandler } from './plugins/errorHandler.js';
import { registerJsonParser } from './plugins/jsonBody.js';
import { createLedgerMetrics, metricsPlugin } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { securityPlugin } from './plugins/security.js';
import { healthRoutes } from './rest/health.js';
import { restRoutes } from './rest/routes.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** Organisation scoping of client data for REST routes and GraphQL resolvers. */
    clientAuthorizer: ClientAuthorizer;
    /** Who read which client's data (issue 6 item 7). */
    accessLog: AccessLog;
    /** Verifies credentials that do not arrive in headers (GraphQL `connection_init`). */
    authenticator: Authenticator;
  }
}

/** REST reads of one client's data, recorded in the access log once answered with success. */
const CLIENT_READS = new Set([
  '/v1/clients/:clientId/events',
  '/v1/clients/:clientId/state',
  '/v1/clients/:clientId/timeline',
]);

const recordClientReads = (scope: FastifyInstance): void => {
  scope.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (request.method !== 'GET' || route === undefined || !CLIENT_READS.has(route) || reply.statusCode >= 300) return;
    const clientId = (request.params as { clientId?: string }).clientId;
    if (clientId) scope.accessLog.record(request.identity, [clientId.toLowerCase()], `GET ${route}`);
  });
};

/** Builds the HTTP application; never listens (the caller does, or tests use `inject`). */
export const buildApp = async (d: AppDeps, options: FastifyServerOptions = {}) => {
  const { config } = d;
  const app = Fastify({
    logger: loggerOptions(config.LOG_LEVEL),
    bodyLimit: config.LEDGER_BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      // A caller's id is logged and stored as the events' correlationId: never adopt an identity code (domain §9).
      return typeof given === 'string' && REQUEST_ID.test(given) && !containsValidPersonalIdentityCode(given)
        ? given
        : randomUUID();
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
  registerJsonParser(app, config.LEDGER_JSON_MAX_DEPTH);
  const metrics = createLedgerMetrics({
    dataDir: config.LEDGER_DATA_DIR,
    processMetrics: config.LEDGER_METRICS_ENABLED,
  });
  const encryption = d.eventStore as { storedForm?: AppDeps['storedFormEventStore']; dataKeys?: AppDeps['dataKeys'] };
  await app.register(deps, {
    ...d,
    eventStore: instrumentEventStore(d.eventStore, metrics.observeAppend),
    storedFormEventStore: d.storedFormEventStore ?? encryption.storedForm ?? d.eventStore,
    ...((d.dataKeys ?? encryption.dataKeys) ? { dataKeys: d.dataKeys ?? encryption.dataKeys } : {}),
  });
  await app.register(errorHandler);
  const graphiql = config.LEDGER_GRAPHIQL ?? config.NODE_ENV === 'development';
  await app.register(securityPlugin, {
    corsOrigins: config.LEDGER_CORS_ORIGINS,
    rateLimit: {
      windowMs: config.LEDGER_RATE_LIMIT_WINDOW_MS,
      perIp: config.LEDGER_RATE_LIMIT_PER_IP,
      perIdentity: config.LEDGER_RATE_LIMIT_PER_IDENTITY,
    },
    contentSecurityPolicy: !graphiql,
  });
  const hs256 = config.LEDGER_JWT_HS256_SECRET ?? d.developmentJwtSecret;
  const authenticator = authenticatorFromSettings(
    { ...config, ...(hs256 ? { LEDGER_JWT_HS256_SECRET: hs256 } : {}) },
    d.clock,
    (error, what) => app.log.warn({ err: error }, what),
  );
  app.decorate('authenticator', authenticator);
  await app.register(authPlugin, {
    authenticator,
    publicPaths: [...defaultPublicPaths(config.LEDGER_METRICS_PUBLIC), ...(graphiql ? ['/graphiql'] : [])],
    websocketPaths: ['/graphql'],
  });
  const accessLog = createAccessLog({
    store: app.eventStore,
    clock: d.clock,
    flushMs: config.LEDGER_ACCESS_LOG_FLUSH_MS,
    onError: (error) => app.log.error({ err: error }, 'access log append failed'),
  });
  app.decorate('accessLog', accessLog);
  app.decorate('clientAuthorizer', createClientAuthorizer(d.clientScopes ?? streamScopeLookup(app.eventStore)));
  app.addHook('onClose', () => accessLog.close());
  await app.register(metricsPlugin, { metrics, expose: config.LEDGER_METRICS_ENABLED });
  await registerOpenApi(app);
  await app.register(healthRoutes);
  await app.register(async (scope) => {
    enforceRoutePolicies(scope, restPolicies, scope.clientAuthorizer);
    recordClientReads(scope);
    await scope.register(restRoutes, { prefix: '/v1' });
  });
  return app;
};

export type App = Awaited<ReturnType<typeof buildApp>>;

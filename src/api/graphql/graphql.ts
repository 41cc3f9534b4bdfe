import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import mercurius, { type IResolvers } from 'mercurius';
import { clientStream } from '../rest/wire.js';
import { GRAPHQL_ROLES, requireReader } from './access.js';
import { createAnswerCache } from './answerCache.js';
import { isCacheableOperation } from './answerRecording.js';
import { type BreachTicker, createBreachTicker } from './breachTicker.js';
import { createContext, createServices, type GraphqlDeps, type GraphqlServices } from './context.js';
import { costLimitRule } from './costLimit.js';
import { errorFormatter } from './errorFormatter.js';
import { GraphqlParseError } from './errors.js';
import { forwardCommittedChanges, publishBreach } from './liveFeed.js';
import { resolvers } from './resolvers.js';
import {
  checkSubscription,
  codeErrorFrames,
  connectionIdentity,
  refuseSubscriptionOverHttp,
} from './subscriptionGuard.js';

export type { GraphqlDeps } from './context.js';

/** The contract, read from the project root: src/api/graphql and dist/api/graphql are both three levels down. */
export const readSchema = (): string => readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8');

/** Extra weight of Client fields that read and replay the client's stream. */
const STREAM_WEIGHTS = { 'Client.timeline': 20, 'Client.history': 5, 'Client.transferDue': 5 };

/**
 * Whole answers kept while what they depended on holds: the read models' state (SQLite `total_changes()` on the
 * runner's connection, `data_version` for other connections), the client streams read and access decisions.
 */
const answerCache = (app: FastifyInstance, deps: GraphqlDeps, services: GraphqlServices) => {
  if (deps.answerCache === false) return undefined;
  const { db } = deps.runner.readModels;
  const changes = db.prepare('SELECT total_changes()').pluck();
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  // Another connection's commits (none in a running service: its runner writes the read models) are looked for
  // at most every 100 ms; the runner's own writes, the ones read-your-writes waits for, at every request.
  let otherConnections = { checkedAt: Number.NEGATIVE_INFINITY, version: 0 };
  let unreadable = 0;
  const readModelStamp = (): string => {
    try {
      const now = performance.now();
      if (now - otherConnections.checkedAt >= 100)
        otherConnections = { checkedAt: now, version: dataVersion.get() as number };
      return `${changes.get() as number}:${otherConnections.version}`;
    } catch {
      return `unreadable:${unreadable++}`;
    }
  };
  return createAnswerCache(
    {
      readModelStamp,
      streamRevision: (clientId) => deps.eventStore.streamRevision(clientStream(clientId)),
      decide: async (identity, clientId) => {
        const decision = await app.clientAuthorizer.decide(identity, clientId, 'read', { roles: GRAPHQL_ROLES });
        return decision.allowed ? 'allowed' : decision.code;
      },
      record: (identity, clientIds, operation) => app.accessLog.record(identity, clientIds, operation),
      today: services.today,
    },
    deps.answerCache,
  );
};

export interface GraphqlHandle {
  /** Publishes newly overdue deadlines when the date advances; tests call `tick()` with a fixed clock. */
  breachTicker: BreachTicker;
  /** Subscriptions started since registration (each after its topic listener is in place). */
  subscriptionsStarted(): number;
  /** Answers served again, computed, and kept (all 0 with the cache turned off). */
  answerCacheStats(): { hits: number; misses: number; stored: number; entries: number; bytes: number };
}

/**
 * Registers `/graphql` (POST and GET, WebSocket subscriptions with graphql-transport-ws), automatic persisted
 * queries, depth and cost limits, read-your-writes and GraphiQL (`/graphiql`) in development. Register it on
 * the root instance after the deps; close the app before stopping the runner.
 */
export const registerGraphql = async (app: FastifyInstance, deps: GraphqlDeps): Promise<GraphqlHandle> => {
  const services = createServices(deps, { authorizer: app.clientAuthorizer, accessLog: app.accessLog });
  const validationRules = [costLimitRule({ weights: STREAM_WEIGHTS, ...deps.cost })];
  const answers = answerCache(app, deps, services);
  const graphiql = deps.config.LEDGER_GRAPHIQL ?? deps.config.NODE_ENV === 'development';
  await app.register(mercurius, {
    schema: readSchema(),
    resolvers: resolvers as unknown as IResolvers,
    context: (request: FastifyRequest) =>
      createContext(services, request.identity, request.headers['x-min-position'], answers?.recordingOf(request)),
    ...(answers === undefined ? {} : { additionalRouteOptions: answers.routeOptions }),
    errorFormatter,
    queryDepth: deps.maxDepth ?? 10,
    validationRules,
    persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(),
    allowBatchedQueries: false,
    graphiql: graphiql ? 'graphiql' : false,
    subscription: {
      context: (socket, request) => {
        codeErrorFrames(socket);
        return createContext(services, request.identity, request.headers['x-min-position']);
      },
      onConnect: (data: { payload?: unknown }) =>
        connectionIdentity(data.payload, (credentials) => app.authenticator.authenticate(credentials)),
      keepAlive: 30_000,
    },
  });
  app.graphql.addHook('preValidation', async (_schema, document) => {
    if (!Array.isArray((document as { definitions?: unknown } | null)?.definitions))
      throw new GraphqlParseError('The query is not a GraphQL document');
  });
  app.graphql.addHook('preExecution', async (_schema, document, context) => {
    requireReader(context.identity);
    refuseSubscriptionOverHttp(document);
    const body = context.reply?.request.body as { operationName?: string | null } | undefined;
    context.recording.cacheable = answers !== undefined && isCacheableOperation(document, body?.operationName);
  });
  app.graphql.addHook('preSubscriptionExecution', async (schema, document, context) => {
    checkSubscription(schema, document, context, validationRules);
  });
  const pubsub = app.graphql.pubsub;
  const breachTicker = createBreachTicker({
    queries: deps.queries,
    clock: deps.clock,
    publish: (deadline) => publishBreach(pubsub, deadline),
    onError: (error) => app.log.error({ err: error }, 'deadline breach ticker failed'),
  });
  const stopForwarding = forwardCommittedChanges(deps.runner, pubsub);
  breachTicker.start(deps.breachTickIntervalMs ?? 60_000);
  app.addHook('onClose', async () => {
    breachTicker.stop();
    stopForwarding();
  });
  return {
    breachTicker,
    subscriptionsStarted: () => services.stats.subscriptionsStarted,
    answerCacheStats: () => answers?.stats() ?? { hits: 0, misses: 0, stored: 0, entries: 0, bytes: 0 },
  };
};

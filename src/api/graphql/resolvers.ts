import mercurius from 'mercurius';
import { inScope, listOrganisation, nestedClientVisible, recordRead } from './access.js';
import { clientResolvers } from './clientResolvers.js';
import type { GraphqlContext } from './context.js';
import { codedGraphqlError, type Logger } from './errorFormatter.js';
import { CLIENT_CHANGED, type ClientChangeNode, DEADLINE_BREACHED } from './liveFeed.js';
import { type DeadlineNode, daysOverdue, deadlineState, type TransferDueNode, trialBasis } from './nodes.js';
import { queryResolvers, rowClient } from './queryResolvers.js';
import { DateScalar, DateTimeScalar, PositionScalar } from './scalars.js';
import type { TimelineEntryNode } from './timeline.js';

/** A nested client, null when the caller may not read it (another organisation's client). */
const clientOf = async (clientId: string, asOf: string, context: GraphqlContext) => {
  if (!(await nestedClientVisible(context, clientId))) return null;
  const row = await context.clientRows.load(clientId);
  return row === null ? null : rowClient(row, asOf);
};

type Filter = { organisation?: string | null };
type SubscriptionContext = GraphqlContext & {
  pubsub: { subscribe(topic: string): Promise<unknown> };
  app: { log: Logger };
};

const subscribe = async (context: SubscriptionContext, topic: string, args: Filter) => {
  try {
    if (args.organisation != null) listOrganisation(context, args.organisation);
  } catch (error) {
    throw codedGraphqlError(error, context.app.log);
  }
  const queue = await context.pubsub.subscribe(topic);
  context.services.stats.subscriptionsStarted++;
  return queue;
};

/** The asked organisation, within the caller's scope; a delivered event is recorded in the access log. */
const forOrganisation =
  <P>(field: string, organisationsOf: (payload: P) => Array<string | null>, clientIdOf: (payload: P) => string) =>
  (payload: P, args: Filter, context: GraphqlContext) => {
    const organisations = organisationsOf(payload);
    const wanted = args.organisation == null || organisations.includes(args.organisation);
    if (!wanted || !inScope(context.identity, organisations)) return false;
    recordRead(context, `Subscription.${field}`, [clientIdOf(payload)]);
    return true;
  };

export const resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Position: PositionScalar,
  Query: queryResolvers,
  Client: clientResolvers,
  Deadline: {
    state: (node: DeadlineNode) => deadlineState(node),
    daysOverdue: (node: DeadlineNode) => daysOverdue(node),
    client: (node: DeadlineNode, _args: unknown, context: GraphqlContext) =>
      clientOf(node.clientId, node.asOf, context),
  },
  TransferDue: {
    reason: (node: TransferDueNode) => trialBasis(node.reason),
    client: (node: TransferDueNode, _args: unknown, context: GraphqlContext) =>
      clientOf(node.clientId, context.today, context),
  },
  TimelineEntry: {
    basis: (entry: TimelineEntryNode) => trialBasis(entry.basis),
  },
  Subscription: {
    clientChanged: {
      subscribe: mercurius.withFilter(
        (_root: unknown, args: Filter, context: SubscriptionContext) => subscribe(context, CLIENT_CHANGED, args),
        forOrganisation(
          'clientChanged',
          (payload: { clientChanged: ClientChangeNode }) => [
            payload.clientChanged.organisation,
            payload.clientChanged.previousOrganisation,
          ],
          (payload) => payload.clientChanged.clientId,
        ),
      ),
    },
    deadlineBreached: {
      subscribe: mercurius.withFilter(
        (_root: unknown, args: Filter, context: SubscriptionContext) => subscribe(context, DEADLINE_BREACHED, args),
        forOrganisation(
          'deadlineBreached',
          (payload: { deadlineBreached: DeadlineNode }) => [payload.deadlineBreached.organisation],
          (payload) => payload.deadlineBreached.clientId,
        ),
      ),
    },
  },
};

import mercurius from 'mercurius';
import { clientResolvers } from './clientResolvers.js';
import type { GraphqlContext } from './context.js';
import { CLIENT_CHANGED, type ClientChangeNode, DEADLINE_BREACHED } from './liveFeed.js';
import { type DeadlineNode, daysOverdue, deadlineState, type TransferDueNode, trialBasis } from './nodes.js';
import { queryResolvers, rowClient } from './queryResolvers.js';
import { DateScalar, DateTimeScalar, PositionScalar } from './scalars.js';
import type { TimelineEntryNode } from './timeline.js';

const clientOf = async (clientId: string, asOf: string, context: GraphqlContext) => {
  const row = await context.clientRows.load(clientId);
  return row === null ? null : rowClient(row, asOf);
};

type Filter = { organisation?: string | null };
type SubscriptionContext = GraphqlContext & { pubsub: { subscribe(topic: string): Promise<unknown> } };

const subscribe = async (context: SubscriptionContext, topic: string) => {
  const queue = await context.pubsub.subscribe(topic);
  context.services.stats.subscriptionsStarted++;
  return queue;
};

const forOrganisation =
  <P>(organisationsOf: (payload: P) => Array<string | null>) =>
  (payload: P, args: Filter) =>
    args.organisation == null || organisationsOf(payload).includes(args.organisation);

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
        (_root: unknown, _args: Filter, context: SubscriptionContext) => subscribe(context, CLIENT_CHANGED),
        forOrganisation((payload: { clientChanged: ClientChangeNode }) => [
          payload.clientChanged.organisation,
          payload.clientChanged.previousOrganisation,
        ]),
      ),
    },
    deadlineBreached: {
      subscribe: mercurius.withFilter(
        (_root: unknown, _args: Filter, context: SubscriptionContext) => subscribe(context, DEADLINE_BREACHED),
        forOrganisation((payload: { deadlineBreached: DeadlineNode }) => [payload.deadlineBreached.organisation]),
      ),
    },
  },
};

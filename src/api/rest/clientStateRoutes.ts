import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar/isoDate.js';
import { deadlineStateOn } from '../../domain/deadlines/deadline.js';
import type { StoredEvent } from '../../eventStore/eventStore.js';
import { noHistoryWritten, visibleHistory } from '../auth/historyScope.js';
import { clientView, readHistory } from '../graphql/clientView.js';
import type { DeadlineNode } from '../graphql/nodes.js';
import { timelineOf } from '../graphql/timeline.js';
import { ClientNotFound } from './clientEventsRoutes.js';
import { problemSchemas } from './problemSchema.js';
import { ClientId, clientStream } from './wire.js';

const TimeTravel = z.object({
  asOf: IsoDate.optional().describe('Business date for deadline evaluation; today in Helsinki by default'),
  knownAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('Only events recorded up to this instant count ("what did the system show then")'),
});

const deadlineView = (node: DeadlineNode) => ({
  id: node.id,
  kind: node.kind,
  clockStart: node.clockStart,
  dueOn: node.dueOn,
  state: deadlineStateOn(node, node.asOf),
  stateAsKnownThen: node.stateAsKnownThen,
  closedOn: node.closedOn,
  closedBy: node.closedBy,
  cancelledOn: node.cancelledOn,
  policyId: node.policyId,
  citation: node.citation,
  openedBy: node.openedBy,
  organisation: node.organisation,
});

/** Replay for auditors: a client's derived state on a business date as known at an instant, and its timeline. */
export const clientStateRoutes: FastifyPluginAsync = async (scope) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  const loadView = async (
    request: FastifyRequest,
    clientId: string,
    asOf: string | undefined,
    knownAt: string | undefined,
  ) => {
    const stored: StoredEvent[] = [];
    for await (const event of scope.eventStore.readStream(clientStream(clientId))) stored.push(event);
    const history = visibleHistory(request.identity, readHistory(stored));
    if (history === null) throw noHistoryWritten();
    const at = { asOf: asOf ?? scope.clock.today(), knownAt: knownAt ? new Date(knownAt).toISOString() : null };
    const view = clientView(clientId, history, at, { organisations: scope.organisations });
    if (view === null) throw new ClientNotFound(`No client ${clientId} known at that time`, { clientId });
    return view;
  };

  app.get(
    '/clients/:clientId/state',
    {
      schema: {
        tags: ['audit'],
        summary: "A client's derived state on a business date, as the system knew it at an instant",
        params: z.object({ clientId: ClientId }),
        querystring: TimeTravel,
        response: { 200: z.record(z.string(), z.unknown()), ...problemSchemas(400, 404) },
      },
    },
    async (request) => {
      const { clientId } = request.params;
      const view = await loadView(request, clientId, request.query.asOf, request.query.knownAt);
      return {
        clientId,
        asOf: view.asOf,
        knownAt: view.knownAt,
        status: view.status,
        responsibility: view.responsibility,
        homeMunicipality: view.homeMunicipality,
        personalDataErasedOn: view.personalDataErasedOn,
        coach: view.coach,
        jobSearchStartedOn: view.jobSearchStartedOn,
        jobSearchEndedOn: view.jobSearchEndedOn,
        plan: view.plan,
        activeServices: view.activeServices,
        deadlines: view.deadlines.map(deadlineView),
        transferDue: view.transferDue,
        events: view.events.length,
        lastRevision: view.events.at(-1)?.stored.revision.toString() ?? null,
      };
    },
  );

  app.get(
    '/clients/:clientId/timeline',
    {
      schema: {
        tags: ['audit'],
        summary: 'Every event with the state derived after it: organisation, basis and open deadlines with citations',
        params: z.object({ clientId: ClientId }),
        querystring: TimeTravel.pick({ knownAt: true }),
        response: { 200: z.record(z.string(), z.unknown()), ...problemSchemas(400, 404) },
      },
    },
    async (request) => {
      const { clientId } = request.params;
      const view = await loadView(request, clientId, undefined, request.query.knownAt);
      const entries = timelineOf(view, { organisations: scope.organisations });
      return {
        clientId,
        knownAt: view.knownAt,
        entries: entries.map((entry) => ({
          revision: entry.revision.toString(),
          position: entry.position.toString(),
          recordedAt: entry.recordedAt,
          type: entry.type,
          occurredOn: entry.occurredOn,
          organisation: entry.organisation,
          basis: entry.basis,
          openDeadlines: entry.openDeadlines.map(deadlineView),
        })),
      };
    },
  );
};

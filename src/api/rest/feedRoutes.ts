import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StoredEvent } from '../../eventStore/eventStore.js';
import { problemSchemas } from './problemSchema.js';
import { Int64String, StoredEventView, toStoredEventView } from './wire.js';

const EventType = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,127}$/);

/** The global feed: every event in commit order, paged by position. */
export const feedRoutes: FastifyPluginAsync = async (scope) => {
  scope.withTypeProvider<ZodTypeProvider>().get(
    '/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Read the global log in order (for auditors and downstream systems)',
        description:
          'Pass the returned `next` as `after` to continue. A position once returned never gets an earlier event after it, so a consumer that stores `next` sees every event exactly once.',
        querystring: z.object({
          after: Int64String.default('0'),
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
          types: z
            .string()
            .max(4_000)
            .optional()
            .transform((value) => (value ? value.split(',').filter((t) => t.length > 0) : []))
            .pipe(z.array(EventType).max(50)),
        }),
        response: { 200: z.object({ events: z.array(StoredEventView), next: Int64String }), ...problemSchemas(400) },
      },
    },
    async (request) => {
      const { after, limit, types } = request.query;
      const events: StoredEvent[] = [];
      for await (const event of scope.eventStore.readAll({ after: BigInt(after), limit, types })) events.push(event);
      const next = events.at(-1)?.position.toString() ?? after;
      return { events: events.map(toStoredEventView), next };
    },
  );
};

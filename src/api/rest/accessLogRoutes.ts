import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { daysBetween } from '../../audit/accessLog.js';
import { AppError } from '../../domain/errors.js';
import { problemSchemas } from './problemSchema.js';
import { ClientId } from './wire.js';

/** Longest period one access-log query may cover. */
export const MAX_ACCESS_LOG_DAYS = 31;

export class AccessLogRangeError extends AppError {
  readonly code = 'ACCESS_LOG_RANGE_INVALID';
  readonly kind = 'invalid';
}

const Entry = z.object({
  subject: z.string(),
  via: z.string(),
  clientId: z.string(),
  operation: z.string(),
  at: z.string(),
});

/** Auditors read who read which client's data: one day stream per day of `from`..`to` (Helsinki dates). */
export const accessLogRoutes: FastifyPluginAsync = async (scope) => {
  scope.withTypeProvider<ZodTypeProvider>().get(
    '/audit/access',
    {
      schema: {
        tags: ['audit'],
        summary: `Who read which client's data, when and how (at most ${MAX_ACCESS_LOG_DAYS} days per query)`,
        querystring: z.object({
          clientId: ClientId.optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: {
          200: z.object({ from: z.string(), to: z.string(), entries: z.array(Entry) }),
          ...problemSchemas(400),
        },
      },
    },
    async (request) => {
      const today = scope.clock.today();
      const to = request.query.to ?? today;
      const from = request.query.from ?? to;
      const days = daysBetween(from, to).length;
      if (days === 0 || days > MAX_ACCESS_LOG_DAYS)
        throw new AccessLogRangeError(`from..to must be 1 to ${MAX_ACCESS_LOG_DAYS} days, from not after to`, {
          from,
          to,
        });
      await scope.accessLog.flush();
      const clientId = request.query.clientId?.toLowerCase();
      return { from, to, entries: await scope.accessLog.query({ from, to, clientId }) };
    },
  );
};

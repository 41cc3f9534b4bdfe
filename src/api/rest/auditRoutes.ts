import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportStream } from '../../audit/exportLog.js';
import { reportToJson } from '../../audit/logVerifier.js';
import { verifyLog } from '../../audit/verifyLog.js';
import { problemSchemas } from './problemSchema.js';
import { ClientId, Int64String } from './wire.js';

/** Auditors verify the hash chains and signed checkpoints, and export the history for offline verification. */
export const auditRoutes: FastifyPluginAsync = async (scope) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify hash chains and signed checkpoints; reports the first broken link with its position',
        description:
          "With `clientId`, that client's chain and the checkpoints' signatures; without it, the whole log (completeness included), which takes time on a large log: prefer the CLI `verify` there.",
        querystring: z.object({ clientId: ClientId.optional(), from: Int64String.optional() }),
        response: { 200: z.record(z.string(), z.unknown()), ...problemSchemas(400) },
      },
    },
    async (request) => {
      const { clientId, from } = request.query;
      const report = await verifyLog(scope.storedFormEventStore, {
        publicKeys: scope.auditPublicKeys,
        ...(clientId ? { client: clientId } : {}),
        ...(from ? { from: BigInt(from) } : {}),
      });
      return reportToJson(report);
    },
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'The history as NDJSON with hashes and checkpoints (header and trailer lines); verify offline',
        querystring: z.object({ after: Int64String.optional(), clientId: ClientId.optional() }),
        produces: ['application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const { after, clientId } = request.query;
      return reply.type('application/x-ndjson; charset=utf-8').send(
        exportStream(scope.storedFormEventStore, {
          ...(after ? { after: BigInt(after) } : {}),
          ...(clientId ? { client: clientId } : {}),
        }),
      );
    },
  );
};

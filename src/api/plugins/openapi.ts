import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eventCatalogue } from '../../domain/events/catalogue.js';

/** JSON Schema of every event type's `data`, with its example, for the `components` of the document. */
const eventDataSchemas = (): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(eventCatalogue).map(([type, entry]) => {
      const schema = z.toJSONSchema(entry.schema, {
        target: 'openapi-3.0',
        unrepresentable: 'any',
        io: 'input',
      }) as Record<string, unknown>;
      delete schema.$schema;
      return [
        `${type}Data`,
        { ...schema, description: `${entry.description} (schema version ${entry.version})`, example: entry.example },
      ];
    }),
  );

/** OpenAPI 3 at /openapi.json, generated from the zod route schemas and the event catalogue; Swagger UI at /docs. */
export const registerOpenApi = async (app: FastifyInstance): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'jobseeker-ledger integrator API',
        version: '1',
        description:
          "Post client events, read streams and the global feed, resolve identities. Errors are RFC 9457 problem details (application/problem+json) with a stable `code`. Revisions and positions are decimal strings. Each event type's `data` schema is in components.schemas as `<Type>Data`.",
      },
      tags: [
        { name: 'events', description: 'Client event streams and the global log' },
        { name: 'identities', description: 'Personal identity code to clientId' },
      ],
      components: { schemas: eventDataSchemas() as never },
    },
    transform: createJsonSchemaTransform({ skipList: ['/graphql', '/openapi.json', '/docs', '/docs/*'] }),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { parseHenkilotunnus } from '../../domain/identity/henkilotunnus.js';
import { problemSchemas } from './problemSchema.js';

class InvalidPersonalIdentityCode extends AppError {
  readonly code = 'INVALID_PERSONAL_IDENTITY_CODE';
  readonly kind = 'invalid';
}

/** Resolves a personal identity code to the opaque clientId; the code is never echoed, logged or put in events. */
export const identityRoutes: FastifyPluginAsync = async (scope) => {
  scope.withTypeProvider<ZodTypeProvider>().post(
    '/identities',
    {
      schema: {
        tags: ['identities'],
        summary: 'Resolve a henkilötunnus to a clientId (created on first sight)',
        body: z.object({ personalIdentityCode: z.string().max(64) }),
        response: {
          200: z.object({ clientId: z.uuid(), created: z.boolean(), testPerson: z.boolean() }),
          201: z.object({ clientId: z.uuid(), created: z.boolean(), testPerson: z.boolean() }),
          ...problemSchemas(400, 415),
        },
      },
    },
    async (request, reply) => {
      const parsed = parseHenkilotunnus(request.body.personalIdentityCode);
      if (!parsed.ok)
        throw new InvalidPersonalIdentityCode('Not a valid personal identity code', {
          errors: [{ location: 'body', path: '/personalIdentityCode', message: parsed.reason }],
        });
      const { clientId, created } = await scope.identities.resolve(parsed.value.normalized);
      return reply.code(created ? 201 : 200).send({ clientId, created, testPerson: parsed.value.isTemporary });
    },
  );
};

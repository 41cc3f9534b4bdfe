import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { ErasureReasonSchema } from '../../domain/events/erasureEvents.js';
import { erasePersonalData } from '../../personalData/erasePersonalData.js';
import { ClientNotFound } from './clientEventsRoutes.js';
import { problemSchemas } from './problemSchema.js';
import { ClientId, Int64String } from './wire.js';

export class PersonalDataEncryptionOff extends AppError {
  readonly code = 'PERSONAL_DATA_ENCRYPTION_OFF';
  readonly kind = 'unavailable';
}

const ErasureView = z.object({
  clientId: z.string(),
  erasedOn: z.string(),
  position: Int64String,
  alreadyErased: z.boolean(),
  keyDestroyed: z.boolean(),
  identityRemoved: z.boolean(),
  readModelsPurged: z
    .boolean()
    .describe('False when the read models had not caught up in time; they purge when they do. Repeat to confirm.'),
});

/**
 * GDPR erasure by crypto-shredding (issue 7): admins of the responsible organisation only; recorded as
 * PersonalDataErased in the client's stream.
 */
export const erasureRoutes: FastifyPluginAsync = async (scope) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.delete(
    '/clients/:clientId/personal-data',
    {
      schema: {
        tags: ['events'],
        summary: "Erase a client's personal data (crypto-shredding); the case history and hash chain stay",
        description:
          "Records PersonalDataErased, destroys the client's data key so every `person` part reads as null, " +
          'removes the identity-table row and waits until the read models have purged their personal fields. ' +
          'Idempotent: a repeat answers 200 with `alreadyErased: true` and finishes any step a crash left undone. ' +
          'Afterwards the client accepts no further events (422 PERSONAL_DATA_ERASED).',
        params: z.object({ clientId: ClientId }),
        querystring: z.object({ reason: ErasureReasonSchema.default('DATA_SUBJECT_REQUEST') }),
        response: { 200: ErasureView, ...problemSchemas(400, 401, 403, 404, 422, 503) },
      },
    },
    async (request) => {
      // Erasure writes to the client: an admin of the organisation responsible now (Issue 7 item 2).
      await scope.clientAuthorizer.assert(request.identity, request.params.clientId, 'write', { roles: ['admin'] });
      const { dataKeys } = scope;
      if (dataKeys === undefined)
        throw new PersonalDataEncryptionOff('This instance runs without personal-data encryption');
      const result = await erasePersonalData(
        { store: scope.eventStore, dataKeys, forgetIdentity: (clientId) => scope.identities.forget(clientId) },
        {
          clientId: request.params.clientId,
          reason: request.query.reason,
          today: scope.clock.today(),
          correlationId: request.id,
          ...(request.identity ? { actor: request.identity.subject } : {}),
        },
      );
      if (result === undefined)
        throw new ClientNotFound(`No client ${request.params.clientId}`, { clientId: request.params.clientId });
      const readModelsPurged = await scope.afterErasure(result.position);
      request.log.info({ clientId: result.clientId, alreadyErased: result.alreadyErased }, 'personal data erased');
      return { ...result, position: result.position.toString(), readModelsPurged };
    },
  );
};

import { z } from 'zod';
import { containsValidPersonalIdentityCode } from '../../domain/events/primitives.js';
import type { ExpectedRevision, StoredEvent } from '../../eventStore/eventStore.js';

/** 64-bit revisions and positions travel as decimal strings. */
export const Int64String = z.string().regex(/^(0|[1-9]\d{0,18})$/, 'a non-negative integer as a decimal string');

export const ExpectedRevisionInput = z
  .union([
    z.literal('any'),
    z.literal('noStream'),
    z.literal('streamExists'),
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    Int64String,
  ])
  .describe(
    '"any", "noStream", "streamExists", or the revision of the stream\'s last event (integer or decimal string)',
  );

export const toExpectedRevision = (
  input: z.infer<typeof ExpectedRevisionInput> | undefined,
): ExpectedRevision | undefined =>
  input === undefined
    ? undefined
    : typeof input === 'number'
      ? BigInt(input)
      : input === 'any' || input === 'noStream' || input === 'streamExists'
        ? input
        : BigInt(input);

export const Metadata = z
  .object({
    correlationId: z.string().min(1).max(200).optional(),
    causationId: z.string().min(1).max(200).optional(),
    actor: z.string().min(1).max(200).optional(),
  })
  .catchall(z.union([z.string().max(1_000), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 32, 'at most 32 metadata keys')
  .superRefine((value, context) => {
    for (const [key, entry] of Object.entries(value))
      if (typeof entry === 'string' && containsValidPersonalIdentityCode(entry))
        context.addIssue({
          code: 'custom',
          path: [key],
          message: 'Must not contain a personal identity code (henkilötunnus)',
        });
  });

export const WireEvent = z.object({
  id: z.uuid(),
  type: z.string().min(1).max(128),
  version: z.number().int().min(1).max(1_000).optional(),
  data: z.record(z.string(), z.unknown()),
  metadata: Metadata.optional(),
});

export const StoredEventView = z.object({
  id: z.uuid(),
  stream: z.string(),
  revision: Int64String,
  position: Int64String,
  recordedAt: z.iso.datetime(),
  type: z.string(),
  version: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
});

export const toStoredEventView = (event: StoredEvent): z.infer<typeof StoredEventView> => ({
  id: event.id,
  stream: event.stream,
  revision: event.revision.toString(),
  position: event.position.toString(),
  recordedAt: event.recordedAt,
  type: event.type,
  version: event.version,
  data: event.data,
  metadata: event.metadata,
});

export const ClientId = z.uuid().describe('Opaque client id (from POST /v1/identities)');
export const clientStream = (clientId: string): string => `client-${clientId.toLowerCase()}`;

import { z } from 'zod';

/** The problem body as documented in OpenAPI; the error handler produces it. */
export const ProblemBody = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ location: z.string().optional(), path: z.string(), message: z.string() })).optional(),
  })
  .catchall(z.unknown())
  .describe('RFC 9457 problem details (application/problem+json) with a stable code');

export const problemSchemas = (...statuses: number[]): Record<number, typeof ProblemBody> =>
  Object.fromEntries(statuses.map((status) => [status, ProblemBody]));

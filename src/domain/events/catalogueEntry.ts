import type { z } from 'zod';

/** How the catalogue documents one event type (the REST API builds its OpenAPI docs from it). */
export interface CatalogueEntry<Schema extends z.ZodType = z.ZodType> {
  /** Schema of the event's `data` at the current version. */
  readonly schema: Schema;
  /** Current schema version; older versions are upcast on read. */
  readonly version: number;
  /** English description; names the Finnish term once. */
  readonly description: string;
  /** A realistic `data` at the current version. */
  readonly example: z.output<Schema>;
}

export const defineEvent = <Schema extends z.ZodType>(entry: CatalogueEntry<Schema>): CatalogueEntry<Schema> => entry;

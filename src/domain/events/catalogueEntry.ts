import type { z } from 'zod';

/** How the catalogue documents one event type (the REST API builds its OpenAPI docs from it). */
export interface CatalogueEntry<Schema extends z.ZodType = z.ZodType, Stored extends z.ZodType = Schema> {
  /** Schema of the event's `data` at the current version, as an integrator posts it. */
  readonly schema: Schema;
  /**
   * Schema of `data` as read back from the log: like `schema`, except that the personal fields are null once the
   * client's personal data has been erased (crypto-shredding, domain §9).
   */
  readonly storedSchema: Stored;
  /** Current schema version; older versions are upcast on read. */
  readonly version: number;
  /** English description; names the Finnish term once. */
  readonly description: string;
  /** A realistic `data` at the current version. */
  readonly example: z.output<Schema>;
  /**
   * Top-level keys of `data` that hold personal data (domain §9): stored encrypted with the client's data key,
   * null after erasure.
   */
  readonly personalFields: readonly string[];
  /** `service` for facts only the service itself records (never posted by an integrator). */
  readonly recordedBy: 'integrator' | 'service';
}

type EntryInput<Schema extends z.ZodType, Stored extends z.ZodType> = Omit<
  CatalogueEntry<Schema, Stored>,
  'storedSchema' | 'personalFields' | 'recordedBy'
> &
  Partial<Pick<CatalogueEntry<Schema, Stored>, 'storedSchema' | 'personalFields' | 'recordedBy'>>;

export const defineEvent = <Schema extends z.ZodType, Stored extends z.ZodType = Schema>(
  entry: EntryInput<Schema, Stored>,
): CatalogueEntry<Schema, Stored> => ({
  ...entry,
  storedSchema: (entry.storedSchema ?? entry.schema) as Stored,
  personalFields: entry.personalFields ?? [],
  recordedBy: entry.recordedBy ?? 'integrator',
});

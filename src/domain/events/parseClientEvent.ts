import type { z } from 'zod';
import type { ClientEventType } from './catalogue.js';
import { eventCatalogue, isClientEventType } from './catalogue.js';
import type { ClientEvent } from './clientEvent.js';
import type { EventDataIssue } from './errors.js';
import { InvalidEventData, ServiceOnlyEventType, UnknownEventType, UnsupportedEventVersion } from './errors.js';

/** Turns `data` of version `fromVersion` into `data` of version `fromVersion + 1`; validation follows. */
export type Upcaster = (data: unknown) => unknown;

/** `upcasters[type][fromVersion]`: one step per version. */
export type UpcasterRegistry = Partial<Record<ClientEventType, Readonly<Record<number, Upcaster>>>>;

/** The service's upcasters. Every type is at version 1, so there are none yet. */
export const upcasters: UpcasterRegistry = {};

const toIssues = (error: z.ZodError): EventDataIssue[] =>
  error.issues.flatMap((issue) => {
    const path = issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key));
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...path, key], message: 'Unknown field' }))
      : [{ path, message: issue.message }];
  });

const parse = (
  source: 'stored' | 'posted',
  type: string,
  version: number,
  data: unknown,
  registry: UpcasterRegistry,
): ClientEvent => {
  if (!isClientEventType(type)) throw new UnknownEventType(type);
  const entry = eventCatalogue[type];
  if (source === 'posted' && entry.recordedBy !== 'integrator') throw new ServiceOnlyEventType(type);
  if (!Number.isSafeInteger(version) || version < 0 || version > entry.version)
    throw new UnsupportedEventVersion(type, version, entry.version);
  let current = data;
  for (let from = version; from < entry.version; from++) {
    const upcast = registry[type]?.[from];
    if (upcast === undefined) throw new UnsupportedEventVersion(type, version, entry.version);
    current = upcast(current);
  }
  const schema: z.ZodType = source === 'posted' ? entry.schema : entry.storedSchema;
  const result = schema.safeParse(current);
  if (!result.success) throw new InvalidEventData(type, version, toIssues(result.error));
  return { type, data: result.data } as ClientEvent;
};

/**
 * Reads an event as stored: upcasts `data` from `version` to the current version, validates it and returns the
 * typed event. Personal fields may be null (erased).
 * @throws UnknownEventType when `type` is not in the catalogue.
 * @throws UnsupportedEventVersion when no upcaster chain leads from `version` to the current version.
 * @throws InvalidEventData with `details.issues` (`path` and `message` per refused field).
 */
export const parseClientEvent = (
  type: string,
  version: number,
  data: unknown,
  registry: UpcasterRegistry = upcasters,
): ClientEvent => parse('stored', type, version, data, registry);

/**
 * Reads an event as an integrator posts it: like `parseClientEvent`, but personal fields are required and the
 * types the service records itself are refused.
 * @throws ServiceOnlyEventType for a `recordedBy: 'service'` type; otherwise as `parseClientEvent`.
 */
export const parsePostedClientEvent = (
  type: string,
  version: number,
  data: unknown,
  registry: UpcasterRegistry = upcasters,
): ClientEvent => parse('posted', type, version, data, registry);

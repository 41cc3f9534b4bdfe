import { caseEvents } from './caseEvents.js';
import { circumstanceEvents } from './circumstanceEvents.js';
import { contactEvents } from './contactEvents.js';
import { erasureEvents } from './erasureEvents.js';
import { jobSearchEvents } from './jobSearchEvents.js';

/**
 * Every event type of a client stream: schema of `data`, current version, description, a realistic example and
 * its personal fields. Integrators record all but the `recordedBy: 'service'` ones; the REST API generates its
 * OpenAPI documentation from this map.
 */
export const eventCatalogue = {
  ...jobSearchEvents,
  ...circumstanceEvents,
  ...contactEvents,
  ...caseEvents,
  ...erasureEvents,
} as const;

export type ClientEventType = keyof typeof eventCatalogue;

export const clientEventTypes = Object.keys(eventCatalogue) as ClientEventType[];

export const isClientEventType = (type: string): type is ClientEventType => Object.hasOwn(eventCatalogue, type);

/** Whether integrators may post the type (the service records the others itself). */
export const isIntegratorEventType = (type: string): type is ClientEventType =>
  isClientEventType(type) && eventCatalogue[type].recordedBy === 'integrator';

/** The personal fields (domain §9) of a type's `data`; empty for unknown types. */
export const personalFieldsOf = (type: string): readonly string[] =>
  isClientEventType(type) ? eventCatalogue[type].personalFields : [];

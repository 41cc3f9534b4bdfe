import { caseEvents } from './caseEvents.js';
import { circumstanceEvents } from './circumstanceEvents.js';
import { contactEvents } from './contactEvents.js';
import { jobSearchEvents } from './jobSearchEvents.js';

/**
 * Every event type an integrator can record for a client: schema of `data`, current version, description
 * and a realistic example. The REST API generates its OpenAPI documentation from this map.
 */
export const eventCatalogue = {
  ...jobSearchEvents,
  ...circumstanceEvents,
  ...contactEvents,
  ...caseEvents,
} as const;

export type ClientEventType = keyof typeof eventCatalogue;

export const clientEventTypes = Object.keys(eventCatalogue) as ClientEventType[];

export const isClientEventType = (type: string): type is ClientEventType => Object.hasOwn(eventCatalogue, type);

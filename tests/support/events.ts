import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '../../src/eventStore/eventStore.js';

/** Test metadata: a fresh correlation id and a staff actor. */
export const testMetadata = (overrides: EventMetadata = {}): EventMetadata => ({
  correlationId: randomUUID(),
  actor: 'staff:test',
  ...overrides,
});

/** Any event, with a fresh UUID; the other builders are shorthands over it. */
export const newEvent = (
  type: string,
  data: Record<string, unknown> = {},
  overrides: Partial<NewEvent> = {},
): NewEvent => ({
  id: randomUUID(),
  type,
  version: 1,
  data,
  metadata: testMetadata(),
  ...overrides,
});

/** A type name no other test uses, so type filters over a shared log only see this test's events. */
export const uniqueType = (prefix = 'TestEvent'): string => `${prefix}-${randomUUID()}`;

export const jobSearchStarted = (data: { clientId?: string; startedOn?: string } = {}): NewEvent =>
  newEvent('JobSearchStarted', { clientId: data.clientId ?? randomUUID(), startedOn: data.startedOn ?? '2026-03-02' });

export const initialInterviewHeld = (data: { heldOn?: string } = {}): NewEvent =>
  newEvent('InitialInterviewHeld', { heldOn: data.heldOn ?? '2026-03-09' });

export const employmentPlanAgreed = (data: { agreedOn?: string } = {}): NewEvent =>
  newEvent('EmploymentPlanAgreed', { agreedOn: data.agreedOn ?? '2026-03-16', goals: ['apply for jobs'] });

/** `count` events of one type, with `data.n` = 0..count-1. */
export const numberedEvents = (count: number, type = 'Numbered'): NewEvent[] =>
  Array.from({ length: count }, (_, n) => newEvent(type, { n }));

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  clientEventTypes,
  eventCatalogue,
  isClientEventType,
  isIntegratorEventType,
  personalFieldsOf,
} from '../../../src/domain/events/catalogue.js';
import { ClientEvent, eventDate } from '../../../src/domain/events/clientEvent.js';
import { InvalidEventData, ServiceOnlyEventType } from '../../../src/domain/events/errors.js';
import { OrganisationIdSchema, organisationOperatesOn } from '../../../src/domain/events/organisation.js';
import { parseClientEvent, parsePostedClientEvent } from '../../../src/domain/events/parseClientEvent.js';

const entries = Object.entries(eventCatalogue);

describe('event catalogue', () => {
  it('holds the 19 event types of the rule book that integrators post, and the erasure the service records', () => {
    expect(clientEventTypes.filter(isIntegratorEventType)).toHaveLength(19);
    expect(clientEventTypes.filter((type) => !isIntegratorEventType(type))).toEqual(['PersonalDataErased']);
    expect(isClientEventType('JobSearchStarted')).toBe(true);
    expect(isClientEventType('toString')).toBe(false);
  });

  it('names the personal fields (domain §9) that are encrypted per client', () => {
    expect(
      clientEventTypes.filter((type) => personalFieldsOf(type).length > 0).map((t) => [t, personalFieldsOf(t)]),
    ).toEqual([
      ['JobSearchStarted', ['person']],
      ['HomeMunicipalityChanged', ['municipality']],
      ['BenefitEligibilityChanged', ['earningsRelatedAllowanceEligible']],
    ]);
    expect(personalFieldsOf('NoSuchType')).toEqual([]);
  });

  it('reads erased personal fields as null from the log, but never accepts them from an integrator', () => {
    const { example } = eventCatalogue.JobSearchStarted;
    const erased = { ...example, person: null };
    expect(parseClientEvent('JobSearchStarted', 1, erased)).toEqual({ type: 'JobSearchStarted', data: erased });
    expect(() => parsePostedClientEvent('JobSearchStarted', 1, erased)).toThrow(InvalidEventData);
    expect(parsePostedClientEvent('JobSearchStarted', 1, example)).toEqual({ type: 'JobSearchStarted', data: example });
    const moved = { municipality: null, effectiveOn: '2025-09-01' };
    expect(parseClientEvent('HomeMunicipalityChanged', 1, moved).data).toEqual(moved);
    expect(() => parsePostedClientEvent('HomeMunicipalityChanged', 1, moved)).toThrow(InvalidEventData);
    expect(() => parsePostedClientEvent('PersonalDataErased', 1, eventCatalogue.PersonalDataErased.example)).toThrow(
      ServiceOnlyEventType,
    );
  });

  it.each(entries)('%s: its example validates, at its version, through the union too', (type, entry) => {
    expect(entry.version).toBeGreaterThanOrEqual(1);
    expect(parseClientEvent(type, entry.version, entry.example)).toEqual({ type, data: entry.example });
    expect(ClientEvent.parse({ type, data: entry.example })).toEqual({ type, data: entry.example });
  });

  it.each(entries)('%s: its description is English with one Finnish term in parentheses', (_type, entry) => {
    expect(entry.description).toMatch(/\([a-zäöå -]+\)/);
  });

  it.each(entries)('%s: its schema converts to OpenAPI 3.0 JSON Schema and refuses extra fields', (_type, entry) => {
    const schema = z.toJSONSchema(entry.schema, { target: 'openapi-3.0', io: 'input' });
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
  });

  it.each(entries)('%s: the date of its fact is an ISO date', (type, entry) => {
    expect(eventDate({ type, data: entry.example } as ClientEvent)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('never carries a personal identity code field', () => {
    const text = JSON.stringify(entries.map(([, entry]) => z.toJSONSchema(entry.schema, { io: 'input' })));
    expect(text).not.toMatch(/henkilotunnus|identityCode|ssn|personalId/i);
  });
});

describe('organisation ids', () => {
  it.each([
    'te-office:keski-suomi',
    'trial-area:jyvaskyla',
    'employment-area:oulun-seutu',
    'municipality:072',
    'national',
  ])('accepts %s', (id) => expect(OrganisationIdSchema.safeParse(id).success).toBe(true));

  it.each([
    'te-office:',
    'TE-office:x',
    'trial-area:Jyväskylä',
    'trial-area:-x',
    'municipality:72',
    'county:x',
    'nationwide',
  ])('refuses %s', (id) => expect(OrganisationIdSchema.safeParse(id).success).toBe(false));

  it.each([
    ['te-office:keski-suomi', '2024-12-31', true],
    ['te-office:keski-suomi', '2025-01-01', false],
    ['trial-area:jyvaskyla', '2021-02-28', false],
    ['trial-area:jyvaskyla', '2021-03-01', true],
    ['trial-area:jyvaskyla', '2024-12-31', true],
    ['trial-area:jyvaskyla', '2025-01-01', false],
    ['employment-area:oulun-seutu', '2024-12-31', false],
    ['employment-area:oulun-seutu', '2025-01-01', true],
    ['municipality:179', '2019-05-01', true],
    ['national', '2030-01-01', true],
  ] as const)('%s takes on clients on %s: %s', (id, on, operates) =>
    expect(organisationOperatesOn(id, on)).toBe(operates),
  );
});

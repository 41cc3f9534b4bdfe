import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '../../../src/domain/events/catalogue.js';
import { InvalidEventData, UnknownEventType, UnsupportedEventVersion } from '../../../src/domain/events/errors.js';
import type { UpcasterRegistry } from '../../../src/domain/events/parseClientEvent.js';
import { parseClientEvent } from '../../../src/domain/events/parseClientEvent.js';

const started = eventCatalogue.JobSearchStarted.example;
const catchError = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};
const issuesOf = (type: string, data: unknown) => {
  const error = catchError(() => parseClientEvent(type, 1, data));
  expect(error).toBeInstanceOf(InvalidEventData);
  expect(error).toMatchObject({ code: 'INVALID_EVENT_DATA', kind: 'invalid' });
  return (error as InvalidEventData).issues;
};

describe('parseClientEvent', () => {
  it('refuses an unknown type', () =>
    expect(catchError(() => parseClientEvent('InterviewHeld', 1, {}))).toMatchObject({
      constructor: UnknownEventType,
      code: 'UNKNOWN_EVENT_TYPE',
      details: { type: 'InterviewHeld' },
    }));

  it('refuses unknown fields with their path, nested ones too', () =>
    expect(
      issuesOf('JobSearchStarted', { ...started, extra: 1, person: { ...started.person, hetu: '131052-308T' } }),
    ).toEqual(
      expect.arrayContaining([
        { path: ['extra'], message: 'Unknown field' },
        { path: ['person', 'hetu'], message: 'Unknown field' },
      ]),
    ));

  it.each([
    ['a missing field', { ...started, person: { ...started.person, birthDate: undefined } }, ['person', 'birthDate']],
    ['an impossible date', { ...started, startedOn: '2025-02-29' }, ['startedOn']],
    ['a year out of range', { ...started, startedOn: '2201-01-01' }, ['startedOn']],
    [
      'a birth after T0',
      { ...started, person: { ...started.person, birthDate: '2025-07-01' } },
      ['person', 'birthDate'],
    ],
    [
      'a municipality code without leading zeros',
      { ...started, person: { ...started.person, homeMunicipality: '72' } },
      ['person', 'homeMunicipality'],
    ],
    [
      'an alpha-3 citizenship',
      { ...started, person: { ...started.person, citizenship: 'FIN' } },
      ['person', 'citizenship'],
    ],
    ['an unknown status', { ...started, employmentStatus: 'RETIRED' }, ['employmentStatus']],
    ['a bad organisation id', { ...started, registeredBy: 'TE Keski-Suomi' }, ['registeredBy']],
  ])('refuses %s in JobSearchStarted with its path', (_name, data, path) =>
    expect(issuesOf('JobSearchStarted', data).map((issue) => issue.path)).toContainEqual(path),
  );

  it.each([
    [
      'EmploymentPlanDrawnUp',
      { drawnUpOn: '2026-03-09', planType: 'EMPLOYMENT', jobSearchObligationPerMonth: 5 },
      ['jobSearchObligationPerMonth'],
    ],
    [
      'EmploymentPlanDrawnUp',
      { drawnUpOn: '2026-03-09', planType: 'EMPLOYMENT', jobSearchObligationPerMonth: 2.5 },
      ['jobSearchObligationPerMonth'],
    ],
    ['ClientFeedbackRecorded', { score: 0, givenOn: '2026-03-09' }, ['score']],
    ['ClientTransferred', { from: 'national', to: 'national', effectiveOn: '2026-03-09', reason: 'OTHER' }, ['to']],
    [
      'ClientTransferred',
      {
        from: 'national',
        to: 'municipality:179',
        effectiveOn: '2026-03-09',
        reason: 'OTHER',
        note: 'hetu 131052-308T',
      },
      ['note'],
    ],
    ['InitialInterviewHeld', { heldOn: '2026-03-09', channel: 'EMAIL', staffId: 's1' }, ['channel']],
    ['InitialInterviewHeld', { heldOn: '2026-03-09', channel: 'PHONE', staffId: '131052-308T' }, ['staffId']],
    [
      'ServiceStarted',
      { serviceId: 's', serviceType: 'WORK_TRIAL', startedOn: '2026-03-09', expectedEndOn: '2026-03-08' },
      ['expectedEndOn'],
    ],
    ['ClarificationRequested', { caseId: 'c', requestedOn: '2026-03-09', replyDueOn: '2026-03-01' }, ['replyDueOn']],
  ])('refuses bad %s data with its path', (type, data, path) =>
    expect(issuesOf(type, data).map((issue) => issue.path)).toContainEqual(path),
  );

  it('refuses data that is not an object', () => expect(issuesOf('JobSearchEnded', null)[0]?.path).toEqual([]));

  it.each([0, 2, -1, 1.5])('refuses version %s of a type at version 1 with no upcaster', (version) =>
    expect(catchError(() => parseClientEvent('JobSearchEnded', version, {}))).toBeInstanceOf(UnsupportedEventVersion),
  );
});

describe('upcasters', () => {
  const registry: UpcasterRegistry = {
    ClientFeedbackRecorded: {
      0: (data) => {
        const { rating, date } = data as { rating: number; date: string };
        return { score: rating, givenOn: date };
      },
    },
  };

  it('upcasts an older version step by step, then validates', () =>
    expect(parseClientEvent('ClientFeedbackRecorded', 0, { rating: 5, date: '2023-02-01' }, registry)).toEqual({
      type: 'ClientFeedbackRecorded',
      data: { score: 5, givenOn: '2023-02-01' },
    }));

  it('refuses what an upcaster turns into invalid data, naming the version read', () =>
    expect(
      catchError(() => parseClientEvent('ClientFeedbackRecorded', 0, { rating: 9, date: '2023-02-01' }, registry)),
    ).toMatchObject({ code: 'INVALID_EVENT_DATA', details: { version: 0, issues: [{ path: ['score'] }] } }));

  it('leaves current versions alone and needs a step for every older version', () => {
    const current = { score: 3, givenOn: '2023-02-01' };
    expect(parseClientEvent('ClientFeedbackRecorded', 1, current, registry).data).toEqual(current);
    expect(catchError(() => parseClientEvent('ClientFeedbackRecorded', 0, current))).toMatchObject({
      code: 'UNSUPPORTED_EVENT_VERSION',
      details: { version: 0, currentVersion: 1 },
    });
  });
});

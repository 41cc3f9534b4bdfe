import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientView, readHistory } from '../../../src/api/graphql/clientView.js';
import { timelineOf } from '../../../src/api/graphql/timeline.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import { finnishReferenceData } from '../../../src/domain/reference/finland.js';
import { indexOrganisations } from '../../../src/domain/reference/referenceData.js';
import type { StoredEvent } from '../../../src/eventStore/eventStore.js';
import { initialInterviewHeld, jobSearchStarted } from '../../domain/client/builders.js';

const options = { organisations: indexOrganisations(finnishReferenceData) };
const clientId = randomUUID();

const stored = (events: Array<[ClientEvent, string]>): StoredEvent[] =>
  events.map(([event, recordedAt], index) => ({
    id: randomUUID(),
    type: event.type,
    version: 1,
    data: event.data as Record<string, unknown>,
    metadata: {},
    recordedAt,
    stream: `client-${clientId}`,
    revision: BigInt(index),
    position: BigInt(index + 10),
  }));

// domain.md §6.1 and §8: Muurame, Mon 16.6.2025, 5 business days -> Tue 24.6.2025 (Midsummer Eve skipped).
const started = jobSearchStarted({
  startedOn: '2025-06-16',
  registeredBy: 'employment-area:jyvaskyla',
  person: {
    birthDate: '2001-03-14',
    homeMunicipality: '500',
    motherTongue: 'uk',
    citizenship: 'UA',
    earningsRelatedAllowanceEligible: false,
  },
});
const lateInterview = initialInterviewHeld({ heldOn: '2025-06-26' });
const history = readHistory(
  stored([
    [started, '2025-06-16T08:00:00.000Z'],
    [lateInterview, '2025-06-27T08:00:00.000Z'],
  ]),
);
const interview = (view: ReturnType<typeof clientView>) =>
  view?.deadlines.find((deadline) => deadline.kind === 'INITIAL_INTERVIEW');

describe('clientView', () => {
  it('derives responsibility, deadlines and plan from the stream on asOf', () => {
    const view = clientView(clientId, history.slice(0, 1), { asOf: '2025-06-25', knownAt: null }, options);
    expect(view?.status).toBe('ACTIVE');
    expect(view?.responsibility).toMatchObject({
      organisation: 'employment-area:jyvaskyla',
      basis: 'TE24_EMPLOYMENT_AREA',
      since: '2025-06-16',
    });
    expect(view?.homeMunicipality).toBe('500');
    expect(interview(view)).toMatchObject({
      dueOn: '2025-06-24',
      closedOn: null,
      policyId: 'initial-interview/2025-01-01',
      organisation: 'employment-area:jyvaskyla',
      stateAsKnownThen: null,
    });
    expect(view?.plan.upToDate).toBe(true);
  });

  it('answers null for a client with no event known at knownAt', () => {
    expect(
      clientView(clientId, history, { asOf: '2025-06-25', knownAt: '2025-06-15T00:00:00.000Z' }, options),
    ).toBeNull();
    expect(clientView(clientId, [], { asOf: '2025-06-25', knownAt: null }, options)).toBeNull();
  });

  it('shows the state as known then beside the state as known now for a late-recorded interview', () => {
    const view = clientView(clientId, history, { asOf: '2025-06-26', knownAt: '2025-06-26T12:00:00.000Z' }, options);
    expect(view?.events).toHaveLength(1);
    expect(interview(view)).toMatchObject({ closedOn: '2025-06-26', stateAsKnownThen: 'OVERDUE' });
    const now = clientView(clientId, history, { asOf: '2025-06-26', knownAt: null }, options);
    expect(interview(now)).toMatchObject({ closedOn: '2025-06-26', stateAsKnownThen: null });
  });

  it('replays a timeline: the state after each event on its business date', () => {
    const view = clientView(clientId, history, { asOf: '2025-06-30', knownAt: null }, options);
    const timeline = view === null ? [] : timelineOf(view, options);
    expect(timeline.map((entry) => [entry.type, entry.evaluatedOn, entry.organisation])).toEqual([
      ['JobSearchStarted', '2025-06-16', 'employment-area:jyvaskyla'],
      ['InitialInterviewHeld', '2025-06-26', 'employment-area:jyvaskyla'],
    ]);
    expect(timeline[0]?.openDeadlines.map((d) => [d.kind, d.dueOn, d.citation.length > 0])).toEqual([
      ['INITIAL_INTERVIEW', '2025-06-24', true],
    ]);
    expect(timeline[1]?.openDeadlines.some((d) => d.kind === 'INITIAL_INTERVIEW')).toBe(false);
  });

  it('keeps events it cannot read in the history without failing', () => {
    const odd = readHistory([
      ...stored([[started, '2025-06-16T08:00:00.000Z']]),
      { ...stored([[started, '2025-06-17T08:00:00.000Z']])[0]!, type: 'SomethingElse', revision: 1n },
    ]);
    const view = clientView(clientId, odd, { asOf: '2025-06-20', knownAt: null }, options);
    expect(view?.events).toHaveLength(2);
    expect(view === null ? [] : timelineOf(view, options).map((entry) => entry.occurredOn)).toEqual([
      '2025-06-16',
      null,
    ]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { decideClientEvents, evolveAll } from '../../src/domain/client/decide.js';
import { deriveDeadlines } from '../../src/domain/deadlines/deriveDeadlines.js';
import { type ClientEvent, eventDate } from '../../src/domain/events/clientEvent.js';
import { parseClientEvent } from '../../src/domain/events/parseClientEvent.js';
import { containsPersonalIdentityCode } from '../../src/domain/events/primitives.js';
import { finnishReferenceData } from '../../src/domain/reference/finland.js';
import { indexOrganisations } from '../../src/domain/reference/referenceData.js';
import { ageOn } from '../../src/domain/targetGroup/age.js';
import { DOMESTIC_LANGUAGES } from '../../src/domain/targetGroup/criteria.js';
import { type ClientHistory, generateClientHistories } from '../../src/seed/generateClientHistories.js';
import { importLine } from '../../src/seed/writers.js';

const today = '2026-11-25';
const generate = (seed: number, clients: number, more: { eventsPerClient?: number; from?: string } = {}) => [
  ...generateClientHistories({ seed, clients, today, ...more }),
];
const asClientEvents = (history: ClientHistory): ClientEvent[] =>
  history.events.map(({ type, data }) => ({ type, data }) as ClientEvent);
const share = (part: number, whole: number) => part / whole;

let sample: ClientHistory[];
// Generous limits: the machine is shared; these are not timed assertions.
beforeAll(() => {
  sample = generate(2026, 5_000);
}, 60_000);

describe('generateClientHistories', { timeout: 60_000 }, () => {
  it('is reproducible from the seed, ids included, and another seed gives other histories', () => {
    const lines = (seed: number) => generate(seed, 300).map(importLine).join('');
    const first = lines(7);
    expect(lines(7)).toBe(first);
    expect(lines(8)).not.toBe(first);
  });

  it('generates lazily: the first client comes before the rest are made', () => {
    const histories = generateClientHistories({ seed: 1, clients: 400_000, today });
    const first = histories.next();
    expect(first.done).toBe(false);
    expect(first.value?.events[0]?.type).toBe('JobSearchStarted');
    histories.return(undefined);
  });

  it('produces only histories the client decider accepts, with valid event data', () => {
    const ids = new Set<string>();
    for (const history of sample.slice(0, 3_000)) {
      for (const event of history.events) {
        parseClientEvent(event.type, 1, event.data);
        ids.add(event.id);
      }
      expect(() => decideClientEvents([], asClientEvents(history), { today })).not.toThrow();
    }
    expect(ids.size).toBe(sample.slice(0, 3_000).reduce((sum, h) => sum + h.events.length, 0));
  });

  it('dates events in order, from a business-day job-search start, never after today', () => {
    let outOfOrder = 0;
    for (const history of sample) {
      const dates = history.events.map((event) => eventDate(event));
      expect(history.events[0]?.type).toBe('JobSearchStarted');
      for (let i = 1; i < dates.length; i++) if (dates[i]! < dates[i - 1]!) outOfOrder++;
      expect(dates.at(-1)! <= today && dates[0]! >= '2021-03-01').toBe(true);
    }
    expect(outOfOrder).toBe(0);
  });

  it('steers the average number of events per client, and other scales and dates are accepted too', () => {
    const average = (histories: ClientHistory[]) =>
      histories.reduce((sum, h) => sum + h.events.length, 0) / histories.length;
    expect(average(sample)).toBeGreaterThan(18);
    expect(average(sample)).toBeLessThan(22);
    expect(Math.max(...sample.map((h) => h.events.length))).toBeLessThan(500);
    const busy = generate(5, 1_000, { eventsPerClient: 50 });
    const quiet = generate(5, 1_000, { eventsPerClient: 8 });
    const older = generate(5, 300, { from: '2019-01-07' });
    expect(average(busy)).toBeGreaterThan(45);
    expect(average(quiet)).toBeLessThan(10);
    for (const history of [...busy.slice(0, 300), ...quiet.slice(0, 300), ...older])
      expect(() => decideClientEvents([], asClientEvents(history), { today })).not.toThrow();
  });

  it('follows the population mix: 40 % under 30, 40 % over 30 without earnings-related allowance, 20 % immigrants', () => {
    let immigrants = 0;
    let under30 = 0;
    let over30WithoutAllowance = 0;
    for (const history of sample) {
      const start = history.events[0]!.data as { startedOn: string; person: Record<string, string | boolean> };
      const { person } = start;
      if (person.citizenship !== 'FI' || !DOMESTIC_LANGUAGES.includes(person.motherTongue as string)) immigrants++;
      else if (ageOn(person.birthDate as string, start.startedOn) < 30) under30++;
      else if (person.earningsRelatedAllowanceEligible === false) over30WithoutAllowance++;
    }
    expect(share(immigrants, sample.length)).toBeCloseTo(0.2, 1);
    expect(share(under30, sample.length)).toBeCloseTo(0.4, 1);
    expect(share(over30WithoutAllowance, sample.length)).toBeCloseTo(0.4, 1);
  });

  it('holds about a third of the contacts face to face and feedback averages about 3', () => {
    let contacts = 0;
    let faceToFace = 0;
    const scores: number[] = [];
    for (const event of sample.flatMap((h) => h.events)) {
      if (event.type === 'ClientFeedbackRecorded') scores.push(event.data.score);
      if (
        event.type === 'InitialInterviewHeld' ||
        event.type === 'SupplementaryJobSearchDiscussionHeld' ||
        event.type === 'JobSearchDiscussionHeld'
      ) {
        contacts++;
        if (event.data.channel === 'FACE_TO_FACE') faceToFace++;
      }
    }
    expect(share(faceToFace, contacts)).toBeGreaterThanOrEqual(0.33);
    expect(share(faceToFace, contacts)).toBeLessThanOrEqual(0.4);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    expect(mean).toBeGreaterThan(2.8);
    expect(mean).toBeLessThan(3.3);
  });

  it('meets most initial-interview and transfer deadlines, with a tail of breaches', () => {
    const organisations = indexOrganisations(finnishReferenceData);
    const states = new Map<string, Map<string, number>>();
    for (const history of sample.slice(0, 800))
      for (const deadline of deriveDeadlines(evolveAll(asClientEvents(history)), today, { organisations })) {
        const byState = states.get(deadline.kind) ?? new Map<string, number>();
        states.set(deadline.kind, byState.set(deadline.state, (byState.get(deadline.state) ?? 0) + 1));
      }
    const breachShare = (kind: string) => {
      const byState = states.get(kind)!;
      const met = byState.get('MET') ?? 0;
      const breaches = (byState.get('MET_LATE') ?? 0) + (byState.get('OVERDUE') ?? 0);
      return share(breaches, met + breaches);
    };
    expect(breachShare('INITIAL_INTERVIEW')).toBeGreaterThan(0.1);
    expect(breachShare('INITIAL_INTERVIEW')).toBeLessThan(0.35);
    expect(breachShare('TRANSFER')).toBeGreaterThan(0.05);
    expect(breachShare('TRANSFER')).toBeLessThan(0.3);
    expect(breachShare('JOB_SEARCH_DISCUSSION')).toBeGreaterThan(0.03);
    expect(breachShare('STATEMENT')).toBeGreaterThan(0.03);
  });

  it('covers the organisations and the life of a client: trials, TE24, returns, moves, services, statements', () => {
    const events = sample.flatMap((h) => h.events);
    const count = (predicate: (event: (typeof events)[number]) => boolean) => events.filter(predicate).length;
    const registeredBy = (prefix: string) =>
      count((e) => e.type === 'JobSearchStarted' && e.data.registeredBy.startsWith(prefix));
    expect(registeredBy('te-office:')).toBeGreaterThan(1_000);
    expect(registeredBy('employment-area:')).toBeGreaterThan(500);
    expect(registeredBy('trial-area:')).toBe(0);
    for (const reason of ['TARGET_GROUP', 'RETURNING_CLIENT', 'HOME_MUNICIPALITY_CHANGED', 'TRIAL_ENDED'])
      expect(count((e) => e.type === 'ClientTransferred' && e.data.reason === reason)).toBeGreaterThan(10);
    expect(
      sample.filter((h) => h.events.filter((e) => e.type === 'JobSearchStarted').length > 1).length,
    ).toBeGreaterThan(500);
    for (const type of [
      'HomeMunicipalityChanged',
      'CoachAssigned',
      'EmploymentPlanDrawnUp',
      'EmploymentPlanReviewed',
      'ServiceStarted',
      'ServiceEnded',
      'StatementCaseOpened',
      'ClarificationRequested',
      'ClarificationReceived',
      'StatementIssued',
      'BenefitEligibilityChanged',
    ] as const)
      expect(count((e) => e.type === type)).toBeGreaterThan(10);
  });

  it('writes no personal identity code, nor anything shaped like one, anywhere', () => {
    const text = sample.map(importLine).join('');
    expect(containsPersonalIdentityCode(text)).toBe(false);
    expect(text).not.toMatch(/henkil|hetu|identityCode|ssn/i);
  });
});

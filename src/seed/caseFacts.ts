import type { EmploymentStatus, ServiceType, StatementOutcome, StatementSubject } from '../domain/events/vocabulary.js';
import type { JobSearchContext } from './drafts.js';
import type { PopulationGroup } from './population.js';
import { weighted } from './random.js';

const serviceTypes = weighted<ServiceType>([
  ['LABOUR_MARKET_TRAINING', 22],
  ['SELF_MOTIVATED_STUDY', 12],
  ['WORK_TRIAL', 18],
  ['COACHING', 20],
  ['CAREER_GUIDANCE', 12],
  ['REHABILITATIVE_WORK_ACTIVITY', 6],
  ['START_UP_GRANT', 3],
  ['OTHER', 7],
]);

/** Services during which the register shows the client in an employment-promoting service. */
const IN_SERVICE: ReadonlySet<ServiceType> = new Set([
  'LABOUR_MARKET_TRAINING',
  'SELF_MOTIVATED_STUDY',
  'WORK_TRIAL',
  'REHABILITATIVE_WORK_ACTIVITY',
  'INTEGRATION_TRAINING',
]);

const subjects = weighted<StatementSubject>([
  ['RESIGNATION', 25],
  ['DISMISSAL_FOR_CONDUCT', 6],
  ['REFUSED_JOB_OFFER', 10],
  ['REFUSED_SERVICE', 10],
  ['JOB_SEARCH_OBLIGATION_NEGLECTED', 24],
  ['FULL_TIME_STUDY', 12],
  ['SELF_EMPLOYMENT', 8],
  ['OTHER', 5],
]);

const outcomes = weighted<StatementOutcome>([
  ['NO_OBSTACLE', 40],
  ['WAITING_PERIOD', 30],
  ['OBLIGATION_TO_WORK', 8],
  ['NOT_ENTITLED_UNTIL_FURTHER_NOTICE', 15],
  ['OTHER', 7],
]);

/** Services started and ended one after another (työllistymistä edistävät palvelut). */
export const generateServices = (
  context: JobSearchContext,
  group: PopulationGroup,
  status: EmploymentStatus,
  clientKey: string,
  sequence: { next: number },
): void => {
  const { random, drafts, days, t0, end, horizon } = context;
  const roll = random.next();
  const count = roll < 0.6 ? 0 : roll < 0.9 ? 1 : 2;
  let from = t0 + random.int(14, 60);
  for (let k = 0; k < count && from <= horizon; k++) {
    const startedOn = days.businessDayOnOrAfter(from);
    if (startedOn > horizon) return;
    const type = group === 'IMMIGRANT' && random.chance(0.5) ? 'INTEGRATION_TRAINING' : random.draw(serviceTypes);
    const planned = type === 'INTEGRATION_TRAINING' ? random.int(120, 300) : random.int(20, 180);
    const expectedEnd = startedOn + planned;
    const serviceId = `svc-${clientKey}.${sequence.next++}`;
    drafts.add(startedOn, 'ServiceStarted', {
      serviceId,
      serviceType: type,
      startedOn: days.iso(startedOn),
      expectedEndOn: days.iso(expectedEnd),
    });
    const changesStatus = IN_SERVICE.has(type) && status !== 'IN_EMPLOYMENT_PROMOTING_SERVICE';
    if (changesStatus)
      drafts.add(startedOn, 'EmploymentStatusChanged', {
        status: 'IN_EMPLOYMENT_PROMOTING_SERVICE',
        effectiveOn: days.iso(startedOn),
      });
    const shift = random.next();
    const endedOn = Math.min(
      end,
      shift < 0.8 ? expectedEnd : shift < 0.92 ? startedOn + random.int(0, planned) : expectedEnd + random.int(1, 40),
    );
    drafts.add(endedOn, 'ServiceEnded', { serviceId, endedOn: days.iso(endedOn) });
    if (changesStatus && endedOn < end)
      drafts.add(endedOn, 'EmploymentStatusChanged', { status, effectiveOn: days.iso(endedOn) });
    from = endedOn + random.int(14, 120);
  }
};

/**
 * A labour-policy statement case (domain.md §6.7): arrival, sometimes a clarification request and reply,
 * the statement mostly within 30 days of the later of arrival and reply, a late tail.
 */
export const generateStatementCase = (context: JobSearchContext, clientKey: string, sequence: { next: number }) => {
  const { random, drafts, days, t0, horizon } = context;
  const arrivedOn = random.int(t0 + 7, Math.max(t0 + 7, horizon));
  if (arrivedOn > horizon) return;
  const caseId = `tpl-${clientKey}.${sequence.next++}`;
  drafts.add(arrivedOn, 'StatementCaseOpened', {
    caseId,
    arrivedOn: days.iso(arrivedOn),
    subject: random.draw(subjects),
  });
  let clockStart = arrivedOn;
  let lastFact = arrivedOn;
  if (random.chance(0.45)) {
    const requestedOn = arrivedOn + random.int(1, 5);
    const replyDueOn = requestedOn + 14;
    drafts.add(requestedOn, 'ClarificationRequested', {
      caseId,
      requestedOn: days.iso(requestedOn),
      replyDueOn: days.iso(replyDueOn),
    });
    lastFact = requestedOn;
    clockStart = replyDueOn;
    if (random.chance(0.85)) {
      const receivedOn = requestedOn + random.int(1, 14);
      drafts.add(receivedOn, 'ClarificationReceived', { caseId, receivedOn: days.iso(receivedOn) });
      lastFact = receivedOn;
      clockStart = receivedOn;
    }
  }
  const roll = random.next();
  const issuedOn = Math.max(
    lastFact,
    clockStart + (roll < 0.85 ? random.int(2, 30) : roll < 0.97 ? random.int(31, 60) : random.int(61, 120)),
  );
  drafts.add(issuedOn, 'StatementIssued', { caseId, issuedOn: days.iso(issuedOn), outcome: random.draw(outcomes) });
};

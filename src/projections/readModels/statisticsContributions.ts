import { finnishCalendar } from '../../domain/calendar/businessDays.js';
import { addDays, addMonths, daysBetween, type IsoDate } from '../../domain/calendar/isoDate.js';
import { entryOn, jobSearchOn } from '../../domain/client/queries.js';
import type { ClientState, ContactKind } from '../../domain/client/state.js';
import { contactsIn } from '../../domain/deadlines/context.js';
import { planStatusOn } from '../../domain/deadlines/planStatus.js';
import { cachedDueDate } from '../../domain/deadlines/timeLimits.js';
import type { ClientEvent } from '../../domain/events/clientEvent.js';
import { findPolicy } from '../../domain/policies/policyFor.js';
import { defaultDomainSettings } from '../../domain/policies/settings.js';
import type { FoldRecord } from './foldRecord.js';
import type { ReadModelDeps } from './options.js';

/** What statistics keep besides the client state: who held each contact, and the feedback scores. */
export interface StatisticsExtra {
  contacts: Array<{ kind: ContactKind; on: IsoDate; faceToFace: boolean; staffId: string }>;
  feedback: Array<{ on: IsoDate; score: number }>;
}

const CONTACT_KINDS: Partial<Record<ClientEvent['type'], ContactKind>> = {
  InitialInterviewHeld: 'INITIAL_INTERVIEW',
  SupplementaryJobSearchDiscussionHeld: 'SUPPLEMENTARY_DISCUSSION',
  JobSearchDiscussionHeld: 'JOB_SEARCH_DISCUSSION',
};

export const evolveStatisticsExtra = (extra: StatisticsExtra, event: ClientEvent): StatisticsExtra => {
  const kind = CONTACT_KINDS[event.type];
  if (kind !== undefined && 'staffId' in event.data) {
    const { heldOn: on, channel, staffId } = event.data;
    return { ...extra, contacts: [...extra.contacts, { kind, on, faceToFace: channel === 'FACE_TO_FACE', staffId }] };
  }
  if (event.type === 'ClientFeedbackRecorded')
    return { ...extra, feedback: [...extra.feedback, { on: event.data.givenOn, score: event.data.score }] };
  return extra;
};

/** Additive monthly counters of one organisation (column names of the `stat_months` table). */
export const MONTH_COUNTERS = [
  'active_change',
  'up_to_date_change',
  'contacts',
  'face_to_face',
  'interviews',
  'interviews_on_time',
  'interview_days_sum',
  'statements',
  'statements_within_target',
  'statement_days_sum',
  'feedback_count',
  'feedback_sum',
] as const;
export type MonthCounter = (typeof MONTH_COUNTERS)[number];

/** One client's additive share of the statistics tables; `Contributions.add` accumulates signed amounts. */
export class Contributions {
  readonly months = new Map<string, Partial<Record<MonthCounter, number>>>();
  readonly experts = new Map<string, number>();
  readonly interviewDays = new Map<string, number>();
  readonly statementDays = new Map<string, number>();

  constructor(public sign: 1 | -1 = 1) {}

  count(organisation: string, month: string, counter: MonthCounter, amount = 1): void {
    const key = `${organisation}|${month}`;
    const row = this.months.get(key) ?? {};
    row[counter] = (row[counter] ?? 0) + this.sign * amount;
    this.months.set(key, row);
  }

  bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + this.sign);
  }
}

const monthOfDate = (date: IsoDate): string => date.slice(0, 7);
const monthEnds = new Map<string, IsoDate>();
const nextMonths = new Map<string, string>();
const monthEnd = (month: string): IsoDate => {
  let end = monthEnds.get(month);
  if (end === undefined) {
    end = addDays(addMonths(`${month}-01`, 1), -1);
    monthEnds.set(month, end);
  }
  return end;
};
const nextMonth = (month: string): string => {
  let next = nextMonths.get(month);
  if (next === undefined) {
    next = addMonths(`${month}-01`, 1).slice(0, 7);
    nextMonths.set(month, next);
  }
  return next;
};

/**
 * Adds a client's share to `into`: contacts by the month they were held and the organisation responsible that
 * day, first initial interviews (days from T0 and whether on time), issued statements (processing days), feedback,
 * and the active / plan-up-to-date counts at each month end (domain.md §6.6, §7). Month ends are evaluated up
 * to the month after the client's latest known date plus the plan window; from then on nothing can change, so
 * later months count as they stood then (`stat_months` keeps per-month changes of `active`, summed up to a month).
 */
export const addContributions = (record: FoldRecord, deps: ReadModelDeps, into: Contributions) => {
  const { state, extra, lastDate } = record;
  const organisationOn = (date: IsoDate): string => entryOn(state.responsibility, date)?.organisation ?? '';
  for (const contact of extra.contacts) {
    const organisation = organisationOn(contact.on);
    const month = monthOfDate(contact.on);
    into.count(organisation, month, 'contacts');
    if (contact.faceToFace) into.count(organisation, month, 'face_to_face');
    into.bump(into.experts, `${organisation}|${month}|${contact.staffId}`);
  }
  addInterviews(state, deps, organisationOn, into);
  const settings = deps.settings ?? defaultDomainSettings;
  for (const found of state.statementCases) {
    if (found.issuedOn === null) continue;
    const organisation = organisationOn(found.issuedOn);
    const month = monthOfDate(found.issuedOn);
    const days = daysBetween(found.arrivedOn, found.issuedOn);
    into.count(organisation, month, 'statements');
    into.count(organisation, month, 'statement_days_sum', days);
    if (days <= settings.statementTargetDays) into.count(organisation, month, 'statements_within_target');
    into.bump(into.statementDays, `${organisation}|${month}|${days}`);
  }
  for (const feedback of extra.feedback) {
    const organisation = organisationOn(feedback.on);
    into.count(organisation, monthOfDate(feedback.on), 'feedback_count');
    into.count(organisation, monthOfDate(feedback.on), 'feedback_sum', feedback.score);
  }
  addMonthEnds(state, lastDate, deps, organisationOn, into);
};

const addInterviews = (
  state: ClientState,
  deps: ReadModelDeps,
  organisationOn: (date: IsoDate) => string,
  into: Contributions,
) => {
  for (const period of state.jobSearches) {
    const interview = contactsIn(state, period, 'INITIAL_INTERVIEW')[0];
    if (interview === undefined) continue;
    const policy = findPolicy('INITIAL_INTERVIEW', period.startedOn, deps.policies);
    const due = policy === undefined ? null : cachedDueDate(policy, period.startedOn, deps.calendar ?? finnishCalendar);
    const organisation = organisationOn(interview.on);
    const month = monthOfDate(interview.on);
    const days = daysBetween(period.startedOn, interview.on);
    into.count(organisation, month, 'interviews');
    into.count(organisation, month, 'interview_days_sum', days);
    if (due === null || interview.on <= due) into.count(organisation, month, 'interviews_on_time');
    into.bump(into.interviewDays, `${organisation}|${month}|${days}`);
  }
};

const addMonthEnds = (
  state: ClientState,
  lastDate: IsoDate,
  deps: ReadModelDeps,
  organisationOn: (date: IsoDate) => string,
  into: Contributions,
) => {
  const first = state.jobSearches[0]?.startedOn;
  if (first === undefined) return;
  const window = (deps.settings ?? defaultDomainSettings).planUpToDateWindowMonths;
  const stable = monthOfDate(addMonths(lastDate, window + 1));
  let previous = null as { organisation: string; upToDate: boolean } | null;
  for (let month = monthOfDate(first); month <= stable; month = nextMonth(month)) {
    const end = monthEnd(month);
    const current =
      jobSearchOn(state, end) === undefined
        ? null
        : { organisation: organisationOn(end), upToDate: planStatusOn(state, end, deps)?.upToDate ?? true };
    if (current?.organisation === previous?.organisation && current?.upToDate === previous?.upToDate) continue;
    if (previous !== null) {
      into.count(previous.organisation, month, 'active_change', -1);
      if (previous.upToDate) into.count(previous.organisation, month, 'up_to_date_change', -1);
    }
    if (current !== null) {
      into.count(current.organisation, month, 'active_change');
      if (current.upToDate) into.count(current.organisation, month, 'up_to_date_change');
    }
    previous = current;
  }
};

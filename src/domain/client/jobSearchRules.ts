import type { ClientEventOf } from '../events/clientEvent.js';
import type { OrganisationId } from '../events/organisation.js';
import { organisationOperatesOn } from '../events/organisation.js';
import type { IsoDate } from '../events/primitives.js';
import { activeJobSearch, jobSearchOn, responsibleOrganisationOn } from './queries.js';
import type { Check } from './ruleHelpers.js';
import { firstOf, refuse, requireJobSearchOn, requireNotBefore } from './ruleHelpers.js';
import type { ClientState } from './state.js';

// Act 1269/2020 § 1 (trials 1.3.2021–31.12.2024); Act 380/2023 (TE offices end 31.12.2024, employment areas
// from 1.1.2025).
const requireInOperation = (organisation: OrganisationId, on: IsoDate): Check =>
  organisationOperatesOn(organisation, on)
    ? undefined
    : refuse('ORGANISATION_NOT_IN_OPERATION', `${organisation} cannot take on clients on ${on}`, { organisation, on });

export const checkJobSearchStarted = (state: ClientState, { data }: ClientEventOf<'JobSearchStarted'>): Check => {
  const active = activeJobSearch(state);
  const previousEnd = state.jobSearches.at(-1)?.endedOn ?? null;
  return firstOf(
    () =>
      active &&
      refuse('JOB_SEARCH_ALREADY_ACTIVE', `A job search has been active since ${active.startedOn}`, {
        activeSince: active.startedOn,
      }),
    () =>
      previousEnd !== null && data.startedOn < previousEnd
        ? refuse(
            'JOB_SEARCH_START_BEFORE_PREVIOUS_END',
            `The job search starts on ${data.startedOn}, before the previous one ended on ${previousEnd}`,
            { startedOn: data.startedOn, previousEndedOn: previousEnd },
          )
        : undefined,
    () => requireInOperation(data.registeredBy, data.startedOn),
  );
};

export const checkJobSearchEnded = (state: ClientState, { data }: ClientEventOf<'JobSearchEnded'>): Check => {
  const active = activeJobSearch(state);
  if (active === undefined) return refuse('NO_ACTIVE_JOB_SEARCH', 'No job search is active', { date: data.endedOn });
  return firstOf(
    () => requireNotBefore(data.endedOn, active.startedOn, 'The job search'),
    () =>
      data.endedOn < active.lastFactOn
        ? refuse(
            'END_BEFORE_RECORDED_FACT',
            `The job search ends on ${data.endedOn}, before a fact recorded on ${active.lastFactOn}`,
            { endedOn: data.endedOn, lastFactOn: active.lastFactOn },
          )
        : undefined,
  );
};

// Act 1269/2020 § 5: a transfer moves the client from the organisation responsible on that date.
export const checkClientTransferred = (state: ClientState, { data }: ClientEventOf<'ClientTransferred'>): Check => {
  const { from, to, effectiveOn } = data;
  const responsible = responsibleOrganisationOn(state, effectiveOn);
  const next = state.responsibility.find((entry) => entry.from > effectiveOn);
  return firstOf(
    () => requireJobSearchOn(state, effectiveOn, 'The transfer'),
    () =>
      responsible !== from
        ? refuse('TRANSFER_FROM_MISMATCH', `${from} was not responsible on ${effectiveOn}`, {
            from,
            effectiveOn,
            responsible: responsible ?? null,
          })
        : undefined,
    () => requireInOperation(to, effectiveOn),
    () =>
      next !== undefined && next.basis !== 'REGISTRATION' && next.transferredFrom !== to
        ? refuse(
            'TRANSFER_CONFLICTS_WITH_LATER_TRANSFER',
            `A transfer on ${next.from} starts from ${next.transferredFrom}, not ${to}`,
            { to, laterTransferOn: next.from, laterTransferFrom: next.transferredFrom },
          )
        : undefined,
  );
};

// Domain §6.1: one initial interview per job search.
export const checkInitialInterviewHeld = (state: ClientState, { data }: ClientEventOf<'InitialInterviewHeld'>): Check =>
  firstOf(
    () => requireJobSearchOn(state, data.heldOn, 'The initial interview'),
    () => {
      const period = jobSearchOn(state, data.heldOn);
      const held = state.contacts.find(
        (contact) =>
          contact.kind === 'INITIAL_INTERVIEW' &&
          period !== undefined &&
          contact.on >= period.startedOn &&
          (period.endedOn === null || contact.on <= period.endedOn),
      );
      return (
        held &&
        refuse('INITIAL_INTERVIEW_ALREADY_HELD', `The initial interview of this job search was held on ${held.on}`, {
          heldOn: held.on,
        })
      );
    },
  );

export const checkEmploymentPlanReviewed = (
  state: ClientState,
  { data }: ClientEventOf<'EmploymentPlanReviewed'>,
): Check =>
  firstOf(
    () => requireJobSearchOn(state, data.reviewedOn, 'The plan review'),
    () =>
      state.plans.some((plan) => plan.kind === 'DRAWN_UP' && plan.on <= data.reviewedOn)
        ? undefined
        : refuse('PLAN_REVIEW_WITHOUT_PLAN', `No plan had been drawn up by ${data.reviewedOn}`, {
            reviewedOn: data.reviewedOn,
          }),
  );

import type { TransferReason } from '../domain/events/vocabulary.js';
import type { GeneratedClient } from './client.js';
import type { JobSearchContext } from './drafts.js';
import type { MunicipalityPlaces, SeedOrganisation } from './organisations.js';

// Act 421/2021: from 1.6.2021 a client may ask to be transferred.
const CLIENT_REQUESTS_FROM = '2021-06-01';

const TE24_NOTE = 'TE24 reform: TE offices abolished on 1.1.2025 (Act 380/2023)';

type Point =
  | { day: number; kind: 'arrival' }
  | { day: number; kind: 'move' }
  | { day: number; kind: 'request' }
  | { day: number; kind: 'te24' }
  | { day: number; kind: 'scheduled'; to: SeedOrganisation; reason: TransferReason; expectedFrom: string };

/**
 * Days until a due transfer is made: the TE office has 7 days (Act 1269/2020 § 5); most are on time, a tail
 * is late (transfer breaches).
 */
const transferDelay = (context: JobSearchContext): number => {
  const roll = context.random.next();
  if (roll < 0.85) return context.random.int(0, 7);
  if (roll < 0.97) return context.random.int(8, 21);
  return context.random.int(22, 60);
};

/** The business day a transfer due from `day` is made. */
const transferDay = (context: JobSearchContext, day: number): number =>
  context.days.businessDayOnOrAfter(day + transferDelay(context));

const inTrialOn = (place: MunicipalityPlaces, day: number) =>
  place.trialArea !== undefined && place.trialFromDay <= day && day <= place.trialToDay;

/** True when the organisation can take on clients on the day (Act 1269/2020 § 1, Act 380/2023). */
const operates = (organisation: SeedOrganisation, day: number): boolean =>
  organisation.fromDay <= day && day <= organisation.toDay;

/**
 * Registration and every change of responsibility in one job search: the TE office's transfer of a target-group
 * or returning client to the trial area (Act 1269/2020 § 5, domain.md §5), moves to another home municipality,
 * client requests (Act 421/2021) and the TE24 move to the employment areas on 1.1.2025 (Act 380/2023).
 * Fills `context.responsibility` and records the events.
 */
export const planResponsibility = (
  context: JobSearchContext,
  client: GeneratedClient,
  trialBasis: 'TARGET_GROUP' | 'RETURNING_CLIENT' | null,
) => {
  const { random, drafts, days, t0, end } = context;
  const registeredBy = context.responsibility[0]!.organisation;
  let current = registeredBy;
  let place = client.place;
  let leftByRequest = false;
  let wasTrialClient = false;

  const points: Point[] = [];
  if (trialBasis !== null && registeredBy === place.teOffice)
    points.push({ day: transferDay(context, t0), kind: 'arrival' });
  if (random.chance(0.04)) points.push({ day: random.int(t0 + 1, Math.max(t0 + 1, end)), kind: 'move' });
  if (random.chance(0.015)) points.push({ day: random.int(t0 + 1, Math.max(t0 + 1, end)), kind: 'request' });
  const te24 = place.employmentArea?.fromDay;
  if (te24 !== undefined && t0 < te24 && te24 <= end) points.push({ day: te24, kind: 'te24' });

  const transfer = (day: number, to: SeedOrganisation, reason: TransferReason, note?: string) => {
    drafts.add(day, 'ClientTransferred', {
      from: current.id,
      to: to.id,
      effectiveOn: days.iso(day),
      reason,
      ...(note !== undefined && { note }),
    });
    current = to;
    context.responsibility.push({ from: day, organisation: to });
    if (to === place.trialArea) wasTrialClient = true;
  };

  while (points.length > 0) {
    points.sort((a, b) => a.day - b.day);
    const point = points.shift() as Point;
    const day = point.day;
    if (day > end) break;
    const afterTe24 = place.employmentArea !== undefined && day >= place.employmentArea.fromDay;
    switch (point.kind) {
      case 'arrival':
        if (current === registeredBy && place.trialArea && inTrialOn(place, day))
          transfer(day, place.trialArea, trialBasis ?? 'TARGET_GROUP');
        break;
      case 'request':
        if (current === place.trialArea && !afterTe24 && days.iso(day) >= CLIENT_REQUESTS_FROM && place.teOffice) {
          transfer(day, place.teOffice, 'CLIENT_REQUEST');
          leftByRequest = true;
        }
        break;
      case 'te24':
        if (place.employmentArea && current !== place.employmentArea)
          current.id.startsWith('trial-area:')
            ? transfer(day, place.employmentArea, 'TRIAL_ENDED')
            : transfer(day, place.employmentArea, 'OTHER', TE24_NOTE);
        break;
      case 'move': {
        const wasInTrial = current === place.trialArea;
        place = client.geography.pickOther(random, place);
        drafts.add(day, 'HomeMunicipalityChanged', { municipality: place.code, effectiveOn: days.iso(day) });
        const due = transferDay(context, day);
        const trialThen = inTrialOn(place, due) ? place.trialArea : undefined;
        let to: SeedOrganisation | undefined;
        let reason: TransferReason = 'HOME_MUNICIPALITY_CHANGED';
        if (afterTe24) to = place.employmentArea;
        else if (wasInTrial) to = trialThen ?? place.teOffice;
        else if (trialThen && trialBasis !== null && !leftByRequest) {
          to = trialThen;
          reason = trialBasis;
        } else to = place.teOffice;
        if (to && to !== current) points.push({ day: due, kind: 'scheduled', to, reason, expectedFrom: current.id });
        break;
      }
      case 'scheduled': {
        if (current.id === point.expectedFrom && operates(point.to, day)) transfer(day, point.to, point.reason);
        break;
      }
    }
  }
  client.place = place;
  return { wasTrialClient, leftByRequest };
};

import { addDays, type IsoDate } from '../../domain/calendar/isoDate.js';
import { coachOn, entryOn, homeMunicipalityOn, jobSearchOn } from '../../domain/client/queries.js';
import type { ClientState } from '../../domain/client/state.js';
import { responsibilityOn } from '../../domain/responsibility/responsibilityOn.js';
import type { ReadModelDeps } from './options.js';

export type ClientStatus = 'ACTIVE' | 'ENDED';

/** The client's situation over `[from, to]` (inclusive; `to` null = from then on), constant throughout. */
export interface Segment {
  from: IsoDate;
  to: IsoDate | null;
  status: ClientStatus;
  organisation: string | null;
  basis: string | null;
  criteria: string[];
  since: IsoDate | null;
  municipality: string | null;
  coach: string | null;
}

const changeDates = (state: ClientState): IsoDate[] => {
  const first = state.jobSearches[0]?.startedOn;
  if (first === undefined) return [];
  const dates = new Set<IsoDate>();
  for (const period of state.jobSearches) {
    dates.add(period.startedOn);
    if (period.endedOn !== null) dates.add(addDays(period.endedOn, 1));
  }
  for (const history of [state.responsibility, state.homeMunicipality, state.coach])
    for (const entry of history) dates.add(entry.from);
  return [...dates].filter((date) => date >= first).sort();
};

const sameSituation = (a: Segment, b: Segment): boolean =>
  a.status === b.status &&
  a.organisation === b.organisation &&
  a.basis === b.basis &&
  a.since === b.since &&
  a.municipality === b.municipality &&
  a.coach === b.coach &&
  a.criteria.join() === b.criteria.join();

/**
 * The client's history as segments from the first job-search start on. While a job search runs, the
 * organisation and basis are `responsibilityOn`; between job searches (status ENDED) they stay those of the
 * last day of the previous one.
 */
export const segmentsOf = (state: ClientState, deps: ReadModelDeps): Segment[] => {
  const segments: Segment[] = [];
  for (const date of changeDates(state)) {
    const previous = segments.at(-1);
    const active = jobSearchOn(state, date) !== undefined;
    const responsibility = active ? responsibilityOn(state, date, deps.organisations, deps.settings) : null;
    const carried = previous ?? {
      organisation: entryOn(state.responsibility, date)?.organisation ?? null,
      basis: null,
      criteria: [],
      since: null,
    };
    const segment: Segment = {
      from: date,
      to: null,
      status: active ? 'ACTIVE' : 'ENDED',
      organisation: responsibility?.organisation ?? (active ? null : carried.organisation),
      basis: responsibility?.basis ?? (active ? null : carried.basis),
      criteria: responsibility?.criteria ?? (active ? [] : carried.criteria),
      since: responsibility?.since ?? (active ? null : carried.since),
      municipality: homeMunicipalityOn(state, date) ?? null,
      coach: coachOn(state, date) ?? null,
    };
    if (previous !== undefined && sameSituation(previous, segment)) continue;
    if (previous !== undefined) previous.to = addDays(date, -1);
    segments.push(segment);
  }
  return segments;
};

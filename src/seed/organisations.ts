import type { ReferenceData } from '../domain/reference/referenceData.js';
import { type Random, type WeightedTable, weighted } from './random.js';

/** Rough share of job seekers by municipality (Statistics Finland codes); others weigh 1. */
const MUNICIPALITY_WEIGHTS: Readonly<Record<string, number>> = {
  '091': 40,
  '837': 20,
  '564': 14,
  '179': 10,
  '398': 9,
  '297': 8,
  '167': 5,
  '698': 4,
  '244': 1,
  '410': 1,
  '992': 1,
  '098': 1.2,
  '560': 1,
  '139': 0.6,
  '425': 0.6,
  '494': 0.5,
  '500': 0.5,
  '016': 0.5,
  '859': 0.3,
  '316': 0.3,
  '072': 0.1,
  '436': 0.1,
};

/** Clients per employment expert, for the size of each organisation's staff pool. */
const CLIENTS_PER_EXPERT = 120;

export interface SeedOrganisation {
  readonly id: string;
  readonly staff: readonly string[];
  /** Days (day numbers, inclusive) on which it takes on clients. */
  readonly fromDay: number;
  readonly toDay: number;
}

/** Where a municipality's clients are served; the trial membership has its own validity. */
export interface MunicipalityPlaces {
  readonly code: string;
  readonly teOffice?: SeedOrganisation;
  readonly trialArea?: SeedOrganisation;
  readonly trialFromDay: number;
  readonly trialToDay: number;
  readonly employmentArea?: SeedOrganisation;
}

export interface SeedGeography {
  readonly municipalities: WeightedTable<MunicipalityPlaces>;
  pickOther(random: Random, current: MunicipalityPlaces): MunicipalityPlaces;
}

const maxDay = Number.MAX_SAFE_INTEGER;

/**
 * The municipalities a client can live in (those with both a TE office and an employment area in the
 * reference data), with their organisations and staff pools (`staff-<n>`, numbered per organisation).
 */
export const buildGeography = (data: ReferenceData, clients: number, dayOf: (iso: string) => number): SeedGeography => {
  const codes = data.municipalities.map((m) => m.code);
  const totalWeight = codes.reduce((sum, code) => sum + (MUNICIPALITY_WEIGHTS[code] ?? 1), 0);
  const organisations = new Map<string, SeedOrganisation>();
  const toDayOf = (to: string | null) => (to === null ? maxDay : dayOf(to));
  const organisation = (
    id: string,
    municipalities: readonly string[],
    validity: { from: string; to: string | null },
  ): SeedOrganisation => {
    const existing = organisations.get(id);
    if (existing) return existing;
    const share = municipalities.reduce((sum, code) => sum + (MUNICIPALITY_WEIGHTS[code] ?? 1), 0) / totalWeight;
    const size = Math.max(3, Math.ceil((share * clients) / CLIENTS_PER_EXPERT));
    const base = (organisations.size + 1) * 10_000;
    const staff = Array.from({ length: size }, (_, k) => `staff-${base + k + 1}`);
    const created = { id, staff, fromDay: dayOf(validity.from), toDay: toDayOf(validity.to) };
    organisations.set(id, created);
    return created;
  };
  const places: Array<[MunicipalityPlaces, number]> = [];
  for (const code of codes) {
    const office = data.teOffices.find((o) => o.municipalities.includes(code));
    const trial = data.trialAreas.find((a) => a.members.some((m) => m.municipality === code));
    const membership = trial?.members.find((m) => m.municipality === code);
    const area = data.employmentAreas.find((a) => a.municipalities.includes(code));
    if (office === undefined || area === undefined) continue;
    const trialArea =
      trial &&
      organisation(
        `trial-area:${trial.id}`,
        trial.members.map((m) => m.municipality),
        trial,
      );
    const place: MunicipalityPlaces = {
      code,
      teOffice: organisation(`te-office:${office.id}`, office.municipalities, office),
      ...(trialArea && { trialArea }),
      trialFromDay: trialArea && membership ? Math.max(trialArea.fromDay, dayOf(membership.from)) : maxDay,
      trialToDay: trialArea && membership ? Math.min(trialArea.toDay, toDayOf(membership.to)) : -maxDay,
      employmentArea: organisation(`employment-area:${area.id}`, area.municipalities, area),
    };
    places.push([place, MUNICIPALITY_WEIGHTS[code] ?? 1]);
  }
  const table = weighted(places);
  return {
    municipalities: table,
    pickOther: (random, current) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const next = random.draw(table);
        if (next.code !== current.code) return next;
      }
      return current;
    },
  };
};

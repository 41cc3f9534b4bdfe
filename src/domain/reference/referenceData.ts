import { z } from 'zod';

const isoDate = z.iso.date();
const slug = z.string().regex(/^[a-z0-9-]+$/);
const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit Statistics Finland municipality code');

/** A period of validity; `to` is inclusive and `null` means open-ended. */
const validity = z.object({ from: isoDate, to: isoDate.nullable() });

export const referenceDataSchema = z.object({
  source: z.string().min(1),
  retrievedOn: isoDate,
  municipalities: z.array(z.object({ code: municipalityCode, name: z.string().min(1), nameSv: z.string().optional() })),
  teOffices: z.array(validity.extend({ id: slug, name: z.string().min(1), municipalities: z.array(municipalityCode) })),
  trialAreas: z.array(
    validity.extend({
      id: slug,
      name: z.string().min(1),
      /** Membership can change during the trial; each membership has its own period. */
      members: z.array(validity.extend({ municipality: municipalityCode })),
      complete: z.boolean(),
    }),
  ),
  employmentAreas: z.array(
    validity.extend({
      id: slug,
      name: z.string().min(1),
      municipalities: z.array(municipalityCode),
      complete: z.boolean(),
    }),
  ),
});

export type ReferenceData = z.infer<typeof referenceDataSchema>;
export type OrganisationKind = 'te-office' | 'trial-area' | 'employment-area';

const within = (date: string, period: { from: string; to: string | null }): boolean =>
  period.from <= date && (period.to === null || date <= period.to);

/** Indexed look-ups over reference data; build once, query per event. */
export interface Organisations {
  readonly data: ReferenceData;
  /** `trial-area:<id>` whose trial the municipality belongs to on `date`, if any (Act 1269/2020 § 2). */
  trialAreaOf(municipality: string, date: string): string | undefined;
  /** `employment-area:<id>` of the municipality on `date`, from 1.1.2025 (Act 380/2023). */
  employmentAreaOf(municipality: string, date: string): string | undefined;
  /** `te-office:<id>` serving the municipality on `date`, until 31.12.2024. */
  teOfficeOf(municipality: string, date: string): string | undefined;
  /** The organisation a client living in `municipality` belongs to by default on `date`, outside the trial. */
  defaultAuthorityOf(municipality: string, date: string): string | undefined;
  municipalityName(code: string): string | undefined;
  exists(organisationId: string): boolean;
}

export const indexOrganisations = (data: ReferenceData): Organisations => {
  const names = new Map(data.municipalities.map((m) => [m.code, m.name]));
  const ids = new Set<string>([
    'national',
    ...data.teOffices.map((o) => `te-office:${o.id}`),
    ...data.trialAreas.map((o) => `trial-area:${o.id}`),
    ...data.employmentAreas.map((o) => `employment-area:${o.id}`),
    ...data.municipalities.map((m) => `municipality:${m.code}`),
  ]);
  const trialAreaOf = (municipality: string, date: string) => {
    const area = data.trialAreas.find(
      (a) => within(date, a) && a.members.some((m) => m.municipality === municipality && within(date, m)),
    );
    return area ? `trial-area:${area.id}` : undefined;
  };
  const employmentAreaOf = (municipality: string, date: string) => {
    const area = data.employmentAreas.find((a) => within(date, a) && a.municipalities.includes(municipality));
    return area ? `employment-area:${area.id}` : undefined;
  };
  const teOfficeOf = (municipality: string, date: string) => {
    const office = data.teOffices.find((o) => within(date, o) && o.municipalities.includes(municipality));
    return office ? `te-office:${office.id}` : undefined;
  };
  return {
    data,
    trialAreaOf,
    employmentAreaOf,
    teOfficeOf,
    defaultAuthorityOf: (municipality, date) => teOfficeOf(municipality, date) ?? employmentAreaOf(municipality, date),
    municipalityName: (code) => names.get(code),
    exists: (id) => ids.has(id),
  };
};

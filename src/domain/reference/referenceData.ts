import { z } from 'zod';

const isoDate = z.iso.date();
const slug = z.string().regex(/^[a-z0-9-]+$/);
const municipalityCode = z.string().regex(/^\d{3}$/, 'a 3-digit Statistics Finland municipality code');

/** A period of validity; `to` is inclusive and `null` means open-ended. */
const validity = z.object({ from: isoDate, to: isoDate.nullable() });

const referenceDataShape = z.object({
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

type Issue = { path: Array<string | number>; message: string };
type Period = { from: string; to: string | null };
type Claim = { path: Array<string | number>; organisation: string; period: Period };

/** ISO dates compare as strings; `null` is an open end. */
const laterStart = (a: string, b: string): string => (a < b ? b : a);
const earlierEnd = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null || a < b ? a : b;

const overlap = (a: Period, b: Period): boolean => a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

/** A municipality claimed by two organisations of one kind over overlapping periods. */
const doubleClaims = (claims: ReadonlyMap<string, Claim[]>): Issue[] =>
  [...claims].flatMap(([code, list]) =>
    list.flatMap((claim, i) =>
      list
        .slice(0, i)
        .filter((earlier) => earlier.organisation !== claim.organisation && overlap(earlier.period, claim.period))
        .map((earlier) => ({
          path: claim.path,
          message: `municipality ${code} is also in ${earlier.organisation} from ${claim.period.from}`,
        })),
    ),
  );

const claimsOf = (entries: Array<[string, Claim]>): Map<string, Claim[]> => {
  const byCode = new Map<string, Claim[]>();
  for (const [code, claim] of entries) byCode.set(code, [...(byCode.get(code) ?? []), claim]);
  return byCode;
};

/**
 * Ids unique per kind, every referenced municipality listed, no period ending before it starts, and no
 * municipality in two organisations of one kind at once.
 */
const consistencyIssues = (data: z.infer<typeof referenceDataShape>): Issue[] => {
  const issues: Issue[] = [];
  const codes = new Set<string>();
  data.municipalities.forEach((m, i) => {
    if (codes.has(m.code)) issues.push({ path: ['municipalities', i, 'code'], message: `${m.code} is listed twice` });
    codes.add(m.code);
  });
  const known = (path: Array<string | number>, code: string) => {
    if (!codes.has(code)) issues.push({ path, message: `municipality ${code} is not in municipalities` });
  };
  const period = (path: Array<string | number>, p: { from: string; to: string | null }) => {
    if (p.to !== null && p.to < p.from) issues.push({ path: [...path, 'to'], message: `${p.to} is before ${p.from}` });
  };
  for (const kind of ['teOffices', 'trialAreas', 'employmentAreas'] as const) {
    const ids = new Set<string>();
    data[kind].forEach((o, i) => {
      if (ids.has(o.id)) issues.push({ path: [kind, i, 'id'], message: `${o.id} is listed twice` });
      ids.add(o.id);
      period([kind, i], o);
    });
  }
  for (const kind of ['teOffices', 'employmentAreas'] as const)
    data[kind].forEach((o, i) => {
      o.municipalities.forEach((code, j) => {
        known([kind, i, 'municipalities', j], code);
      });
    });
  data.trialAreas.forEach((area, i) => {
    area.members.forEach((m, j) => {
      known(['trialAreas', i, 'members', j, 'municipality'], m.municipality);
      period(['trialAreas', i, 'members', j], m);
    });
  });
  const memberships = data.trialAreas.flatMap((area, i) =>
    area.members.map((m, j): [string, Claim] => [
      m.municipality,
      {
        path: ['trialAreas', i, 'members', j, 'municipality'],
        organisation: `trial-area:${area.id}`,
        period: { from: laterStart(m.from, area.from), to: earlierEnd(m.to, area.to) },
      },
    ]),
  );
  const served = (kind: 'teOffices' | 'employmentAreas', prefix: string) =>
    data[kind].flatMap((o, i) =>
      o.municipalities.map((code, j): [string, Claim] => [
        code,
        { path: [kind, i, 'municipalities', j], organisation: `${prefix}:${o.id}`, period: o },
      ]),
    );
  // Look-ups take the first match, so a municipality may be in one organisation of each kind at a time.
  for (const claims of [memberships, served('teOffices', 'te-office'), served('employmentAreas', 'employment-area')])
    issues.push(...doubleClaims(claimsOf(claims)));
  return issues;
};

/** Reference data as shipped (src/domain/reference/finland.ts) or given in LEDGER_REFERENCE_DATA_FILE. */
export const referenceDataSchema = referenceDataShape.superRefine((data, context) => {
  for (const issue of consistencyIssues(data)) context.addIssue({ code: 'custom', ...issue });
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

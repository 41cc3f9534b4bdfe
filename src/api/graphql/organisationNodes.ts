import type { Organisations } from '../../domain/reference/referenceData.js';

export type OrganisationKindEnum = 'TE_OFFICE' | 'TRIAL_AREA' | 'EMPLOYMENT_AREA' | 'MUNICIPALITY' | 'NATIONAL';

export interface MunicipalityNode {
  code: string;
  name: string | null;
}

/** The GraphQL `Organisation`. */
export interface OrganisationNode {
  id: string;
  kind: OrganisationKindEnum;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  municipalities: MunicipalityNode[];
}

export const municipalityNode = (code: string, organisations: Organisations): MunicipalityNode => ({
  code,
  name: organisations.municipalityName(code) ?? null,
});

/** Every TE office, trial area and employment area of the reference data, in that order. */
export const listOrganisations = (organisations: Organisations): OrganisationNode[] => {
  const { teOffices, trialAreas, employmentAreas } = organisations.data;
  const municipalities = (codes: readonly string[]) =>
    [...new Set(codes)].map((code) => municipalityNode(code, organisations));
  return [
    ...teOffices.map((o) => ({
      id: `te-office:${o.id}`,
      kind: 'TE_OFFICE' as const,
      name: o.name,
      validFrom: o.from,
      validTo: o.to,
      municipalities: municipalities(o.municipalities),
    })),
    ...trialAreas.map((o) => ({
      id: `trial-area:${o.id}`,
      kind: 'TRIAL_AREA' as const,
      name: o.name,
      validFrom: o.from,
      validTo: o.to,
      municipalities: municipalities(o.members.map((m) => m.municipality)),
    })),
    ...employmentAreas.map((o) => ({
      id: `employment-area:${o.id}`,
      kind: 'EMPLOYMENT_AREA' as const,
      name: o.name,
      validFrom: o.from,
      validTo: o.to,
      municipalities: municipalities(o.municipalities),
    })),
  ];
};

const KINDS: Readonly<Record<string, OrganisationKindEnum>> = {
  'te-office': 'TE_OFFICE',
  'trial-area': 'TRIAL_AREA',
  'employment-area': 'EMPLOYMENT_AREA',
  municipality: 'MUNICIPALITY',
};

/** An organisation id as a node: from the reference data when listed there, else described by its id alone. */
export const organisationLookup = (organisations: Organisations) => {
  const byId = new Map(listOrganisations(organisations).map((node) => [node.id, node]));
  return (id: string): OrganisationNode => {
    const known = byId.get(id);
    if (known !== undefined) return known;
    if (id === 'national')
      return { id, kind: 'NATIONAL', name: 'National', validFrom: null, validTo: null, municipalities: [] };
    const prefix = id.slice(0, id.indexOf(':'));
    const code = id.slice(id.indexOf(':') + 1);
    const municipality = prefix === 'municipality' ? municipalityNode(code, organisations) : null;
    return {
      id,
      kind: KINDS[prefix] ?? 'NATIONAL',
      name: municipality?.name ?? id,
      validFrom: null,
      validTo: null,
      municipalities: municipality === null ? [] : [municipality],
    };
  };
};

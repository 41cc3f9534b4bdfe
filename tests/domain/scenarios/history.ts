import { decideClientEvents, evolveAll } from '../../../src/domain/client/decide.js';
import type { ClientState } from '../../../src/domain/client/state.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import { finnishReferenceData } from '../../../src/domain/reference/finland.js';
import { indexOrganisations } from '../../../src/domain/reference/referenceData.js';
import { jobSearchStarted } from '../client/builders.js';

export const organisations = indexOrganisations(finnishReferenceData);

export const TE_KESKI_SUOMI = 'te-office:keski-suomi';
export const TE_POHJOIS_SAVO = 'te-office:pohjois-savo';
export const TRIAL_JYVASKYLA = 'trial-area:jyvaskyla';
export const TRIAL_OULU = 'trial-area:oulu';
export const EA_JYVASKYLA = 'employment-area:jyvaskyla';

/** Folds events into a state after the decider accepted each of them (scenarios must be possible histories). */
export const historyOf = (events: readonly ClientEvent[], today = '2026-12-31'): ClientState =>
  evolveAll(decideClientEvents([], events, { today }));

/** A person meeting no target-group criterion: 45, Finnish, Finnish-speaking, eligible for earnings-related allowance. */
export const noCriterionPerson = {
  birthDate: '1978-01-15',
  homeMunicipality: '500',
  motherTongue: 'fi',
  citizenship: 'FI',
  earningsRelatedAllowanceEligible: true,
};

type StartOverrides = Omit<Parameters<typeof jobSearchStarted>[0] & object, 'person'> & {
  person?: Partial<typeof noCriterionPerson>;
};

/** JobSearchStarted at a TE office in Muurame (trial-area:jyvaskyla during the trial) for `noCriterionPerson`. */
export const startedAtTeOffice = ({ person, ...overrides }: StartOverrides = {}) =>
  jobSearchStarted({
    startedOn: '2023-05-02',
    registeredBy: TE_KESKI_SUOMI,
    ...overrides,
    person: { ...noCriterionPerson, ...person },
  });

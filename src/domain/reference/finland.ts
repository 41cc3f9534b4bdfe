import type { ReferenceData } from './referenceData.js';

const TRIAL = { from: '2021-03-01', to: '2024-12-31' } as const;
const TE_OFFICES = { from: '2000-01-01', to: '2024-12-31' } as const;
const TE24 = { from: '2025-01-01', to: null } as const;
const member = (...codes: string[]) => codes.map((municipality) => ({ municipality, ...TRIAL }));

const oulu = ['564', '072', '139', '244', '425', '436', '494', '859'];
const jyvaskyla = ['179', '410', '500', '992'];
const lahti = ['398', '016', '098', '316', '560'];

/**
 * Default reference data: the trial areas and municipalities named in the rule book (domain.md §2), with
 * the TE offices and the employment areas (työllisyysalueet) that served them. Incomplete by design: areas
 * marked `complete: false` list only the member municipalities the rule book names. Replace the whole set
 * with `LEDGER_REFERENCE_DATA_FILE` (same JSON shape) for production use.
 */
export const finnishReferenceData: ReferenceData = {
  source:
    'Act 1269/2020 (trial areas, annex as amended), Statistics Finland municipality classification 2024, ' +
    'Act 380/2023 (employment areas); subset named in domain.md §2',
  retrievedOn: '2026-11-25',
  municipalities: [
    { code: '564', name: 'Oulu', nameSv: 'Uleåborg' },
    { code: '072', name: 'Hailuoto', nameSv: 'Karlö' },
    { code: '139', name: 'Ii' },
    { code: '244', name: 'Kempele' },
    { code: '425', name: 'Liminka', nameSv: 'Limingo' },
    { code: '436', name: 'Lumijoki' },
    { code: '494', name: 'Muhos' },
    { code: '859', name: 'Tyrnävä' },
    { code: '179', name: 'Jyväskylä' },
    { code: '410', name: 'Laukaa' },
    { code: '500', name: 'Muurame' },
    { code: '992', name: 'Äänekoski' },
    { code: '398', name: 'Lahti', nameSv: 'Lahtis' },
    { code: '016', name: 'Asikkala' },
    { code: '098', name: 'Hollola' },
    { code: '316', name: 'Kärkölä' },
    { code: '560', name: 'Orimattila' },
    { code: '698', name: 'Rovaniemi' },
    { code: '167', name: 'Joensuu' },
    { code: '297', name: 'Kuopio' },
    { code: '091', name: 'Helsinki', nameSv: 'Helsingfors' },
    { code: '837', name: 'Tampere', nameSv: 'Tammerfors' },
  ],
  teOffices: [
    { id: 'pohjois-pohjanmaa', name: 'Pohjois-Pohjanmaan TE-toimisto', municipalities: oulu, ...TE_OFFICES },
    { id: 'keski-suomi', name: 'Keski-Suomen TE-toimisto', municipalities: jyvaskyla, ...TE_OFFICES },
    { id: 'hame', name: 'Hämeen TE-toimisto', municipalities: lahti, ...TE_OFFICES },
    { id: 'lappi', name: 'Lapin TE-toimisto', municipalities: ['698'], ...TE_OFFICES },
    { id: 'pohjois-karjala', name: 'Pohjois-Karjalan TE-toimisto', municipalities: ['167'], ...TE_OFFICES },
    { id: 'pohjois-savo', name: 'Pohjois-Savon TE-toimisto', municipalities: ['297'], ...TE_OFFICES },
    { id: 'uusimaa', name: 'Uudenmaan TE-toimisto', municipalities: ['091'], ...TE_OFFICES },
    { id: 'pirkanmaa', name: 'Pirkanmaan TE-toimisto', municipalities: ['837'], ...TE_OFFICES },
  ],
  trialAreas: [
    { id: 'oulu', name: 'Oulun seudun kuntakokeilu', members: member(...oulu), complete: true, ...TRIAL },
    {
      id: 'jyvaskyla',
      name: 'Jyväskylän seudun kuntakokeilu',
      members: member(...jyvaskyla),
      complete: true,
      ...TRIAL,
    },
    { id: 'lahti', name: 'Lahden seudun kuntakokeilu', members: member(...lahti), complete: false, ...TRIAL },
    { id: 'rovaniemi', name: 'Rovaniemen kuntakokeilu', members: member('698'), complete: false, ...TRIAL },
    { id: 'joensuu', name: 'Joensuun seudun kuntakokeilu', members: member('167'), complete: false, ...TRIAL },
    { id: 'helsinki', name: 'Helsingin kuntakokeilu', members: member('091'), complete: true, ...TRIAL },
    { id: 'tampere', name: 'Tampereen seudun kuntakokeilu', members: member('837'), complete: false, ...TRIAL },
  ],
  employmentAreas: [
    { id: 'oulu', name: 'Oulun seudun työllisyysalue', municipalities: oulu, complete: false, ...TE24 },
    { id: 'jyvaskyla', name: 'Jyväskylän seudun työllisyysalue', municipalities: jyvaskyla, complete: false, ...TE24 },
    { id: 'lahti', name: 'Lahden seudun työllisyysalue', municipalities: lahti, complete: false, ...TE24 },
    { id: 'rovaniemi', name: 'Rovaniemen työllisyysalue', municipalities: ['698'], complete: false, ...TE24 },
    { id: 'joensuu', name: 'Joensuun seudun työllisyysalue', municipalities: ['167'], complete: false, ...TE24 },
    { id: 'kuopio', name: 'Kuopion seudun työllisyysalue', municipalities: ['297'], complete: false, ...TE24 },
    { id: 'helsinki', name: 'Helsingin työllisyysalue', municipalities: ['091'], complete: true, ...TE24 },
    { id: 'tampere', name: 'Tampereen seudun työllisyysalue', municipalities: ['837'], complete: false, ...TE24 },
  ],
};

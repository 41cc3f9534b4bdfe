import { addDays, type IsoDate } from '../domain/calendar/isoDate.js';
import { finnishReferenceData } from '../domain/reference/finland.js';
import type { ReferenceData } from '../domain/reference/referenceData.js';
import { generateClientDrafts, type HistoryShape } from './client.js';
import { type DayTable, finnishDayTable } from './dayTable.js';
import { lastKeyOn, type SeedEvent } from './drafts.js';
import { buildGeography, type SeedGeography } from './organisations.js';
import { type SeedPolicies, seedPolicies } from './policies.js';
import { mixSeed, Random } from './random.js';
import { randomUuid } from './uuid.js';

export type { SeedEvent } from './drafts.js';

export interface ClientHistory {
  clientId: string;
  events: SeedEvent[];
}

export interface GenerateOptions {
  /** Any 32-bit integer; the same seed and options give the same output, byte for byte. */
  seed: number;
  clients: number;
  /** No event is dated after it. */
  today: IsoDate;
  /** First possible job-search start. Default 2021-03-01 (the trials start). */
  from?: IsoDate;
  /**
   * Target average number of events per client. Default 20 (250,000 clients ≈ 5,000,000 events); 50 gives
   * 400,000 clients ≈ 20,000,000 events. Histories saturate at about 60 for 2021-03..2026-11.
   */
  eventsPerClient?: number;
  /** Areas, municipalities and organisations. Default: the rule book's reference data. */
  referenceData?: ReferenceData;
}

export const DEFAULT_FROM = '2021-03-01';
export const DEFAULT_EVENTS_PER_CLIENT = 20;

interface Setting {
  readonly days: DayTable;
  readonly policies: SeedPolicies;
  readonly geography: SeedGeography;
  readonly from: number;
  readonly today: number;
}

const prepare = (options: GenerateOptions): Setting => {
  const from = options.from ?? DEFAULT_FROM;
  const days = finnishDayTable(addDays(from, -366 * 70), addDays(options.today, 366 * 3));
  return {
    days,
    policies: seedPolicies(days),
    geography: buildGeography(options.referenceData ?? finnishReferenceData, options.clients, days.day),
    from: days.day(from),
    today: days.day(options.today),
  };
};

const INDEX_SPAN = 4096;

/** Indexes of `keys` in ascending key order, ties in generation order (a stable sort on a typed array). */
const dateOrder = (keys: readonly number[]): ArrayLike<number> => {
  if (keys.length >= INDEX_SPAN)
    return Array.from(keys.keys()).sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  const packed = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) packed[i] = (keys[i] as number) * INDEX_SPAN + i;
  packed.sort();
  for (let i = 0; i < packed.length; i++) packed[i] = (packed[i] as number) % INDEX_SPAN;
  return packed;
};

const generateOne = (setting: Setting, seed: number, index: number, shape: HistoryShape): ClientHistory => {
  const random = new Random(mixSeed(seed, index));
  const clientId = randomUuid(random);
  const { events: drafts, keys } = generateClientDrafts({ ...setting, random, shape, key: index.toString(36) });
  const order = dateOrder(keys);
  const last = lastKeyOn(setting.today);
  const events: SeedEvent[] = [];
  for (let k = 0; k < order.length; k++) {
    const at = order[k] as number;
    if ((keys[at] as number) > last) continue;
    const event = drafts[at] as SeedEvent;
    event.id = randomUuid(random);
    events.push(event);
  }
  return { clientId, events };
};

const CALIBRATION_CLIENTS = 1_000;
const CALIBRATION_SEED = 0x5eed;
const calibrations = new Map<string, HistoryShape>();

const averageEvents = (setting: Setting, shape: HistoryShape): number => {
  let events = 0;
  for (let index = 0; index < CALIBRATION_CLIENTS; index++) {
    const random = new Random(mixSeed(CALIBRATION_SEED, index));
    const last = lastKeyOn(setting.today);
    for (const key of generateClientDrafts({ ...setting, random, shape, key: '0' }).keys) if (key <= last) events++;
  }
  return events / CALIBRATION_CLIENTS;
};

/**
 * The activity that gives about `target` events per client, found by bisection on a fixed
 * calibration sample (so it depends on the options only, never on the seed). Cached per options.
 */
const calibrate = (setting: Setting, options: GenerateOptions, target: number): HistoryShape => {
  const key = [options.from ?? DEFAULT_FROM, options.today, target].join('|');
  const cached = options.referenceData === undefined ? calibrations.get(key) : undefined;
  if (cached) return cached;
  let low = Math.log(0.02);
  let high = Math.log(100);
  for (let step = 0; step < 9; step++) {
    const middle = (low + high) / 2;
    if (averageEvents(setting, { activity: Math.exp(middle) }) < target) low = middle;
    else high = middle;
  }
  const shape = { activity: Math.exp((low + high) / 2) };
  if (options.referenceData === undefined) calibrations.set(key, shape);
  return shape;
};

/**
 * Realistic, reproducible client histories that the client decider accepts, generated lazily one client at a
 * time (bounded memory at any scale). Each client has its own random stream derived from the seed and its
 * index.
 */
export function* generateClientHistories(options: GenerateOptions): Generator<ClientHistory> {
  const setting = prepare(options);
  const shape = calibrate(setting, options, options.eventsPerClient ?? DEFAULT_EVENTS_PER_CLIENT);
  for (let index = 0; index < options.clients; index++) yield generateOne(setting, options.seed, index, shape);
}

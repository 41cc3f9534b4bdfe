import type { EventStore } from '../../eventStore/eventStore.js';
import type { ProjectionState, ProjectionStatus } from './runnerTypes.js';
import type { Slot } from './slot.js';

const stateOf = (slot: Slot, lagEvents: number): ProjectionState => {
  if (slot.failed) return 'failed';
  if (!slot.active || slot.frozen) return 'rebuilding';
  return lagEvents > 0 ? 'catchingUp' : 'live';
};

/** Seconds since the oldest event the slot has not applied yet was recorded. */
const secondsBehind = async (store: EventStore, after: bigint, nowMs: number): Promise<number> => {
  for await (const next of store.readAll({ after, limit: 1 }))
    return Math.max(0, (nowMs - Date.parse(next.recordedAt)) / 1000);
  return 0;
};

export const describeSlot = async (
  store: EventStore,
  slot: Slot,
  head: bigint,
  nowMs: number,
): Promise<ProjectionStatus> => {
  const lagEvents = head > slot.position ? Number(head - slot.position) : 0;
  return {
    name: slot.projection.name,
    version: slot.version,
    build: slot.build,
    active: slot.active,
    position: slot.position,
    lagEvents,
    lagSeconds: lagEvents > 0 ? await secondsBehind(store, slot.position, nowMs) : 0,
    state: stateOf(slot, lagEvents),
  };
};

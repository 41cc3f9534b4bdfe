import type { Lane } from './lane.js';
import type { Slot } from './slot.js';

/** A build being filled beside the active one, and the promise `rebuild` returns for it. */
export interface Building {
  slot: Slot;
  lane: Lane;
  /** Head of the log when the build started; it switches once it has applied at least this much. */
  target: bigint | undefined;
  done: Promise<void>;
  resolve(): void;
  reject(error: Error): void;
}

/** The promise is marked handled so an automatic rebuild nobody awaits never rejects unhandled. */
export const createBuilding = (slot: Slot, lane: Lane): Building => {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  done.catch(() => undefined);
  return { slot, lane, target: undefined, done, resolve, reject };
};

/**
 * Read-your-writes check over the active builds of `names`: `true` when all have reached `position`,
 * `false` when one of them is failed with no rebuild under way, `undefined` to keep waiting.
 */
export const reachedPosition = (
  active: ReadonlyMap<string, Slot>,
  building: ReadonlyMap<string, Building>,
  position: bigint,
  names: readonly string[],
): boolean | undefined => {
  let waiting = false;
  for (const name of names) {
    const slot = active.get(name);
    if (slot === undefined) return undefined;
    if (slot.position >= position) continue;
    if (slot.failed && !building.has(name)) return false;
    waiting = true;
  }
  return waiting ? undefined : true;
};

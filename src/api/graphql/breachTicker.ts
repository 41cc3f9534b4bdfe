import type { Clock } from '../../clock.js';
import { addDays } from '../../domain/calendar/isoDate.js';
import type { ReadModelQueries } from '../../projections/readModels/readModelQueries.js';
import { type DeadlineNode, deadlineFromRow, deadlineState } from './nodes.js';

/** Publishes deadlines that become OVERDUE as the evaluation date (today in Helsinki) advances. */
export interface BreachTicker {
  /** The date the last tick evaluated. */
  readonly lastDate: string;
  /**
   * When today is later than the last date, publishes every deadline due in [last date, today - 1] that is
   * still open today, and returns how many; a clock moved backwards just resets the last date.
   */
  tick(): number;
  /** Ticks every `intervalMs` (unref'd timer); `stop` clears it. */
  start(intervalMs: number): void;
  stop(): void;
}

export const createBreachTicker = (deps: {
  queries: Pick<ReadModelQueries, 'deadlinesFallingDue'>;
  clock: Pick<Clock, 'today'>;
  publish: (deadline: DeadlineNode) => void;
  onError?: (error: unknown) => void;
}): BreachTicker => {
  let lastDate = deps.clock.today();
  let timer: NodeJS.Timeout | undefined;
  const tick = (): number => {
    const today = deps.clock.today();
    if (today <= lastDate) {
      lastDate = today;
      return 0;
    }
    // A deadline is breached the day after its due date (domain.md §6), so the days that just ended count.
    const rows = deps.queries.deadlinesFallingDue(addDays(lastDate, -1), addDays(today, -1));
    lastDate = today;
    let published = 0;
    for (const row of rows) {
      const node = deadlineFromRow(row, today);
      if (deadlineState(node) !== 'OVERDUE') continue;
      deps.publish(node);
      published++;
    }
    return published;
  };
  return {
    get lastDate() {
      return lastDate;
    },
    tick,
    start: (intervalMs) => {
      if (timer !== undefined || intervalMs <= 0) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (error) {
          deps.onError?.(error);
        }
      }, intervalMs);
      timer.unref();
    },
    stop: () => {
      clearInterval(timer);
      timer = undefined;
    },
  };
};

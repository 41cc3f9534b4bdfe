/** `true`: reached; `false`: can no longer be reached (a projection failed); `undefined`: keep waiting. */
export type PositionCheck = (position: bigint, names: readonly string[]) => boolean | undefined;

interface Waiter {
  position: bigint;
  names: readonly string[];
  settle(reached: boolean): void;
}

/** Read-your-writes waits, re-checked after each commit instead of polling. */
export class PositionWaiters {
  readonly #waiters = new Set<Waiter>();

  constructor(private readonly check: PositionCheck) {}

  wait(position: bigint, timeoutMs: number, names: readonly string[]): Promise<boolean> {
    const now = this.check(position, names);
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => waiter.settle(false), Math.max(0, timeoutMs));
      const waiter: Waiter = {
        position,
        names,
        settle: (reached) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(reached);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  /** Re-checks every waiter; call after each commit, switch or failure. */
  notify(): void {
    for (const waiter of [...this.#waiters]) {
      const result = this.check(waiter.position, waiter.names);
      if (result !== undefined) waiter.settle(result);
    }
  }

  /** Settles every waiter with `false` (the runner stops). */
  cancelAll(): void {
    for (const waiter of [...this.#waiters]) waiter.settle(false);
  }
}

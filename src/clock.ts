/** The only place that reads the wall clock; everything else receives `today`/`now` as data. */
export interface Clock {
  /** Today's calendar date in Europe/Helsinki, `YYYY-MM-DD`. */
  today(): string;
  /** The current instant, ISO-8601 UTC. */
  now(): string;
}

const helsinkiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Helsinki calendar date of an instant (`toISOString().slice(0, 10)` would be the UTC date). */
export const helsinkiDateOf = (instant: Date): string => helsinkiDate.format(instant);

export const systemClock: Clock = {
  today: () => helsinkiDateOf(new Date()),
  now: () => new Date().toISOString(),
};

/** A clock that stands still until moved; for tests and replays. */
export const fixedClock = (now: string): Clock & { set(now: string): void } => {
  let current = new Date(now);
  return {
    today: () => helsinkiDateOf(current),
    now: () => current.toISOString(),
    set: (next) => {
      current = new Date(next);
    },
  };
};

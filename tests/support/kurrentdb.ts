import { inject } from 'vitest';

const provided = inject('kurrentdb');

/** The run's KurrentDB connection string, or `undefined` when the container tests are skipped. */
export const kurrentdbUrl: string | undefined = 'url' in provided ? provided.url : undefined;

/** Prints why the KurrentDB tests of `what` are skipped; true when they are. */
export const skipKurrentDb = (what: string): boolean => {
  if ('skipReason' in provided) console.warn(`Skipping ${what}: ${provided.skipReason}.`);
  return kurrentdbUrl === undefined;
};

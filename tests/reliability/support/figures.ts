import { appendFileSync } from 'node:fs';

/** `RELIABILITY_FULL=1` runs the full sizes (`npm run reliability`); otherwise the reduced CI sizes. */
export const fullRun = process.env.RELIABILITY_FULL === '1';

export const sized = <T>(reduced: T, full: T): T => (fullRun ? full : reduced);

/** Prints a suite's figures and appends them to RELIABILITY_FIGURES_FILE (JSON lines) when set. */
export const reportFigures = (suite: string, figures: Record<string, number | string | boolean>): void => {
  const line = Object.entries(figures)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  console.log(`reliability ${suite} (${fullRun ? 'full' : 'reduced'}): ${line}`);
  const file = process.env.RELIABILITY_FIGURES_FILE;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, size: fullRun ? 'full' : 'reduced', ...figures })}\n`);
};

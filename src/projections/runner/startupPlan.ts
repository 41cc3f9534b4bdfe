import type { Projection } from './projection.js';
import type { BuildRow, ProjectionRegistry } from './registry.js';
import type { RunnerLogger } from './runnerTypes.js';

/** What to do with one projection at start-up. */
export interface StartupStep {
  projection: Projection;
  /** The build that serves readers from now on (created empty for a projection never seen before). */
  active: BuildRow;
  /** The active build was made by this code version, so it is fed; otherwise it stays frozen until `build` replaces it. */
  current: boolean;
  /** New or resumed build of the code's version, when the active one is of another version. */
  build: BuildRow | undefined;
}

/**
 * Reconciles the registry with the code's projections: keeps the active build, resumes a half-done build
 * of the code's version, drops other leftovers, creates what is missing, and clears `failed` so a fixed
 * projection retries from its checkpoint.
 */
export const planStartup = (
  registry: ProjectionRegistry,
  projections: Iterable<Projection>,
  now: string,
  logger: RunnerLogger,
): StartupStep[] => {
  const retryIfFailed = (row: BuildRow): BuildRow => {
    if (row.status !== 'failed') return row;
    registry.setStatus(row.name, row.build, 'running', now);
    logger.warn({ projection: row.name, build: row.build }, 'retrying a failed projection from its checkpoint');
    return { ...row, status: 'running' };
  };
  const steps: StartupStep[] = [];
  for (const projection of projections) {
    const rows = registry.builds(projection.name);
    const active = rows.find((row) => row.active);
    const current = active === undefined || active.version === projection.version;
    const resumable = current ? undefined : rows.find((row) => !row.active && row.version === projection.version);
    for (const row of rows) if (!row.active && row !== resumable) registry.discard(row);
    if (active === undefined) {
      steps.push({ projection, active: registry.createBuild(projection, now, true), current, build: undefined });
    } else if (current) {
      steps.push({ projection, active: retryIfFailed(active), current, build: undefined });
    } else {
      const build = resumable === undefined ? registry.createBuild(projection, now, false) : retryIfFailed(resumable);
      steps.push({ projection, active, current, build });
    }
  }
  return steps;
};

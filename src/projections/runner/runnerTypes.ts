import type { Database } from 'better-sqlite3';
import type { EventStore } from '../../eventStore/eventStore.js';
import type { Projection, ProjectionChange } from './projection.js';
import type { ReadModels } from './readModels.js';

/** The subset of pino the runner uses. */
export interface RunnerLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface ProjectionRunnerOptions {
  eventStore: EventStore;
  /** From `openReadModelDb`. */
  db: Database;
  projections: readonly Projection[];
  /** `now()` gives ISO-8601 UTC; used for registry timestamps and lag in seconds. */
  clock: { now(): string };
  logger?: RunnerLogger;
  /** Most events per transaction while following the head; default 1000. */
  batchSize?: number;
  /**
   * Most events per transaction while catching up (after a batch filled up without waiting); default 5000,
   * or `batchSize` when only that is given.
   * Larger batches commit less often but hold the connection longer per transaction.
   */
  catchUpBatchSize?: number;
  /** Pause before re-subscribing after the store failed; default 1000 ms. */
  retryDelayMs?: number;
}

export type ProjectionState = 'catchingUp' | 'live' | 'rebuilding' | 'failed';

/** One build of a projection: the active one, and the one being rebuilt when there is one. */
export interface ProjectionStatus {
  name: string;
  version: number;
  build: number;
  /** Serving readers. */
  active: boolean;
  /** Position of the last applied event. */
  position: bigint;
  /** Head position minus `position` (an event count for the SQLite and in-memory stores). */
  lagEvents: number;
  /** Age of the oldest event not yet applied; 0 when caught up. */
  lagSeconds: number;
  state: ProjectionState;
}

/** Published after every committed batch. */
export interface CommittedBatch {
  /** `true` for the batches of a rebuild (new build filling beside the active one). */
  rebuilding: boolean;
  events: number;
  firstPosition: bigint;
  lastPosition: bigint;
  /** The builds the batch advanced, with their new checkpoints. */
  projections: ReadonlyArray<{ name: string; version: number; build: number; active: boolean; position: bigint }>;
  /** What the active builds emitted while applying the batch, in event order. */
  changes: readonly ProjectionChange[];
}

/** Published when a rebuilt build becomes the active one. */
export interface BuildSwitch {
  name: string;
  version: number;
  build: number;
  previousBuild: number | undefined;
  position: bigint;
}

export interface ProjectionRunner {
  /** Live table names and statements for readers; valid before `start` for builds already active. */
  readonly readModels: ReadModels;
  /** Loads the registry, schedules rebuilds of changed versions and starts feeding. */
  start(): Promise<void>;
  /** Commits the batch in progress, closes the subscriptions; waiting callers get `false`. */
  stop(): Promise<void>;
  /**
   * Read-your-writes: `true` once every active build of `projections` (all by default) has applied
   * everything up to `position`; `false` on timeout, stop, or when one of them has failed.
   */
  waitForPosition(position: bigint, timeoutMs: number, projections?: readonly string[]): Promise<boolean>;
  /** Lowest position applied by the active builds of `projections` (all by default). */
  position(projections?: readonly string[]): bigint;
  status(): Promise<ProjectionStatus[]>;
  /** Returns the unsubscribe function. Listener errors are logged, never thrown into the runner. */
  onCommitted(listener: (batch: CommittedBatch) => void): () => void;
  onSwitched(listener: (change: BuildSwitch) => void): () => void;
  /**
   * Rebuilds a projection into new tables while the active build keeps serving; resolves after the atomic
   * switch. @throws ProjectionFailedError when the new build hits a poison event.
   */
  rebuild(name: string): Promise<void>;
}

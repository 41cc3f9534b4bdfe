import type { StoredEvent } from '../../eventStore/eventStore.js';
import { type Building, createBuilding, reachedPosition } from './building.js';
import {
  ProjectionConfigError,
  ProjectionFailedError,
  RunnerNotRunningError,
  UnknownProjectionError,
} from './errors.js';
import { ensureIndexes } from './indexing.js';
import { Lane, type LaneBatch } from './lane.js';
import { PositionWaiters } from './positionWaiters.js';
import { type Projection, projectionListProblems } from './projection.js';
import { ReadModels } from './readModels.js';
import { type BuildRow, ProjectionRegistry } from './registry.js';
import { RunnerEvents, toCommittedBatch } from './runnerEvents.js';
import type {
  BuildSwitch,
  CommittedBatch,
  ProjectionRunner,
  ProjectionRunnerOptions,
  ProjectionStatus,
  RunnerLogger,
} from './runnerTypes.js';
import { type ChangeSink, createSlot, type Slot } from './slot.js';
import { describeSlot } from './slotStatus.js';
import { planStartup } from './startupPlan.js';

const silent: RunnerLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Feeds projections from the event store into the read-model database (see `ProjectionRunner`).
 *
 * All active builds share one subscription (the live lane); builds being rebuilt share another lane
 * started from their own checkpoints and switch over one by one once they have caught up with the head
 * and the live lane. Every batch is one transaction holding rows and checkpoints.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => new Runner(options);

class Runner implements ProjectionRunner {
  readonly readModels: ReadModels;
  readonly #options: ProjectionRunnerOptions;
  readonly #logger: RunnerLogger;
  readonly #registry: ProjectionRegistry;
  readonly #projections: Map<string, Projection>;
  readonly #active = new Map<string, Slot>();
  readonly #building = new Map<string, Building>();
  readonly #rebuildLanes = new Set<Lane>();
  readonly #sink: ChangeSink = { changes: [], position: 0n };
  readonly #live: Lane;
  readonly #waiters = new PositionWaiters((position, names) => this.#reached(position, names));
  readonly #events: RunnerEvents;
  #state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  /** Head of the log at start: a live build gets its indexes once it has applied this much. */
  #indexTarget = 0n;

  constructor(options: ProjectionRunnerOptions) {
    const problems = projectionListProblems(options.projections);
    if (problems.length > 0) throw new ProjectionConfigError(problems);
    this.#options = options;
    this.#logger = options.logger ?? silent;
    this.#events = new RunnerEvents(this.#logger);
    this.#registry = new ProjectionRegistry(options.db);
    this.#projections = new Map(options.projections.map((projection) => [projection.name, projection]));
    this.readModels = new ReadModels(options.db);
    this.#live = this.#lane('live');
  }

  async start(): Promise<void> {
    if (this.#state !== 'idle') throw new RunnerNotRunningError();
    this.#state = 'running';
    this.#indexTarget = await this.#options.eventStore.headPosition().catch(() => 0n);
    if (this.#state !== 'running') return;
    const toBuild: Slot[] = [];
    for (const step of planStartup(
      this.#registry,
      this.#projections.values(),
      this.#options.clock.now(),
      this.#logger,
    )) {
      const active = this.#track(this.#slot(step.projection, step.active, step.current));
      if (step.current) this.#live.slots.add(active);
      if (step.current && active.position >= this.#indexTarget) ensureIndexes(this.#options.db, active, this.#logger);
      if (step.build !== undefined) toBuild.push(this.#slot(step.projection, step.build, true));
    }
    this.readModels.reload();
    this.#live.start();
    if (toBuild.length > 0) await this.#beginBuilds(toBuild);
  }

  async stop(): Promise<void> {
    if (this.#state === 'stopping' || this.#state === 'stopped') return;
    this.#state = 'stopping';
    await Promise.all([this.#live.stop(), ...[...this.#rebuildLanes].map((lane) => lane.stop())]);
    this.#state = 'stopped';
    for (const building of this.#building.values()) building.reject(new RunnerNotRunningError());
    this.#building.clear();
    this.#waiters.cancelAll();
  }

  waitForPosition(position: bigint, timeoutMs: number, projections?: readonly string[]): Promise<boolean> {
    const names = projections ?? [...this.#projections.keys()];
    const unknown = names.find((name) => !this.#projections.has(name));
    if (unknown !== undefined) return Promise.reject(new UnknownProjectionError(unknown));
    return this.#waiters.wait(position, timeoutMs, names);
  }

  position(projections?: readonly string[]): bigint {
    let lowest: bigint | undefined;
    for (const name of projections ?? this.#projections.keys()) {
      const position = this.#active.get(name)?.position ?? 0n;
      if (lowest === undefined || position < lowest) lowest = position;
    }
    return lowest ?? 0n;
  }

  async status(): Promise<ProjectionStatus[]> {
    const { eventStore, clock } = this.#options;
    const head = await eventStore.headPosition();
    const now = Date.parse(clock.now());
    const slots: Slot[] = [];
    for (const name of this.#projections.keys()) {
      const active = this.#active.get(name);
      const building = this.#building.get(name)?.slot;
      if (active !== undefined) slots.push(active);
      if (building !== undefined) slots.push(building);
    }
    return Promise.all(slots.map((slot) => describeSlot(eventStore, slot, head, now)));
  }

  onCommitted(listener: (batch: CommittedBatch) => void): () => void {
    return this.#events.onCommitted(listener);
  }

  onSwitched(listener: (change: BuildSwitch) => void): () => void {
    return this.#events.onSwitched(listener);
  }

  async rebuild(name: string): Promise<void> {
    const projection = this.#projections.get(name);
    if (projection === undefined) throw new UnknownProjectionError(name);
    if (this.#state !== 'running') throw new RunnerNotRunningError();
    const existing = this.#building.get(name);
    if (existing !== undefined) return existing.done;
    const row = this.#registry.createBuild(projection, this.#options.clock.now(), false);
    const [building] = await this.#beginBuilds([this.#slot(projection, row, true)]);
    return building!.done;
  }

  #lane(kind: 'live' | 'rebuild'): Lane {
    const { db, eventStore, clock, batchSize, catchUpBatchSize, retryDelayMs } = this.#options;
    return new Lane(kind, {
      db,
      registry: this.#registry,
      store: eventStore,
      now: () => clock.now(),
      sink: this.#sink,
      batchSize: batchSize ?? 1000,
      catchUpBatchSize: catchUpBatchSize ?? (batchSize === undefined ? 20_000 : batchSize),
      retryDelayMs: retryDelayMs ?? 1000,
      onPoison: (slot, event, error) => this.#poisoned(slot, event, error),
      onCommitted: (lane, batch) => this.#afterCommit(lane, batch),
      onFeedError: (lane, error) => this.#logger.error({ err: error, lane: lane.kind }, 'projection feed failed'),
    });
  }

  #slot(projection: Projection, row: BuildRow, fed: boolean): Slot {
    return createSlot(projection, row, { db: this.#options.db, sink: this.#sink, fed });
  }

  #track(slot: Slot): Slot {
    this.#active.set(slot.projection.name, slot);
    return slot;
  }

  async #beginBuilds(slots: Slot[]): Promise<Building[]> {
    const lane = this.#lane('rebuild');
    this.#rebuildLanes.add(lane);
    const builds = slots.map((slot) => {
      const building = createBuilding(slot, lane);
      this.#building.set(slot.projection.name, building);
      return building;
    });
    const head = await this.#options.eventStore.headPosition();
    if (this.#state !== 'running') return builds;
    for (const building of builds) {
      building.target = head;
      lane.slots.add(building.slot);
      this.#logger.info(
        { projection: building.slot.projection.name, build: building.slot.build, version: building.slot.version },
        'rebuilding projection',
      );
    }
    lane.start();
    for (const building of builds) this.#switchIfCaughtUp(building);
    return builds;
  }

  #afterCommit(lane: Lane, batch: LaneBatch): void {
    if (lane.kind === 'live')
      for (const slot of batch.slots)
        if (slot.position >= this.#indexTarget) ensureIndexes(this.#options.db, slot, this.#logger);
    this.#events.committed(toCommittedBatch(lane.kind === 'rebuild', batch));
    if (lane.kind === 'live') this.#waiters.notify();
    else
      for (const slot of batch.slots) {
        const building = this.#building.get(slot.projection.name);
        if (building?.slot === slot) this.#switchIfCaughtUp(building);
      }
  }

  #switchIfCaughtUp(building: Building): void {
    const { slot, target } = building;
    if (this.#state !== 'running' || target === undefined || slot.failed) return;
    if (slot.position < target || (this.#live.running && slot.position < this.#live.cursor)) return;
    const name = slot.projection.name;
    const previous = this.#active.get(name);
    if (!ensureIndexes(this.#options.db, slot, this.#logger)) return;
    this.#registry.switchActive(name, slot.build, this.#options.clock.now());
    if (previous !== undefined) this.#live.remove(previous);
    this.#building.delete(name);
    this.#leaveRebuildLane(building);
    slot.active = true;
    this.#track(slot);
    this.#live.add(slot);
    this.readModels.reload();
    this.#logger.info({ projection: name, build: slot.build, version: slot.version }, 'projection switched');
    this.#events.switched({
      name,
      version: slot.version,
      build: slot.build,
      previousBuild: previous?.build,
      position: slot.position,
    });
    building.resolve();
    this.#waiters.notify();
  }

  #leaveRebuildLane(building: Building): void {
    building.lane.remove(building.slot);
    if (building.lane.slots.size === 0) this.#rebuildLanes.delete(building.lane);
  }

  #poisoned(slot: Slot, event: StoredEvent, error: unknown): void {
    const { name, version } = slot.projection;
    const message = error instanceof Error ? error.message : String(error);
    const position = event.position;
    this.#logger.error(
      { err: error, projection: name, build: slot.build, position: position.toString(), eventType: event.type },
      'projection stopped on an event it could not apply',
    );
    this.#registry.markFailed({
      projection: name,
      build: slot.build,
      version,
      position,
      eventId: event.id,
      eventType: event.type,
      message,
      occurredAt: this.#options.clock.now(),
    });
    slot.failed = true;
    const building = this.#building.get(name);
    if (building?.slot === slot) {
      this.#building.delete(name);
      this.#leaveRebuildLane(building);
      building.reject(new ProjectionFailedError(name, position, message));
    } else this.#live.remove(slot);
    this.#waiters.notify();
  }

  #reached(position: bigint, names: readonly string[]): boolean | undefined {
    return this.#state === 'idle' ? undefined : reachedPosition(this.#active, this.#building, position, names);
  }
}

import { AppError } from '../../domain/errors.js';

/** The runner was given an unusable projection list (bad or duplicate names). */
export class ProjectionConfigError extends AppError {
  readonly code = 'PROJECTION_CONFIG_INVALID';
  readonly kind = 'invalid';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid projections: ${problems.join('; ')}`, { problems });
  }
}

/** No projection of that name is registered with the runner. */
export class UnknownProjectionError extends AppError {
  readonly code = 'UNKNOWN_PROJECTION';
  readonly kind = 'notFound';

  constructor(readonly projection: string) {
    super(`Unknown projection ${projection}`, { projection });
  }
}

/** The projection has no active build yet (the runner has not started): its tables cannot be read. */
export class ProjectionNotReadyError extends AppError {
  readonly code = 'PROJECTION_NOT_READY';
  readonly kind = 'unavailable';

  constructor(readonly projection: string) {
    super(`Projection ${projection} has no active build yet`, { projection });
  }
}

/** A build stopped on a poison event; see `projection_errors`. */
export class ProjectionFailedError extends AppError {
  readonly code = 'PROJECTION_FAILED';
  readonly kind = 'unavailable';

  constructor(
    readonly projection: string,
    readonly position: bigint,
    message: string,
  ) {
    super(`Projection ${projection} failed at position ${position}: ${message}`, {
      projection,
      position: position.toString(),
    });
  }
}

/** The runner is not running (not started yet, or stopped). */
export class RunnerNotRunningError extends AppError {
  readonly code = 'PROJECTION_RUNNER_NOT_RUNNING';
  readonly kind = 'unavailable';

  constructor() {
    super('The projection runner is not running');
  }
}

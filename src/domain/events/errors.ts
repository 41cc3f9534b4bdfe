import { AppError } from '../errors.js';

/** One refused field: `path` is the list of keys from the event's `data` down to the field. */
export interface EventDataIssue {
  path: Array<string | number>;
  message: string;
}

export class UnknownEventType extends AppError {
  readonly code = 'UNKNOWN_EVENT_TYPE';
  readonly kind = 'invalid';
  constructor(type: string) {
    super(`Unknown event type: ${type}`, { type });
  }
}

/** A type only the service records (e.g. PersonalDataErased), posted by an integrator. */
export class ServiceOnlyEventType extends AppError {
  readonly code = 'EVENT_TYPE_NOT_POSTABLE';
  readonly kind = 'invalid';
  constructor(type: string) {
    super(`${type} is recorded by the service itself and cannot be posted`, { type });
  }
}

export class UnsupportedEventVersion extends AppError {
  readonly code = 'UNSUPPORTED_EVENT_VERSION';
  readonly kind = 'invalid';
  constructor(type: string, version: number, currentVersion: number) {
    super(`${type} version ${version} cannot be read (current version ${currentVersion})`, {
      type,
      version,
      currentVersion,
    });
  }
}

export class InvalidEventData extends AppError {
  readonly code = 'INVALID_EVENT_DATA';
  readonly kind = 'invalid';
  constructor(
    type: string,
    version: number,
    readonly issues: EventDataIssue[],
  ) {
    super(`Invalid ${type} data: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`, {
      type,
      version,
      issues,
    });
  }
}

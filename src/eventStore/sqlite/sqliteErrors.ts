import Database from 'better-sqlite3';
import { AppError } from '../../domain/errors.js';
import { StoreUnavailableError } from '../errors.js';

type SqliteError = InstanceType<typeof Database.SqliteError>;

export const isSqliteError = (error: unknown): error is SqliteError => error instanceof Database.SqliteError;

const isUniqueViolation = (error: unknown): error is SqliteError =>
  isSqliteError(error) && (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');

/** Another writer already holds this event id. */
export const isEventIdTaken = (error: unknown): boolean =>
  isUniqueViolation(error) && error.message.includes('events.id');

/** Another writer already holds this (stream, revision). */
export const isRevisionTaken = (error: unknown): boolean =>
  isUniqueViolation(error) && error.message.includes('events.revision');

/**
 * Translates whatever the driver threw into the port's errors, so SQLite types never escape the adapter.
 * Errors of the service itself pass through; programming errors (TypeError...) are left alone.
 */
export const toStoreError = (error: unknown): unknown => {
  if (error instanceof AppError) return error;
  if (isSqliteError(error)) return new StoreUnavailableError(`SQLite event store: ${error.code}: ${error.message}`);
  return error;
};

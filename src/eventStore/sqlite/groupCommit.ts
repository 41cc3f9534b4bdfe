import type Database from 'better-sqlite3';
import { type AppendContext, type AppendOutcome, appendInSavepoint, type PendingAppend } from './appendCall.js';
import { toStoreError } from './sqliteErrors.js';

export interface GroupCommitOptions {
  now: () => string;
  /** A group stops taking calls once it holds this many events (a single larger call still goes alone). */
  maxGroupEvents: number;
  /** Called after a COMMIT that wrote at least one event. */
  onCommitted: () => void;
}

/**
 * Group commit: calls that arrive in the same turn of the event loop are committed together in one
 * transaction, hence one fsync. Each call runs in its own savepoint, and every caller is answered
 * only after the COMMIT has returned.
 */
export const createGroupCommitter = (db: Database.Database, context: AppendContext, options: GroupCommitOptions) => {
  const { statements, types } = context;
  let queue: PendingAppend[] = [];
  let scheduled: NodeJS.Immediate | undefined;

  const takeGroup = (): PendingAppend[] => {
    let events = 0;
    let count = 0;
    while (count < queue.length) {
      const size = queue[count]!.events.length;
      if (count > 0 && events + size > options.maxGroupEvents) break;
      events += size;
      count++;
    }
    const group = queue.slice(0, count);
    queue = queue.slice(count);
    return group;
  };

  const commitGroup = (group: PendingAppend[]): void => {
    const outcomes: AppendOutcome[] = [];
    try {
      const recordedAt = options.now();
      statements.begin.run();
      for (const call of group) outcomes.push(appendInSavepoint(context, call, recordedAt));
      statements.commit.run();
      types.committed();
    } catch (error) {
      types.rolledBack();
      if (db.inTransaction) {
        try {
          statements.rollback.run();
        } catch {
          // The connection already rolled back; the original error is the one to report.
        }
      }
      const failure = toStoreError(error);
      for (const call of group) call.reject(failure);
      return;
    }
    let wrote = false;
    group.forEach((call, index) => {
      const outcome = outcomes[index]!;
      if ('error' in outcome) {
        call.reject(outcome.error);
      } else {
        wrote ||= !outcome.result.alreadyStored;
        call.resolve(outcome.result);
      }
    });
    if (wrote) options.onCommitted();
  };

  const flushOne = (): void => {
    scheduled = undefined;
    commitGroup(takeGroup());
    if (queue.length > 0) scheduled = setImmediate(flushOne);
  };

  return {
    enqueue: (call: PendingAppend): void => {
      queue.push(call);
      scheduled ??= setImmediate(flushOne);
    },
    /** Commits everything queued, now (used by close()). */
    drain: (): void => {
      if (scheduled !== undefined) clearImmediate(scheduled);
      scheduled = undefined;
      while (queue.length > 0) commitGroup(takeGroup());
    },
  };
};

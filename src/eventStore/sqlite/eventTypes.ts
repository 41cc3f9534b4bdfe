import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/**
 * Event types interned as small integers. Ids of committed rows never change, so they are cached for good;
 * ids handed out inside the open group transaction stay pending until its COMMIT, as a rollback frees them.
 */
export const createEventTypes = (db: Database.Database) => {
  const selectAll = db.prepare('SELECT id, name FROM event_types').raw().safeIntegers(false);
  const selectId = db.prepare('SELECT id FROM event_types WHERE name = ?').pluck().safeIntegers(false);
  const insert = db.prepare('INSERT INTO event_types (name) VALUES (?)').safeIntegers(false);
  const ids = new Map<string, number>();
  const names: string[] = [];
  let pending = new Map<string, number>();

  const remember = (name: string, id: number): void => {
    ids.set(name, id);
    names[id] = name;
  };

  return {
    /** Name of a type id read from a committed row. */
    nameOf: (id: number): string => {
      const cached = names[id];
      if (cached !== undefined) return cached;
      for (const [known, name] of selectAll.all() as [number, string][]) remember(name, known);
      const name = names[id];
      if (name === undefined) throw new StoreUnavailableError(`SQLite event store: unknown event type id ${id}`);
      return name;
    },
    /** Id of a committed type; `undefined` when no event of that type was ever committed. Outside transactions. */
    idOf: (name: string): number | undefined => {
      const cached = ids.get(name);
      if (cached !== undefined) return cached;
      const found = selectId.get(name) as number | undefined;
      if (found !== undefined) remember(name, found);
      return found;
    },
    /** Inside the group transaction: the type's id, created when new. */
    intern: (name: string): number => {
      const known = ids.get(name) ?? pending.get(name);
      if (known !== undefined) return known;
      const id = (selectId.get(name) as number | undefined) ?? Number(insert.run(name).lastInsertRowid);
      pending.set(name, id);
      return id;
    },
    committed: (): void => {
      for (const [name, id] of pending) remember(name, id);
      pending = new Map();
    },
    rolledBack: (): void => {
      pending = new Map();
    },
  };
};

export type EventTypes = ReturnType<typeof createEventTypes>;

import type { Database, Statement } from 'better-sqlite3';

export type RowValues = Array<string | number | null>;

/**
 * One client's rows in a table whose primary key is `client_id` followed by `keyColumns - 1` more columns (the
 * table's first columns). `replace` makes the stored rows equal the given ones and writes only the rows that
 * differ: a client whose history grew by one event usually changes one or two of its rows, and each row written
 * also rewrites an entry in every index.
 */
export class ClientRows {
  readonly #select: Statement<[string], RowValues>;
  readonly #upsert: Statement<RowValues>;
  readonly #delete: Statement<RowValues>;
  readonly #keyColumns: number;

  constructor(db: Database, table: string, columns: readonly string[], keyColumns: number) {
    const names = columns.join(', ');
    const keyNames = columns.slice(0, keyColumns);
    this.#select = db
      .prepare<[string], RowValues>(`SELECT ${names} FROM ${table} WHERE client_id = ? ORDER BY ${keyNames.join(', ')}`)
      .raw(true);
    this.#upsert = db.prepare<RowValues>(
      `INSERT OR REPLACE INTO ${table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const key = keyNames.map((column) => `${column} = ?`).join(' AND ');
    this.#delete = db.prepare<RowValues>(`DELETE FROM ${table} WHERE ${key}`);
    this.#keyColumns = keyColumns;
  }

  /**
   * Replaces the client's rows by `rows` (each starting with the client id); returns the stored rows, in key order.
   * `fresh`: the client has no rows yet (its first batch), so nothing is read or compared.
   */
  replace(clientId: string, rows: readonly RowValues[], fresh = false): RowValues[] {
    if (fresh) {
      for (const row of rows) this.#upsert.run(...row);
      return [];
    }
    const stored = this.#select.all(clientId);
    const byKey = new Map<string, RowValues>();
    for (const row of stored) byKey.set(this.#key(row), row);
    for (const row of rows) {
      const key = this.#key(row);
      const old = byKey.get(key);
      byKey.delete(key);
      if (old === undefined || !sameValues(old, row)) this.#upsert.run(...row);
    }
    for (const row of byKey.values()) this.#delete.run(...row.slice(0, this.#keyColumns));
    return stored;
  }

  #key(row: RowValues): string {
    let key = '';
    for (let column = 1; column < this.#keyColumns; column++) key += `${row[column]}\u0000`;
    return key;
  }
}

const sameValues = (a: RowValues, b: RowValues): boolean => {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
};

import type { Statement } from 'better-sqlite3';
import type { TableNames } from '../runner/projection.js';
import type { ReadModels } from '../runner/readModels.js';

/**
 * Prepared statements for each combination of present filters (a filter left out is left out of the SQL, so
 * SQLite can pick the index of the filters that are there), prepared on first use and per active build.
 */
export const statementVariants = <TTable extends string>(
  readModels: ReadModels,
  projection: string,
  sql: (tables: TableNames<TTable>, key: string) => string,
) => {
  const variants = new Map<string, () => Statement>();
  return (key: string): Statement => {
    let variant = variants.get(key);
    if (variant === undefined) {
      variant = readModels.statement<TTable>(projection, (tables) => sql(tables, key));
      variants.set(key, variant);
    }
    return variant();
  };
};

/** `"organisation,kind"`-style key of the filters that are present. */
export const presentKey = <F extends object>(filter: F, names: readonly (keyof F & string)[]): string =>
  names.filter((name) => filter[name] !== undefined).join(',');

export const has = (key: string, name: string): boolean => key.split(',').includes(name);

/** `[{"value": id}, ...]` for `json_each(?)`: one statement for any number of ids. */
export const idList = (ids: readonly string[]): string => JSON.stringify([...new Set(ids)]);

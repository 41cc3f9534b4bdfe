import { existsSync, statSync } from 'node:fs';

/** Size of an SQLite database on disk in MiB, with its WAL and shared-memory files. */
export const databaseMiB = (path: string): number => {
  const bytes = ['', '-wal', '-shm']
    .map((suffix) => `${path}${suffix}`)
    .filter((file) => existsSync(file))
    .reduce((sum, file) => sum + statSync(file).size, 0);
  return Math.round((bytes / 2 ** 20) * 10) / 10;
};

// The storage engines every contract runs against: a SQLite file in a temp folder, and a fresh
// database on the run's embedded Postgres server. A place can be opened more than once, as several
// processes would open one database.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPostgresStorage } from '../../adapters/storage/postgres/open-storage';
import type { Storage } from '../../src/ports/storage';
import { freshDatabase } from '../support/postgres';
import { openSqliteStorage } from '../../adapters/storage/sqlite-storage';

export interface StoragePlace {
  /** Opens the place's database as one more process would. */
  open(): Promise<Storage>;
  /** Closes what was opened here and removes the place. */
  cleanup(): Promise<void>;
}

export interface Engine {
  name: 'SQLite' | 'Postgres';
  place(): Promise<StoragePlace>;
}

function tracked(openOne: () => Promise<Storage>, remove: () => void = () => undefined): StoragePlace {
  const opened: Storage[] = [];
  return {
    async open() {
      const storage = await openOne();
      opened.push(storage);
      return storage;
    },
    async cleanup() {
      for (const storage of opened) await storage.close();
      remove();
    },
  };
}

export const ENGINES: Engine[] = [
  {
    name: 'SQLite',
    async place() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-'));
      return tracked(
        async () => openSqliteStorage(path.join(dir, 'sentinel.db')),
        () => rmSync(dir, { recursive: true, force: true }),
      );
    },
  },
  {
    name: 'Postgres',
    async place() {
      const url = await freshDatabase();
      return tracked(() => openPostgresStorage(url, { poolMax: 4 }));
    },
  },
];

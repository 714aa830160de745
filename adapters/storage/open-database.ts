// Opens the SQLite file with the settings the store relies on and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type StorageDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this file, so migrations are found whatever the working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATE_ATTEMPTS = 3;

/** How long opening keeps retrying while other processes set up the same fresh file. */
const OPEN_BUDGET_MS = 20_000;

/**
 * Some first-open steps (switching a fresh file to WAL, its recovery) answer SQLITE_BUSY at once
 * instead of waiting on busy_timeout when several processes start together; those are retried
 * with a short pause until the budget runs out.
 */
export function openDatabase(path: string): StorageDb {
  const deadline = Date.now() + OPEN_BUDGET_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return openOnce(path);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw err;
      if (Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.min(250, 20 * attempt));
    }
  }
}

function openOnce(path: string): StorageDb {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold for a moment.
    client.pragma('busy_timeout = 5000');
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    const db = drizzle({ client, schema });
    applyMigrations(db);
    return db;
  } catch (err) {
    client.close();
    throw err;
  }
}

/**
 * drizzle's migrator reads the last applied migration before it opens its transaction, so two
 * processes starting on a fresh file can both decide to create the tables; the loser fails with
 * "table already exists". Running it again then finds the migration applied and does nothing.
 */
function applyMigrations(db: StorageDb): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return;
    } catch (err) {
      if (attempt >= MIGRATE_ATTEMPTS) throw err;
    }
  }
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so a second
 * process waits (busy_timeout) instead of failing when its read turns into a write.
 */
export function inWriteTransaction<T>(db: StorageDb, work: () => T): T {
  return db.$client.transaction(work).immediate();
}

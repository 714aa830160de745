// Opens the SQLite file with the settings the store relies on and brings its schema up to date.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SentinelError } from '../../src/domain/errors';
import * as schema from './schema';

export type StorageDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Resolved from this file, so migrations are found whatever the working directory. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATE_ATTEMPTS = 3;

export interface OpenedDatabase {
  db: StorageDb;
  /** Tags of the migrations this open applied, oldest first (empty when the file was up to date). */
  applied: string[];
}

/** How long opening keeps retrying while other processes set up the same fresh file. */
const OPEN_BUDGET_MS = 20_000;

/**
 * Some first-open steps (switching a fresh file to WAL, its recovery) answer SQLITE_BUSY at once
 * instead of waiting on busy_timeout when several processes start together; those are retried
 * with a short pause until the budget runs out.
 */
export function openDatabase(path: string): OpenedDatabase {
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

function openOnce(path: string): OpenedDatabase {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const client = new Database(path);
  try {
    // busy_timeout first: switching to WAL needs a lock another process may hold for a moment.
    client.pragma('busy_timeout = 5000');
    refuseNewerSchema(client, path);
    client.pragma('journal_mode = WAL');
    client.pragma('synchronous = NORMAL');
    client.pragma('foreign_keys = ON');
    const db = drizzle({ client, schema });
    const before = new Set(appliedStamps(client));
    applyMigrations(db);
    return { db, applied: tagsOf(appliedStamps(client).filter((when) => !before.has(when))) };
  } catch (err) {
    client.close();
    throw err;
  }
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** The migrations this version ships (journal stamp and tag), oldest first, read once. */
let journal: JournalEntry[] | undefined;
function shippedMigrations(): JournalEntry[] {
  journal ??= (JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] }).entries
    .slice()
    .sort((a, b) => a.when - b.when);
  return journal;
}

function newestShippedMigration(): JournalEntry {
  return shippedMigrations().at(-1)!;
}

/** The journal stamps drizzle recorded for the migrations the file has, oldest first. */
function appliedStamps(client: Database.Database): number[] {
  const hasTable = client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!hasTable) return [];
  return (client.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').pluck().all() as Array<number | string>).map(
    Number,
  );
}

function tagsOf(stamps: number[]): string[] {
  return stamps.map((when) => shippedMigrations().find((m) => m.when === when)?.tag ?? String(when));
}

/** The tag of the newest migration the open database has. */
export function currentMigration(db: StorageDb): string | null {
  const stamps = appliedStamps(db.$client);
  return stamps.length === 0 ? null : tagsOf([stamps.at(-1)!])[0]!;
}

/**
 * drizzle's migrator skips every migration older than the newest one the file records, so a file a
 * later version migrated would open "fine" here and then fail query by query ("no such column").
 * Refusing it up front names the real cause; the file itself is left untouched.
 */
function refuseNewerSchema(client: Database.Database, path: string): void {
  const hasTable = client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!hasTable) return;
  const last = client.prepare('SELECT MAX(created_at) FROM __drizzle_migrations').pluck().get() as number | string | null;
  const newest = newestShippedMigration();
  if (last === null || Number(last) <= newest.when) return;
  throw new SentinelError(
    'store.newer_schema',
    'config',
    `${path} was written by a newer sync-sentinel — upgrade sync-sentinel to open it (this version knows the database up to migration ${newest.tag}). Nothing in the file was changed.`,
  );
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

// The drizzle handle on a pg Pool, the transaction type the stores share, and the migration step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { SentinelError } from '../../../src/domain/errors';
import type { MigrationReport } from '../../../src/ports/storage';
import * as core from './schema';
import * as areas from './schema-areas';

const schema = { ...core, ...areas };
export type PgDb = NodePgDatabase<typeof schema>;
/** A transaction of the handle: the stores' helpers take either. */
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
export type PgRunner = PgDb | PgTx;

export function pgDatabase(pool: pg.Pool): PgDb {
  return drizzle({ client: pool, schema });
}

/** Resolved from this file, so migrations are found whatever the working directory. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any fixed number: every sync-sentinel process migrating the same database waits on it in turn. */
const MIGRATION_LOCK = 0x5e471e1;

/**
 * Brings the schema up to date on a connection of its own that holds a session advisory lock, so N
 * processes starting at once migrate one after the other: the first applies, the rest find nothing
 * to do. A database migrated by a newer version is refused before anything is written.
 */
export async function migrateDatabase(pool: pg.Pool, where: string): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await refuseNewerSchema(client, where);
      const before = await appliedStamps(client);
      await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      const after = await appliedStamps(client);
      const entries = shippedMigrations();
      const current = entries.filter((e) => after.has(e.when)).at(-1)?.tag ?? null;
      return { applied: entries.filter((e) => after.has(e.when) && !before.has(e.when)).map((e) => e.tag), current };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The migrations this version ships, oldest first. */
function shippedMigrations(): Array<{ when: number; tag: string }> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: Array<{ when: number; tag: string }>;
  };
  return [...journal.entries].sort((a, b) => a.when - b.when);
}

function newestShippedMigration(): { when: number; tag: string } {
  return shippedMigrations().at(-1)!;
}

/** The journal stamps of the migrations the database has applied (none before the first). */
async function appliedStamps(client: pg.PoolClient): Promise<Set<number>> {
  const found = await client.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!found.rows[0]?.t) return new Set();
  const rows = await client.query<{ at: string }>('SELECT created_at::text AS at FROM drizzle.__drizzle_migrations');
  return new Set(rows.rows.map((r) => Number(r.at)));
}

/** drizzle's migrator skips what is older than the newest applied migration, so a newer database would fail query by query. */
async function refuseNewerSchema(client: pg.PoolClient, where: string): Promise<void> {
  const found = await client.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!found.rows[0]?.t) return;
  const last = await client.query<{ last: string | null }>('SELECT MAX(created_at)::text AS last FROM drizzle.__drizzle_migrations');
  const newest = newestShippedMigration();
  const stamp = last.rows[0]?.last;
  if (stamp === null || stamp === undefined || Number(stamp) <= newest.when) return;
  throw new SentinelError(
    'store.newer_schema',
    'config',
    `Postgres database ${where} was written by a newer sync-sentinel — upgrade sync-sentinel to use it (this version knows the database up to migration ${newest.tag}). Nothing in it was changed.`,
  );
}

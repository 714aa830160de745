// The Storage bundle on a Postgres database: one pg Pool shared by the core store and every area
// store, the schema migrated on open. For many companies and several instances on one database.
import pg from 'pg';
import type { Logger } from '../../../src/ports/logger';
import type { MigrationReport, Storage } from '../../../src/ports/storage';
import { migrateDatabase, pgDatabase } from './db';
import { createPgChannelHealthStore } from './channel-health-store';
import { createPgConnectorTokens, hasPgConnectorTokens } from './connector-token-store';
import { createPgDigestStore } from './digest-store';
import { pgStoreError } from './errors';
import { PostgresStore } from './postgres-store';
import { createPgQboVault, hasPgQboTokens } from './qbo-vault';
import { rotatePgSecretKey } from './rotate-key';
import { createPgTeamsStore } from './teams-store';
import { guarded } from './guarded';

/** `host:port/database` of a connection URL: what messages name (never the user's password). */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || process.env.PGHOST || 'localhost';
    const port = u.port || process.env.PGPORT || '5432';
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || process.env.PGDATABASE || 'postgres';
    return `${host}:${port}/${database}`;
  } catch {
    return 'the Postgres database (its URL does not parse)';
  }
}

export async function openPostgresStorage(url: string, opts: { log?: Logger; poolMax?: number } = {}): Promise<Storage> {
  const where = describeDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.poolMax ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped must not crash the process; the next query opens another.
  pool.on('error', (err) => opts.log?.warn({ where, code: (err as { code?: string }).code }, 'postgres connection dropped'));
  let migrated: MigrationReport;
  try {
    migrated = await migrateDatabase(pool, where);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw pgStoreError(err, 'open', where);
  }
  const db = pgDatabase(pool);
  let ended: Promise<void> | undefined;
  const close = () => (ended ??= pool.end());
  const store = guarded(new PostgresStore(db, where, close), where);
  return {
    engine: 'postgres',
    where,
    store,
    digest: guarded(createPgDigestStore(db), where),
    health: guarded(createPgChannelHealthStore(db), where),
    conversations: guarded(createPgTeamsStore(db), where),
    qboVault: (companyId, key) => guarded(createPgQboVault(db, key, companyId), where),
    connectorTokens: (companyId, key) => guarded(createPgConnectorTokens(db, key, companyId), where),
    hasConnectorTokens: (companyId) => guarded({ has: () => hasPgConnectorTokens(db, companyId) }, where).has(),
    hasQboTokens: (companyId) => guarded({ has: () => hasPgQboTokens(db, companyId) }, where).has(),
    rotateKey: (oldKey, newKey, now) => guarded({ rotate: () => rotatePgSecretKey(db, oldKey, newKey, now) }, where).rotate(),
    // Opening applied whatever was pending; a later call finds what another process applied meanwhile.
    migrate: async () => {
      const again = await guarded({ run: () => migrateDatabase(pool, where) }, where).run();
      return { applied: [...migrated.applied, ...again.applied], current: again.current };
    },
    close,
  };
}

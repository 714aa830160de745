// The Storage bundle on one SQLite file (or ':memory:'): the core store and every area store share one
// better-sqlite3 connection, so a channel problem and its notices, or a token refresh and its lease,
// are written in the transactions of that one connection.
import type { MigrationReport, Storage } from '../../src/ports/storage';
import { createChannelHealthStore } from './channel-health-store';
import { createConnectorTokenStore, hasConnectorTokens } from './connector-token-store';
import { createDigestStore } from './digest-store';
import { storeError } from './errors';
import { currentMigration, openDatabase, type OpenedDatabase } from './open-database';
import { createQboVault, hasQboTokens } from './qbo-store';
import { rotateSecretKey } from './rotate-key';
import { SqliteStore } from './sqlite-store';
import { createTeamsStore } from './teams-store';

/** Opens (creating if needed) the database at `path` and applies pending migrations. */
export function openSqliteStorage(path: string): Storage {
  let opened: OpenedDatabase;
  try {
    opened = openDatabase(path);
  } catch (err) {
    throw storeError(err, 'open', path);
  }
  const { db, applied } = opened;
  const store = new SqliteStore(db, path);
  /** better-sqlite3 answers at once; errors still arrive as rejections, as from any engine. */
  const run = async <T>(operation: string, work: () => T): Promise<T> => {
    try {
      return work();
    } catch (err) {
      throw storeError(err, operation, path);
    }
  };
  return {
    engine: 'sqlite',
    where: path,
    store,
    digest: createDigestStore(db, path),
    health: createChannelHealthStore(db),
    conversations: createTeamsStore(db, path),
    qboVault: (companyId, key) => createQboVault(db, key, companyId),
    connectorTokens: (companyId, key) => createConnectorTokenStore(db, key, companyId),
    hasConnectorTokens: (companyId) => run('has_connector_tokens', () => hasConnectorTokens(db, companyId)),
    hasQboTokens: (companyId) => run('has_qbo_tokens', () => hasQboTokens(db, companyId)),
    rotateKey: (oldKey, newKey, now) => run('rotate_key', () => rotateSecretKey(db, oldKey, newKey, now)),
    // Opening applied whatever was pending (the embedded default stays "run" with nothing before it).
    migrate: () => run('migrate', (): MigrationReport => ({ applied: [...applied], current: currentMigration(db) })),
    close: () => store.close(),
  };
}

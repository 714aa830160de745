// The configured storage engine: `storage.postgres` (many companies, several instances), else the
// SQLite file `storage.sqlite` names, else sentinel.db in the data folder (the embedded default).
import path from 'node:path';
import type { StorageSettings } from '../../src/config/schema';
import { ConfigError } from '../../src/domain/errors';
import type { Logger } from '../../src/ports/logger';
import type { Storage } from '../../src/ports/storage';
import { openSqliteStorage } from './sqlite-storage';

export interface StorageEnv {
  /** Where the embedded SQLite file lives when the config names no storage. */
  dataDir: string;
  vars?: Readonly<Record<string, string | undefined>>;
}

export async function openStorage(
  config: { storage?: StorageSettings | undefined },
  env: StorageEnv,
  baseDir: string,
  opts: { log?: Logger } = {},
): Promise<Storage> {
  const settings = config.storage;
  if (settings?.postgres) {
    const variable = settings.postgres.url_env;
    const url = env.vars?.[variable];
    if (!url) {
      throw new ConfigError(
        `storage.postgres.url_env names ${variable}, but ${variable} is not set: set it to the database's connection URL (postgres://user:password@host:5432/database).`,
        { setting: 'storage.postgres.url_env' },
      );
    }
    // Loaded only here, so a SQLite deployment never loads the Postgres driver.
    const { openPostgresStorage } = await import('./postgres/open-storage');
    const poolMax = settings.postgres.pool_max;
    return openPostgresStorage(url, { ...(opts.log ? { log: opts.log } : {}), ...(poolMax ? { poolMax } : {}) });
  }
  const file = settings?.sqlite ? path.resolve(baseDir, settings.sqlite) : path.join(env.dataDir, 'sentinel.db');
  return openSqliteStorage(file);
}

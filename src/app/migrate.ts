// `sync-sentinel migrate`: brings the configured database up to this version's schema and says where
// it is. SQLite also migrates whenever it is opened (the embedded default needs no step before `run`);
// a Postgres database shared by several instances is migrated here, once, before they start.
import type { Config } from '../config/schema';
import { configErrorOf } from '../config/parse-error';
import type { MigrationReport } from '../ports/storage';
import { openStorage } from '../../adapters/storage/open-storage';
import { loadDeploymentFile } from '../config/deployment';
import { findConfigFile } from './config-file';
import type { Env } from './env';

/** Migrates the storage the config names (without a config: the data folder's sentinel.db) and returns the sentence to print. */
export async function migrateStorage(env: Env): Promise<string> {
  const configPath = findConfigFile(env);
  let config: Pick<Config, 'storage'> = {};
  let baseDir = env.cwd ?? process.cwd();
  if (configPath) {
    // A deployment file (companies:) or a single-company one: the storage is the deployment's either way.
    const loaded = await loadDeploymentFile(configPath);
    if (!loaded.ok) throw configErrorOf(loaded.errors);
    config = { storage: loaded.value.storage };
    baseDir = loaded.value.baseDir;
  }
  const storage = await openStorage(config, env, baseDir);
  try {
    return migrationSentence(storage.where, await storage.migrate());
  } finally {
    await storage.close();
  }
}

function migrationSentence(where: string, report: MigrationReport): string {
  const at = report.current ? `at migration ${report.current}` : 'without any migration';
  if (report.applied.length === 0) return `${where} is up to date: ${at}. Nothing to apply.`;
  const n = report.applied.length;
  return `Applied ${n} migration${n === 1 ? '' : 's'} to ${where} (${report.applied.join(', ')}); the database is now ${at}.`;
}

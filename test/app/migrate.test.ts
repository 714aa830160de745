// `sync-sentinel migrate`: applies what the configured database lacks and says which version it is at.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/app/env';
import { migrateStorage } from '../../src/app/migrate';

const BIN = path.resolve(__dirname, '../../bin/sync-sentinel.js');
const JOURNAL = fileURLToPath(new URL('../../adapters/storage/migrations/meta/_journal.json', import.meta.url));
const shipped = () => (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ tag: string }> }).entries.map((e) => e.tag);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sync-sentinel migrate', () => {
  it('on a fresh SQLite file, lists every migration it applied and the version the database is now at', () => {
    const tags = shipped();
    const r = spawnSync(process.execPath, [BIN, 'migrate'], {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, LOG_LEVEL: 'warn', SYNC_SENTINEL_DATA_DIR: dir, SYNC_SENTINEL_CONFIG: '' },
      timeout: 90_000,
    });

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `Applied ${tags.length} migrations to ${path.join(dir, 'sentinel.db')} (${tags.join(', ')}); the database is now at migration ${tags.at(-1)}.\n`,
    );
  }, 120_000);

  it('on a database already up to date, applies nothing and says the version', async () => {
    const env = readEnv({ SYNC_SENTINEL_DATA_DIR: dir }, dir);
    await migrateStorage(env);

    expect(await migrateStorage(env)).toBe(
      `${path.join(dir, 'sentinel.db')} is up to date: at migration ${shipped().at(-1)}. Nothing to apply.`,
    );
  });

  it('migrates the file storage.sqlite names in the config', async () => {
    const config = path.join(dir, 'sync-sentinel.yaml');
    writeFileSync(
      config,
      'storage: { sqlite: books/ledger.db }\nsources:\n  - { id: shop, type: files, side: upstream, path: exports/ }\n',
    );

    const said = await migrateStorage(readEnv({ SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: path.join(dir, 'data') }, dir));

    expect(said).toMatch(
      new RegExp(`^Applied \\d+ migrations to ${path.join(dir, 'books', 'ledger.db').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `),
    );
  });
});

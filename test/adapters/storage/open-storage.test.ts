// The engine comes from the config: `storage.postgres` (its URL from the variable it names),
// `storage.sqlite` (a file beside the config), else sentinel.db in the data folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../../adapters/storage/open-storage';
import { parseConfig } from '../../../src/config/parse';
import { formatError } from '../../../src/config/parse-error';
import { ConfigError } from '../../../src/domain/errors';
import type { Storage } from '../../../src/ports/storage';

const SOURCES = 'sources:\n  - { id: shop, type: files, side: upstream, path: exports/ }\n';

let dir: string;
let opened: Storage | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-open-storage-'));
});
afterEach(async () => {
  await opened?.close();
  opened = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The config as `run` reads it from a file in `dir`. */
function config(storageYaml: string) {
  const parsed = parseConfig(`${storageYaml}\n${SOURCES}`, path.join(dir, 'sync-sentinel.yaml'));
  if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
  return parsed.value;
}

function configErrors(storageYaml: string): string {
  const parsed = parseConfig(`${storageYaml}\n${SOURCES}`, 'sync-sentinel.yaml');
  if (parsed.ok) throw new Error('the config was accepted');
  return parsed.errors.map(formatError).join('\n');
}

describe('opening the configured storage', () => {
  it('keeps the data in sentinel.db in the data folder when the config names no storage', async () => {
    opened = await openStorage(config(''), { dataDir: path.join(dir, 'data') }, dir);

    expect(opened.engine).toBe('sqlite');
    expect(opened.where).toBe(path.join(dir, 'data', 'sentinel.db'));
    expect(existsSync(path.join(dir, 'data', 'sentinel.db'))).toBe(true);
  });

  it('opens the SQLite file storage.sqlite names, relative to the config file', async () => {
    opened = await openStorage(config('storage: { sqlite: state/books.db }'), { dataDir: path.join(dir, 'data') }, dir);

    expect(opened.engine).toBe('sqlite');
    expect(opened.where).toBe(path.join(dir, 'state', 'books.db'));
    expect(existsSync(path.join(dir, 'state', 'books.db'))).toBe(true);
    expect(existsSync(path.join(dir, 'data', 'sentinel.db'))).toBe(false);
  });

  it('refuses Postgres when DATABASE_URL is not set, naming the setting and the variable, and creates no SQLite file', async () => {
    const error = await openStorage(config('storage: { postgres: {} }'), { dataDir: path.join(dir, 'data'), vars: {} }, dir).then(
      () => undefined,
      (err: unknown) => err,
    );

    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ setting: 'storage.postgres.url_env' });
    expect((error as Error).message).toMatch(/^storage\.postgres\.url_env names DATABASE_URL, but DATABASE_URL is not set/);
    expect(existsSync(path.join(dir, 'data', 'sentinel.db'))).toBe(false);
  });

  it('reads the URL from the variable url_env names', async () => {
    const error = await openStorage(
      config('storage:\n  postgres: { url_env: BOOKS_DB_URL }'),
      { dataDir: dir, vars: { DATABASE_URL: 'postgres://127.0.0.1:9/elsewhere' } },
      dir,
    ).then(
      () => undefined,
      (err: unknown) => err as Error,
    );

    expect(error?.message).toMatch(/BOOKS_DB_URL is not set/);
  });
});

describe('the storage setting', () => {
  it('takes the Postgres URL from DATABASE_URL unless url_env names another variable', () => {
    expect(config('storage: { postgres: {} }').storage).toEqual({ postgres: { url_env: 'DATABASE_URL' } });
    expect(config('storage: { postgres: { url_env: BOOKS_DB_URL, pool_max: 8 } }').storage).toEqual({
      postgres: { url_env: 'BOOKS_DB_URL', pool_max: 8 },
    });
  });

  it('refuses both engines at once, saying to pick one', () => {
    expect(configErrors('storage: { sqlite: books.db, postgres: {} }')).toMatch(/set either sqlite or postgres, not both/);
  });

  it('refuses an empty storage block, saying what to write', () => {
    expect(configErrors('storage: {}')).toMatch(/set sqlite \(a file\) or postgres \(\{ url_env: DATABASE_URL \}\)/);
  });

  it('refuses a connection URL written where the variable name goes', () => {
    expect(configErrors('storage: { postgres: { url_env: "postgres://u:p@db/books" } }')).toMatch(
      /storage\.postgres\.url_env "postgres:\/\/u:p@db\/books" .* the name of an environment variable, e\.g\. DATABASE_URL/,
    );
  });
});

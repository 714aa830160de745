// `sync-sentinel migrate` on Postgres: the configured database is brought up to date and named by
// host and database, never by its password.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/app/env';
import { migrateStorage } from '../../src/app/migrate';
import { freshDatabase } from '../support/postgres';

const JOURNAL = fileURLToPath(new URL('../../adapters/storage/postgres/migrations/meta/_journal.json', import.meta.url));
const shipped = () => (JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ tag: string }> }).entries.map((e) => e.tag);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-migrate-pg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sync-sentinel migrate on Postgres', () => {
  it('applies every migration to an empty database, then finds nothing to do, naming host and database only', async () => {
    const url = await freshDatabase({ empty: true });
    const config = path.join(dir, 'sync-sentinel.yaml');
    writeFileSync(
      config,
      'storage: { postgres: { url_env: BOOKS_DB } }\nsources:\n  - { id: shop, type: files, side: upstream, path: exports/ }\n',
    );
    const env = readEnv({ SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, BOOKS_DB: url }, dir);
    const u = new URL(url);
    const where = `${u.hostname}:${u.port}${u.pathname}`;

    const first = await migrateStorage(env);
    const second = await migrateStorage(env);

    expect(first).toBe(
      `Applied ${shipped().length} migration${shipped().length === 1 ? '' : 's'} to ${where} (${shipped().join(', ')}); the database is now at migration ${shipped().at(-1)}.`,
    );
    expect(second).toBe(`${where} is up to date: at migration ${shipped().at(-1)}. Nothing to apply.`);
    expect(first + second).not.toContain(decodeURIComponent(u.password));
  });

  it('migrates the database a deployment of many companies names', async () => {
    const url = await freshDatabase({ empty: true });
    const config = path.join(dir, 'sync-sentinel.yaml');
    writeFileSync(
      config,
      [
        'storage: { postgres: { url_env: BOOKS_DB } }',
        'companies:',
        '  - company: { id: acme, name: Acme HVAC }',
        '    sources: [ { id: shop, type: files, side: upstream, path: exports/acme } ]',
        '  - company: { id: bravo, name: Bravo Plumbing }',
        '    sources: [ { id: shop, type: files, side: upstream, path: exports/bravo } ]',
        '',
      ].join('\n'),
    );
    const env = readEnv({ SYNC_SENTINEL_CONFIG: config, SYNC_SENTINEL_DATA_DIR: dir, BOOKS_DB: url }, dir);

    expect(await migrateStorage(env)).toMatch(new RegExp(`^Applied ${shipped().length} migrations? to `));
  });
});

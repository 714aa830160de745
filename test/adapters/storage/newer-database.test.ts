import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../adapters/storage/sqlite-store';
import { openSqliteStorage } from '../../../adapters/storage/sqlite-storage';
import { COMPANY, T0, aFullRead, anInvoice, tempStores } from './builders';

const JOURNAL = fileURLToPath(new URL('../../../adapters/storage/migrations/meta/_journal.json', import.meta.url));
const newestShipped = () =>
  Math.max(...(JSON.parse(readFileSync(JOURNAL, 'utf8')) as { entries: Array<{ when: number }> }).entries.map((e) => e.when));

let stores = tempStores();
afterEach(async () => {
  await stores.cleanup();
  stores = tempStores();
});

/** What a later version's migration does to the file: records it, and renames a column this version reads. */
function migrateAsNewerVersion(file: string): void {
  const db = new Database(file);
  try {
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'from-a-later-version',
      newestShipped() + 86_400_000,
    );
    db.exec('ALTER TABLE records RENAME COLUMN data TO canonical');
  } finally {
    db.close();
  }
}

function openError(open: () => unknown): Error {
  try {
    open();
  } catch (err) {
    return err as Error;
  }
  throw new Error('the database opened');
}

describe('a database written by a newer sync-sentinel', () => {
  it('is refused at open, naming the file and saying to upgrade, instead of failing later with "no such column"', async () => {
    const file = stores.file();
    const first = openSqliteStore(file);
    await first.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: [anInvoice()] }), T0);
    await first.close();
    migrateAsNewerVersion(file);

    const error = openError(() => openSqliteStore(file));

    expect(error.message).toContain(`${file} was written by a newer sync-sentinel — upgrade`);
    expect(error.message).not.toMatch(/no such column/);
    expect(error).toMatchObject({ code: 'store.newer_schema', reason: 'config' });
  });

  it('is refused by the storage bundle every command opens (token vaults included), naming the file', async () => {
    const file = stores.file();
    await openSqliteStore(file).close();
    migrateAsNewerVersion(file);

    expect(openError(() => openSqliteStorage(file)).message).toContain(`${file} was written by a newer sync-sentinel — upgrade`);
  });

  it('still opens a database this version migrated itself', async () => {
    const file = stores.file();
    await openSqliteStore(file).close();

    const again = openSqliteStore(file);
    expect(await again.loadRecords(COMPANY)).toEqual([]);
    await again.close();
  });
});

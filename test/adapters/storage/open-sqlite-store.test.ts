import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../adapters/storage/sqlite-store';
import { SentinelError } from '../../../src/domain/errors';
import { COMPANY, T0, aFullRead, anInvoice, tempStores } from './builders';

/** Every migration drizzle-kit generated, each applied exactly once. */
const GENERATED = (
  JSON.parse(readFileSync(fileURLToPath(new URL('../../../adapters/storage/migrations/meta/_journal.json', import.meta.url)), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

const TABLES = [
  'incident_events',
  'incident_findings',
  'incidents',
  'notify_state',
  'outbox',
  'poll_runs',
  'records',
  'source_state',
  'threads',
  'weekly_rule_stats',
];

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all() as string[];
    const migrations = db.prepare('select count(*) from __drizzle_migrations').pluck().get() as number;
    const journalMode = db.pragma('journal_mode', { simple: true });
    const tablesWithoutCompany = tables
      .filter((t) => !t.startsWith('__') && t !== 'sqlite_sequence')
      .filter((t) => !(db.pragma(`table_info(${t})`) as Array<{ name: string }>).some((c) => c.name === 'company_id'));
    return { tables, migrations, journalMode, tablesWithoutCompany };
  } finally {
    db.close();
  }
}

function startNode(args: string[]): { ready: Promise<void>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    exit.then((code) => reject(new Error(`child exited with ${code} before it was ready`)), reject);
  });
  return { ready, exit };
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('openSqliteStore', () => {
  let stores: ReturnType<typeof tempStores>;
  beforeEach(() => {
    stores = tempStores();
  });
  afterEach(() => stores.cleanup());

  it('creates every table on a fresh file by applying the generated migrations', async () => {
    const store = stores.open();
    await store.close();

    const { tables, migrations } = inspect(stores.file());
    expect(tables).toEqual(expect.arrayContaining(TABLES));
    expect(migrations).toBe(GENERATED);
  });

  it('gives every table a company_id column', async () => {
    await stores.open().close();

    expect(inspect(stores.file()).tablesWithoutCompany).toEqual([]);
  });

  it('re-opens an existing file without re-applying migrations or losing data', async () => {
    const first = stores.open();
    await first.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: [anInvoice()] }), T0);
    await first.close();

    const second = stores.open();
    expect(await second.loadRecords(COMPANY)).toEqual([anInvoice()]);
    await second.close();
    expect(inspect(stores.file()).migrations).toBe(GENERATED);
  });

  it('puts the file in WAL mode', async () => {
    await stores.open().close();

    expect(inspect(stores.file()).journalMode).toBe('wal');
  });

  it('creates the parent folders of the file', async () => {
    const store = stores.open(join('nested', 'deeper', 'sentinel.db'));

    expect(existsSync(join(stores.dir, 'nested', 'deeper', 'sentinel.db'))).toBe(true);
    await store.close();
  });

  it('finds its migrations whatever the working directory', async () => {
    const cwd = process.cwd();
    process.chdir(stores.dir);
    try {
      const store = openSqliteStore('relative/sentinel.db');
      expect(await store.nextIncidentNumber(COMPANY)).toBe(1);
      await store.close();
    } finally {
      process.chdir(cwd);
    }
    expect(existsSync(join(stores.dir, 'relative', 'sentinel.db'))).toBe(true);
  });

  it('lets several processes open one fresh file at the same moment', async () => {
    // Each child loads the store, says so, then waits for the go-file, so their migrations race.
    const script = join(stores.dir, 'open-store.mts');
    const go = join(stores.dir, 'go');
    const storeModule = fileURLToPath(new URL('../../../adapters/storage/sqlite-store.ts', import.meta.url));
    writeFileSync(
      script,
      [
        "import { existsSync } from 'node:fs';",
        `import { openSqliteStore } from ${JSON.stringify(storeModule)};`,
        'const [file, go] = process.argv.slice(2);',
        "process.stdout.write('ready');",
        'while (!existsSync(go)) await new Promise((resolve) => setTimeout(resolve, 1));',
        'await openSqliteStore(file).close();',
      ].join('\n'),
    );

    const children = Array.from({ length: 4 }, () => startNode(['--import', 'tsx', script, stores.file('shared.db'), go]));
    await Promise.all(children.map((c) => c.ready));
    writeFileSync(go, '');

    expect(await Promise.all(children.map((c) => c.exit))).toEqual([0, 0, 0, 0]);
    expect(inspect(stores.file('shared.db')).migrations).toBe(GENERATED);
  });

  it('works in memory', async () => {
    const store = openSqliteStore(':memory:');

    await store.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: [anInvoice()] }), T0);

    expect(await store.loadRecords(COMPANY)).toHaveLength(1);
    await store.close();
  });

  it('lets two stores open the same file', async () => {
    const writer = stores.open();
    const reader = stores.open();

    await writer.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: [anInvoice()] }), T0);

    expect(await reader.loadRecords(COMPANY)).toEqual([anInvoice()]);
  });

  it('reports a file that is not a database as a malformed-storage error naming the file', () => {
    const notADatabase = join(stores.dir, 'notes.db');
    writeFileSync(notADatabase, 'invoice notes, not a database\n'.repeat(100));

    const error = catchError(() => openSqliteStore(notADatabase));

    expect(error).toBeInstanceOf(SentinelError);
    expect(error).toMatchObject({ code: 'store.open', reason: 'malformed' });
    expect((error as Error).message).toContain(`${notADatabase} is not a usable SQLite database`);
  });
});

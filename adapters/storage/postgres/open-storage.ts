// Placeholder until the Postgres store lands (lane pgstore replaces this file): a build without it
// says so instead of failing somewhere deeper.
import { SentinelError } from '../../../src/domain/errors';
import type { Logger } from '../../../src/ports/logger';
import type { Storage } from '../../../src/ports/storage';

export async function openPostgresStorage(url: string, opts: { log?: Logger; poolMax?: number } = {}): Promise<Storage> {
  void url;
  void opts;
  throw new SentinelError(
    'store.postgres_missing',
    'config',
    'Postgres storage is not built in this build of sync-sentinel: use `storage: { sqlite: <file> }` (or no storage setting) instead.',
  );
}

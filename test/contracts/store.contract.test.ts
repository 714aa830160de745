// The store contract (and, through it, the outbox contract) on the SQLite store, in a temp folder.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../adapters/storage/sqlite-store';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-contract-store-'));
  const store = openSqliteStore(path.join(dir, 'sentinel.db'));
  return {
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

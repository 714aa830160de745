// A full disk or an unwritable data folder is the operator's to fix: it is reported as a storage
// error naming the fix, and a poll that meets it stops instead of blaming the source it was reading.
import { afterEach, describe, expect, it } from 'vitest';
import { storeError } from '../../../adapters/storage/errors';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import { configSchema } from '../../../src/config/schema';
import { runCycle } from '../../../src/cycle/run-cycle';
import { silentLogger } from '../../../src/ports/logger';
import type { SourcePort } from '../../../src/ports/source';
import { COMPANY, T0, aFullRead, anInvoice, tempStores } from './builders';

let stores = tempStores();
afterEach(async () => {
  await stores.cleanup();
  stores = tempStores();
});

/** SQLite answers SQLITE_FULL as soon as the file would need one more page, as on a full disk. */
function diskFull(store: SqliteStore): void {
  const pages = store.db.$client.pragma('page_count', { simple: true }) as number;
  store.db.$client.pragma(`max_page_count = ${pages}`);
}

const manyInvoices = () =>
  Array.from({ length: 400 }, (_, i) =>
    anInvoice({ sourceId: `INV-${5000 + i}`, lines: [{ item: `Compressor replacement ${'x'.repeat(200)}`, amountCents: 41_200 }] }),
  );

/** An upstream export that always answers: what fails here is the disk, not the source. */
function anExport(): SourcePort {
  return {
    id: 'fieldpro-export',
    side: 'upstream',
    displayName: 'FieldPro export',
    read: async () => aFullRead({ records: manyInvoices() }),
  };
}

describe('storage faults', () => {
  it('reports a full disk as a storage error saying to free space, naming the file', async () => {
    const store = stores.open();
    diskFull(store);

    const write = store.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: manyInvoices() }), T0);

    await expect(write).rejects.toMatchObject({
      code: 'storage.disk_full',
      message: expect.stringContaining(`the disk holding ${stores.file()} is full (SQLITE_FULL). Free space on it`),
    });
  });

  it('reports a database it may not write as a storage error saying to check the data folder permissions', async () => {
    const store = stores.open();
    store.db.$client.pragma('query_only = ON');

    const write = store.applySourceRead(COMPANY, 'fieldpro-export', 'upstream', aFullRead({ records: [anInvoice()] }), T0);

    await expect(write).rejects.toMatchObject({
      code: 'storage.read_only',
      message: expect.stringMatching(/cannot be written \(SQLITE_READONLY\)\. Check the permissions of the data folder /),
    });
  });

  it('reports a data folder the process may not create or enter (EACCES, EROFS) the same way', () => {
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/sentinel'"), { code: 'EACCES' });

    const error = storeError(denied, 'open', '/srv/sentinel/sentinel.db');

    expect(error).toMatchObject({ code: 'storage.read_only', reason: 'config' });
    expect(error.message).toContain('Check the permissions of the data folder /srv/sentinel');
  });

  it('stops a poll on a full disk instead of recording a source failure and raising a stale-source alert', async () => {
    const store = stores.open();
    const config = configSchema.parse({ company: { id: COMPANY }, sources: [{ id: 'card', type: 'files', path: 'card' }] });
    diskFull(store);

    const poll = runCycle({
      config,
      rules: [],
      sources: [anExport()],
      store,
      channels: ['console'],
      now: () => new Date(T0),
      log: silentLogger,
    });

    await expect(poll).rejects.toMatchObject({ code: 'storage.disk_full' });
    store.db.$client.pragma('max_page_count = 1000000');
    expect((await store.loadSourceHealth(COMPANY)).filter((h) => h.lastError)).toEqual([]);
  });
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHousecallProSource } from '../../../adapters/housecallpro/source';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import { generateWorld } from '../../../adapters/vendor-sandboxes/common/generate-world';
import { startHousecallProSandbox, type HousecallProSandbox } from '../../../adapters/vendor-sandboxes/housecallpro/server';

let sandbox: HousecallProSandbox | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await sandbox?.close();
  await store?.close();
});

describe('an invoice deleted in Housecall Pro', () => {
  it('leaves the store, with its payment, on the next poll — it is no longer in the invoice list every poll reads', async () => {
    const world = generateWorld({ jobs: 8 });
    sandbox = await startHousecallProSandbox({ world, apiKey: 'hcp_key' });
    const source = createHousecallProSource({
      id: 'hcp',
      displayName: 'Housecall Pro',
      apiUrl: sandbox.apiUrl,
      apiKey: 'hcp_key',
      authScheme: 'Token',
      pageSize: 3,
      zone: 'America/Chicago',
      defaultCountry: 'US',
      classFrom: 'business_unit',
      locationFrom: 'none',
      retries: 0,
      ratePerSecond: 100,
    });
    store = openSqliteStore(path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-hcp-delete-')), 'sentinel.db'));
    const poll = async (cursor?: string) => {
      const read = await source.read({ now: new Date('2026-11-20T18:00:00Z'), ...(cursor ? { cursor } : {}) });
      const applied = await store!.applySourceRead('acme', 'hcp', 'upstream', read, '2026-11-20T18:00:00Z');
      return { read, applied };
    };
    const ids = async (entity: string) =>
      (await store!.loadRecords('acme'))
        .filter((r) => r.entity === entity)
        .map((r) => r.sourceId)
        .sort();

    const first = await poll();
    expect(await ids('invoice')).toContain('invoice_80002');
    expect(await ids('payment')).toContain('pmt_P70002');

    world.remove('invoices', '80002');
    world.remove('payments', 'P70002');
    const second = await poll(first.read.cursor);
    expect(second.read.mode).toBe('incremental');
    expect(second.applied.deleted).toBe(2);
    expect(await ids('invoice')).not.toContain('invoice_80002');
    expect(await ids('payment')).not.toContain('pmt_P70002');
    // Customers and jobs are read from the watermark on: what this poll did not bring stays.
    expect(await ids('job')).toHaveLength(8);
    expect(await ids('invoice')).toHaveLength(7);
  });
});

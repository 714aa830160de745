import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteStore } from '../../../adapters/storage/sqlite-store';
import type { CompanyPreferences } from '../../../src/domain/records';
import { COMPANY, T0, aFullRead, aJob, anIncrementalRead, anInvoice, at, tempStores } from './builders';

const SOURCE = 'fieldpro-export';
const OTHER_COMPANY = 'bolt-plumbing';
const qboPreferences: CompanyPreferences = {
  classTracking: 'line',
  trackLocations: true,
  locationTerm: 'Location',
  timeZone: 'America/Chicago',
};
const timeout = { code: 'quickbooks.timeout', reason: 'timeout', message: 'QuickBooks did not answer within 30 s' };

describe('SqliteStore source reads', () => {
  let stores: ReturnType<typeof tempStores>;
  let store: SqliteStore;
  beforeEach(() => {
    stores = tempStores();
    store = stores.open();
  });
  afterEach(() => stores.cleanup());

  const ids = async (companyId = COMPANY) => (await store.loadRecords(companyId)).map((r) => `${r.entity}:${r.sourceId}`).sort();

  it('counts a first read as all inserted', async () => {
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice(), aJob()] }), T0);

    expect(result).toMatchObject({ inserted: 2, updated: 0, deleted: 0, unchanged: 0 });
    expect(await store.loadRecords(COMPANY)).toEqual(expect.arrayContaining([anInvoice(), aJob()]));
  });

  it('counts a changed hash as updated, the same hash as unchanged, and a missing record of a full read as deleted', async () => {
    const first = [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-2' }), anInvoice({ sourceId: 'INV-3' })];
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: first }), T0);

    const changed = anInvoice({ sourceId: 'INV-2', hash: 'changed', totalCents: 50_000 });
    const second = [anInvoice({ sourceId: 'INV-1' }), changed, anInvoice({ sourceId: 'INV-4' })];
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: second }), at(5));

    expect(result).toMatchObject({ inserted: 1, updated: 1, deleted: 1, unchanged: 1 });
    expect(await ids()).toEqual(['invoice:INV-1', 'invoice:INV-2', 'invoice:INV-4']);
    expect((await store.loadRecords(COMPANY)).find((r) => r.sourceId === 'INV-2')).toEqual(changed);
  });

  it('keeps the newer updatedAt of a record whose content did not change', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice()] }), T0);

    const touched = anInvoice({ updatedAt: at(60) });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [touched] }), at(60));

    expect(result.unchanged).toBe(1);
    expect(await store.loadRecords(COMPANY)).toEqual([touched]);
    expect((await store.loadSourceHealth(COMPANY))[0]?.newestRecordAt).toBe(at(60));
  });

  it('keeps the previous records of entities a full read could not take in', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice(), aJob()] }), T0);

    const read = aFullRead({ records: [anInvoice()], unreadable: [{ entity: 'job', reason: 'jobs.csv: unterminated quote at line 7' }] });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', read, at(5));

    expect(result.deleted).toBe(0);
    expect(await ids()).toEqual(['invoice:INV-1001', 'job:JOB-501']);
  });

  it('deletes only what an incremental read names as deleted', async () => {
    const all = [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-2' }), anInvoice({ sourceId: 'INV-3' })];
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: all }), T0);

    const read = anIncrementalRead({ records: [anInvoice({ sourceId: 'INV-5' })], deleted: [{ entity: 'invoice', sourceId: 'INV-2' }] });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', read, at(5));

    expect(result).toMatchObject({ inserted: 1, updated: 0, deleted: 1, unchanged: 0 });
    expect(await ids()).toEqual(['invoice:INV-1', 'invoice:INV-3', 'invoice:INV-5']);
  });

  it('never touches the records of another source or another company', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice()] }), T0);
    await store.applySourceRead(
      COMPANY,
      'quickbooks',
      'quickbooks',
      aFullRead({ records: [anInvoice({ side: 'quickbooks', source: 'quickbooks', sourceId: '88' })] }),
      T0,
    );
    await store.applySourceRead(OTHER_COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice()] }), T0);

    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [] }), at(5));

    expect(result.deleted).toBe(1);
    expect(await ids()).toEqual(['invoice:88']);
    expect(await ids(OTHER_COMPANY)).toEqual(['invoice:INV-1001']);
  });

  it('saves the cursor and preferences a read brings, and keeps them when the next read brings none', async () => {
    await store.applySourceRead(
      COMPANY,
      'quickbooks',
      'quickbooks',
      aFullRead({ cursor: 'cdc:2026-03-02T09:00:00Z', preferences: qboPreferences }),
      T0,
    );
    await store.applySourceRead(COMPANY, 'quickbooks', 'quickbooks', anIncrementalRead(), at(5));

    expect((await store.loadSourceHealth(COMPANY))[0]?.cursor).toBe('cdc:2026-03-02T09:00:00Z');
    expect(await store.loadPreferences(COMPANY)).toEqual(qboPreferences);
  });

  it('has no preferences for a company whose QuickBooks source has not been read', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ preferences: qboPreferences }), T0);

    expect(await store.loadPreferences(COMPANY)).toBeNull();
  });

  it('counts consecutive failures and keeps the last success', async () => {
    await store.applySourceRead(COMPANY, 'quickbooks', 'quickbooks', aFullRead(), T0);
    await store.recordSourceFailure(COMPANY, 'quickbooks', 'quickbooks', timeout, at(5));
    await store.recordSourceFailure(COMPANY, 'quickbooks', 'quickbooks', timeout, at(10));

    expect(await store.loadSourceHealth(COMPANY)).toEqual([
      expect.objectContaining({ sourceId: 'quickbooks', lastOkAt: T0, lastErrorAt: at(10), lastError: timeout, consecutiveFailures: 2 }),
    ]);
  });

  it('resets the failure count on the next successful read', async () => {
    await store.recordSourceFailure(COMPANY, 'quickbooks', 'quickbooks', timeout, T0);
    await store.applySourceRead(COMPANY, 'quickbooks', 'quickbooks', aFullRead(), at(5));

    expect(await store.loadSourceHealth(COMPANY)).toEqual([
      expect.objectContaining({ lastOkAt: at(5), lastErrorAt: T0, consecutiveFailures: 0 }),
    ]);
  });

  it('stores only the code, reason and message of a failure that is an Error', async () => {
    const error = Object.assign(new Error('401 from QuickBooks'), { code: 'quickbooks.auth', reason: 'auth', retryable: false });

    await store.recordSourceFailure(COMPANY, 'quickbooks', 'quickbooks', error, T0);

    expect((await store.loadSourceHealth(COMPANY))[0]?.lastError).toEqual({
      code: 'quickbooks.auth',
      reason: 'auth',
      message: '401 from QuickBooks',
    });
  });

  it('reports per source when its newest record changed and how many it holds', async () => {
    const records = [
      anInvoice({ sourceId: 'INV-1', updatedAt: at(-60) }),
      anInvoice({ sourceId: 'INV-2', updatedAt: at(-5) }),
      aJob({ updatedAt: null }),
    ];
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records, cursor: 'page-3' }), T0);
    await store.recordSourceFailure(COMPANY, 'quickbooks', 'quickbooks', timeout, T0);

    expect(await store.loadSourceHealth(COMPANY)).toEqual([
      {
        sourceId: SOURCE,
        side: 'upstream',
        lastOkAt: T0,
        lastErrorAt: null,
        lastError: null,
        consecutiveFailures: 0,
        newestRecordAt: at(-5),
        recordCount: 3,
        cursor: 'page-3',
      },
      {
        sourceId: 'quickbooks',
        side: 'quickbooks',
        lastOkAt: null,
        lastErrorAt: T0,
        lastError: timeout,
        consecutiveFailures: 1,
        newestRecordAt: null,
        recordCount: 0,
        cursor: null,
      },
    ]);
  });

  // Its speed is measured by `npm run bench`, never asserted here.
  it('applies a full read of 100,000 records, and the same read again as all unchanged', async () => {
    const records = Array.from({ length: 100_000 }, (_, i) => anInvoice({ sourceId: `INV-${i}`, hash: `h-${i}` }));
    const first = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records }), T0);
    const again = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records }), at(5));
    expect(first.inserted).toBe(100_000);
    expect(again.unchanged).toBe(100_000);
    expect((await store.loadRecords(COMPANY)).length).toBe(100_000);
  });
});

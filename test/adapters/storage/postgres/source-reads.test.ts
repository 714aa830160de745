// Large reads on Postgres go in multi-row statements of bounded size: a read bigger than one batch
// lands whole, and the same read again changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../../adapters/storage/postgres/open-storage';
import type { Storage } from '../../../../src/ports/storage';
import { freshDatabase } from '../../../support/postgres';
import { COMPANY, T0, aFullRead, anIncrementalRead, anInvoice, at } from '../builders';

const SOURCE = 'fieldpro-export';
const invoices = (n: number, hash = 'v1') =>
  Array.from({ length: n }, (_, i) => anInvoice({ sourceId: `INV-${10_000 + i}`, hash: `${hash}-${i}` }));

describe('the Postgres store with reads larger than one statement', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openPostgresStorage(await freshDatabase());
  });
  afterEach(() => storage.close());

  it('stores a 2,500-record read whole, keeps their order, and counts a repeat as unchanged', async () => {
    const read = invoices(2_500);

    const first = await storage.store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: read }), T0);
    const again = await storage.store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: read }), at(5));

    expect(first).toMatchObject({ inserted: 2_500, updated: 0, deleted: 0, unchanged: 0 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0, unchanged: 2_500 });
    expect((await storage.store.loadRecords(COMPANY)).map((r) => r.sourceId)).toEqual(read.map((r) => r.sourceId));
  });

  it('updates, deletes and keeps across batches in one read', async () => {
    await storage.store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: invoices(2_200) }), T0);
    const changed = invoices(2_200, 'v2').slice(0, 1_200);

    const full = await storage.store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: changed }), at(5));
    const incremental = await storage.store.applySourceRead(
      COMPANY,
      SOURCE,
      'upstream',
      anIncrementalRead({
        records: invoices(1_500, 'v3').slice(1_100),
        deleted: changed.slice(0, 1_050).map(({ entity, sourceId }) => ({ entity, sourceId })),
      }),
      at(10),
    );

    expect(full).toMatchObject({ inserted: 0, updated: 1_200, deleted: 1_000, unchanged: 0 });
    expect(incremental).toMatchObject({ inserted: 300, updated: 100, deleted: 1_050, unchanged: 0 });
    // The engine is told every record written and removed, across the statement batches.
    expect([full.changes?.upserted.length, full.changes?.deleted.length]).toEqual([1_200, 1_000]);
    expect([incremental.changes?.upserted.length, incremental.changes?.deleted.length]).toEqual([400, 1_050]);
    expect(await storage.store.loadRecords(COMPANY)).toHaveLength(1_200 + 300 - 1_050);
  });
});

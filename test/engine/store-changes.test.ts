// Each store tells the engine what an apply wrote: without it every poll would be a full one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorePort } from '../../src/ports/store';
import { COMPANY, T0, aFullRead, anIncrementalRead, anInvoice, at } from '../adapters/storage/builders';
import { ENGINES, type StoragePlace } from '../contracts/engines';

const SOURCE = 'fieldpro-export';

describe.each(ENGINES)('the records an apply reports ($name)', (engine) => {
  let place: StoragePlace;
  let store: StorePort;
  beforeEach(async () => {
    place = await engine.place();
    store = (await place.open()).store;
  });
  afterEach(() => place.cleanup());

  it('names the records a full read inserted, rewrote and removed, and not the ones it left alone', async () => {
    const first = [anInvoice({ sourceId: 'INV-1' }), anInvoice({ sourceId: 'INV-2' }), anInvoice({ sourceId: 'INV-3' })];
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: first }), T0);

    const changed = anInvoice({ sourceId: 'INV-2', hash: 'changed', totalCents: 50_000 });
    const added = anInvoice({ sourceId: 'INV-4' });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [first[0]!, changed, added] }), at(5));

    expect(result.changes?.upserted.map((r) => r.sourceId)).toEqual(['INV-2', 'INV-4']);
    expect(result.changes?.deleted).toEqual([{ entity: 'invoice', sourceId: 'INV-3' }]);
  });

  it('names a record whose content is the same but whose timestamp moved, since rules read the timestamp', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice({ sourceId: 'INV-1' })] }), T0);
    const touched = anInvoice({ sourceId: 'INV-1', updatedAt: at(3) });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', anIncrementalRead({ records: [touched] }), at(5));

    expect(result.changes?.upserted).toEqual([touched]);
  });

  it('names an incremental read’s deletions only when a record was there to delete', async () => {
    await store.applySourceRead(COMPANY, SOURCE, 'upstream', aFullRead({ records: [anInvoice({ sourceId: 'INV-1' })] }), T0);
    const read = anIncrementalRead({
      records: [],
      deleted: [
        { entity: 'invoice', sourceId: 'INV-1' },
        { entity: 'invoice', sourceId: 'INV-9' },
      ],
    });
    const result = await store.applySourceRead(COMPANY, SOURCE, 'upstream', read, at(5));

    expect(result.changes?.deleted).toEqual([{ entity: 'invoice', sourceId: 'INV-1' }]);
  });
});

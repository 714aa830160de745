import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../adapters/storage/sqlite-store';
import type { SourcePort, SourceRead } from '../../../src/ports/source';
import type { InvoiceRecord, PaymentRecord } from '../../../src/domain/records';
import { aCustomer, anInvoice, aPayment, aSalesLine } from './builders';
import { startConnected, type Connected } from './connected';
import { queriesSent } from './harness';

const COMPANY = 'acme';
const MINUTE = 60_000;
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const meta = (updatedMsAgo: number) => ({ CreateTime: ago(10 * DAY), LastUpdatedTime: ago(updatedMsAgo) });

let c: Connected;
let store: SqliteStore;

async function start(data: Parameters<typeof startConnected>[0], options: Parameters<typeof startConnected>[1] = {}): Promise<void> {
  c = await startConnected(data, options);
  store = openSqliteStore(c.file);
}
afterEach(async () => {
  await store.close();
  await c.close();
});

/** One poll as the cycle runs it: read from the saved cursor, apply, keep the new cursor. */
async function poll(source: SourcePort, now = new Date()): Promise<SourceRead & { requests: number }> {
  const before = c.h.sandbox.requests.length;
  const health = (await store.loadSourceHealth(COMPANY)).find((h) => h.sourceId === source.id);
  const read = await source.read({ now, ...(health?.cursor ? { cursor: health.cursor } : {}) });
  await store.applySourceRead(COMPANY, source.id, 'quickbooks', read, now.toISOString());
  return { ...read, requests: c.h.sandbox.requests.length - before };
}

const stored = async (entity: string) => (await store.loadRecords(COMPANY)).filter((r) => r.entity === entity);
const cursorOf = async () =>
  JSON.parse((await store.loadSourceHealth(COMPANY))[0]!.cursor!) as { since: string; fullDue: boolean; fullAt: string };
const cdcCalls = () => c.h.sandbox.requests.filter((r) => r.path.endsWith('/cdc'));

const invoices = (n: number, updatedMsAgo = 2 * DAY) =>
  Array.from({ length: n }, (_, i) => anInvoice({ Id: String(i + 1), DocNumber: `INV-${i + 1}`, MetaData: meta(updatedMsAgo) }));

describe('incremental QuickBooks polling', () => {
  it('backfills on the first poll, then spends one change-data-capture request per quiet poll', async () => {
    await start({ Invoice: invoices(5), Customer: [aCustomer({ Id: 'c1', MetaData: meta(2 * DAY) })] });
    const source = c.source();
    const first = await poll(source);
    expect(first.mode).toBe('full');
    expect(first.summary).toMatch(/^first full read · 5 invoices/);
    const second = await poll(source);
    expect(second).toMatchObject({ mode: 'incremental', records: [], deleted: [] });
    expect(second.requests).toBe(1);
    expect(cdcCalls().at(-1)?.query.entities).toBe(
      'Invoice,SalesReceipt,Payment,CreditMemo,Deposit,Customer,Class,Department,Item,Account',
    );
  });

  it('takes in an edit, a void and a delete, and the store follows', async () => {
    await start({ Invoice: invoices(4) });
    const source = c.source();
    await poll(source);
    const [one, two, , four] = invoices(4);
    await c.h.write({
      Invoice: [
        { ...one, SyncToken: '1', TotalAmt: 250, Line: [aSalesLine(250)], MetaData: meta(MINUTE) },
        { ...two, SyncToken: '1', TotalAmt: 0, Balance: 0, Line: [aSalesLine(0)], PrivateNote: 'Voided', MetaData: meta(MINUTE) },
        four,
      ],
      Deleted: [{ entity: 'Invoice', Id: '3', LastUpdatedTime: ago(MINUTE) }],
    });
    const read = await poll(source);
    expect(read.summary).toMatch(/^change data capture · 2 changed, 1 deleted/);
    const byId = new Map(((await stored('invoice')) as InvoiceRecord[]).map((r) => [r.sourceId, r]));
    expect([...byId.keys()].sort()).toEqual(['1', '2', '4']);
    expect(byId.get('1')?.totalCents).toBe(25_000);
    expect(byId.get('2')?.status).toBe('void');
  });

  it('checkpoints on the server clock minus the overlap, so a server behind our clock loses nothing', async () => {
    const behind = 3 * 60 * MINUTE;
    await start({ Invoice: invoices(2) }, { clockSkewMs: -behind });
    const source = c.source();
    await poll(source);
    const since = Date.parse((await cursorOf()).since);
    expect(Math.abs(since - (Date.now() - behind - 5 * MINUTE))).toBeLessThan(30_000);
    // Written a minute ago by the server's clock: three hours before ours.
    await c.h.write({
      Invoice: [...invoices(1), anInvoice({ Id: '2', SyncToken: '1', DocNumber: 'LATE', MetaData: meta(behind + MINUTE) })],
    });
    const read = await poll(source);
    expect(read.records.map((r) => (r as InvoiceRecord).number)).toEqual(['LATE']);
  });

  it('skips what the overlap shows again, by entity, Id and SyncToken', async () => {
    await start({ Invoice: invoices(2) });
    const source = c.source();
    await poll(source);
    await c.h.write({ Invoice: [anInvoice({ Id: '1', SyncToken: '1', MetaData: meta(MINUTE) }), ...invoices(2).slice(1)] });
    expect((await poll(source)).records).toHaveLength(1);
    const again = await poll(source);
    expect(again.records).toHaveLength(0);
    expect(again.summary).toMatch(/0 changed, 0 deleted, 1 already seen/);
    expect((await poll(source)).summary).toMatch(/0 changed, 0 deleted, 1 already seen/);
    await c.h.write({
      Invoice: [anInvoice({ Id: '1', SyncToken: '2', DocNumber: 'EDITED', MetaData: meta(MINUTE / 2) }), ...invoices(2).slice(1)],
    });
    expect((await poll(source)).records.map((r) => (r as InvoiceRecord).number)).toEqual(['EDITED']);
  });

  it('splits a saturated window instead of checkpointing it, and schedules a full read for its deletes', async () => {
    await start({ Invoice: invoices(3), Customer: [aCustomer({ Id: 'c1', MetaData: meta(2 * DAY) })] });
    const source = c.source();
    // The backfill was an hour ago: the busy window comes after it.
    await poll(source, new Date(Date.now() - 60 * MINUTE));
    const busy = Array.from({ length: 1_200 }, (_, i) => anInvoice({ Id: `b${i}`, MetaData: meta(2 * MINUTE - i * 50) }));
    await c.h.write({
      Invoice: [...invoices(3), ...busy],
      Customer: [aCustomer({ Id: 'c1', SyncToken: '3', DisplayName: 'Renamed', MetaData: meta(MINUTE) })],
    });
    const cdcBefore = cdcCalls().length;
    const read = await poll(source);
    expect(read.records.filter((r) => r.entity === 'invoice')).toHaveLength(1_200);
    expect(read.records.filter((r) => r.entity === 'customer').map((r) => (r as { displayName: string }).displayName)).toEqual(['Renamed']);
    // All entities (saturated, only invoices shown) → Invoice alone (saturated: paged LastUpdatedTime
    // queries) and the rest together.
    expect(
      cdcCalls()
        .slice(cdcBefore)
        .map((r) => r.query.entities),
    ).toEqual([
      'Invoice,SalesReceipt,Payment,CreditMemo,Deposit,Customer,Class,Department,Item,Account',
      'Invoice',
      'SalesReceipt,Payment,CreditMemo,Deposit,Customer,Class,Department,Item,Account',
    ]);
    expect(queriesSent(c.h.sandbox).filter((q) => q.includes("MetaData.LastUpdatedTime >= '"))).toHaveLength(2);
    expect(await cursorOf()).toMatchObject({ fullDue: true });
    expect((await poll(source)).summary).toMatch(/^full read \(a busy window left deletes unseen\)/);
  });

  it('falls back to LastUpdatedTime queries after a gap longer than change data capture reaches back', async () => {
    await start({ Invoice: [...invoices(2), anInvoice({ Id: '9', DocNumber: 'WHILE-AWAY', MetaData: meta(20 * DAY) })] });
    const source = c.source({ fullRecheckMs: 90 * DAY });
    const cursor = JSON.stringify({ v: 1, since: ago(40 * DAY), fullAt: ago(41 * DAY), recent: {}, webhookSeq: 0, fullDue: false });
    const read = await source.read({ now: new Date(), cursor });
    expect(read.mode).toBe('incremental');
    expect(read.summary).toMatch(/^changes by LastUpdatedTime \(over 30 days since the last poll\)/);
    expect(read.records.map((r) => (r as InvoiceRecord).number).sort()).toEqual(['INV-1', 'INV-2', 'WHILE-AWAY']);
    expect(cdcCalls()).toHaveLength(0);
    expect(queriesSent(c.h.sandbox).filter((q) => q.startsWith('select * from invoice where MetaData.LastUpdatedTime >= '))).toHaveLength(
      1,
    );
    expect(JSON.parse(read.cursor!)).toMatchObject({ fullDue: true });
  });

  it('re-checks everything weekly, catching a delete change data capture no longer remembers', async () => {
    await start({ Invoice: invoices(3) });
    const source = c.source();
    await poll(source);
    // Deleted without a trace in change data capture (as after 30 days).
    await c.h.write({ Invoice: invoices(3).slice(0, 2) });
    expect((await poll(source, new Date(Date.now() + DAY))).deleted).toEqual([]);
    const weekly = await poll(source, new Date(Date.now() + 7 * DAY));
    expect(weekly.summary).toMatch(/^periodic full re-check/);
    expect((await stored('invoice')).map((r) => r.sourceId).sort()).toEqual(['1', '2']);
  });

  it('reads sales receipts as paid invoices and credit memos as credits, and links payments to invoices', async () => {
    await start({
      Invoice: invoices(1),
      SalesReceipt: [anInvoice({ Id: '1', DocNumber: 'SR-1', TotalAmt: 80, Balance: 0, Line: [aSalesLine(80)], MetaData: meta(DAY) })],
      CreditMemo: [
        {
          Id: '1',
          SyncToken: '0',
          DocNumber: 'CM-1',
          TotalAmt: 25,
          RemainingCredit: 25,
          CustomerRef: { value: '1', name: 'Amy' },
          MetaData: meta(DAY),
        },
      ],
      Payment: [
        aPayment({ Id: '1', TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: '1', TxnType: 'Invoice' }] }], MetaData: meta(DAY) }),
      ],
    });
    await poll(c.source());
    const inv = (await stored('invoice')) as InvoiceRecord[];
    expect(inv.map((r) => [r.sourceId, r.number, r.status])).toEqual([
      ['1', 'INV-1', 'open'],
      ['sr-1', 'SR-1', 'paid'],
    ]);
    const pay = (await stored('payment')) as PaymentRecord[];
    expect(pay.map((p) => [p.sourceId, p.method ?? null, p.unappliedCents, p.appliedTo])).toEqual([
      ['1', null, 0, [{ invoiceId: '1', amountCents: 10_000 }]],
      ['cm-1', 'Credit memo', 2_500, []],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord, InvoiceRecord, ReferenceRecord } from '../../../src/domain/records';
import type { SourceRead } from '../../../src/ports/source';
import { aCustomer, aDeposit, anAccount, aNameListEntry, anInvoice, aPayment, somePreferences } from './builders';
import { queriesSent, startHarness, type Harness } from './harness';

const INVOICES = 1234;

describe('QuickBooks source: a full read through node-quickbooks', () => {
  let h: Harness;
  let read: SourceRead;

  beforeAll(async () => {
    h = await startHarness({
      Invoice: Array.from({ length: INVOICES }, (_, i) => anInvoice({ Id: String(i + 1), DocNumber: `INV-${i + 1}` })),
      Customer: [aCustomer({ Id: 'c1', DisplayName: 'Active Co' }), aCustomer({ Id: 'c2', DisplayName: 'Gone Co', Active: false })],
      Payment: [aPayment({ Id: 'p1' })],
      Deposit: [aDeposit({ Id: 'd1' })],
      Class: [aNameListEntry('Residential'), aNameListEntry('Retired class', { Active: false })],
      Department: [aNameListEntry('North Branch')],
      Item: [aNameListEntry('Services'), aNameListEntry('Old service', { Active: false })],
      Account: [
        anAccount('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', { Id: '4' }),
        anAccount('Old bank', 'Bank', 'Checking', { Active: false }),
      ],
      Preferences: somePreferences({ ClassTrackingPerTxnLine: true, TrackDepartments: true, DepartmentTerminology: 'Store' }),
      CompanyInfo: { Id: '1', CompanyName: 'Acme HVAC' },
    });
    read = await h.source().read({ now: new Date('2024-06-01T00:00:00Z') });
  });
  afterAll(() => h.close());

  it('reads every invoice across query pages of 1000', () => {
    const invoices = read.records.filter((r): r is InvoiceRecord => r.entity === 'invoice');
    expect(invoices).toHaveLength(INVOICES);
    expect(new Set(invoices.map((i) => i.sourceId)).size).toBe(INVOICES);
    const invoicePages = queriesSent(h.sandbox).filter((q) => q.startsWith('select * from invoice'));
    expect(invoicePages).toEqual([
      'select * from invoice startposition 1 maxresults 1000',
      'select * from invoice startposition 1001 maxresults 1000',
    ]);
  });

  it('reads inactive customers too', () => {
    const customers = read.records.filter((r): r is CustomerRecord => r.entity === 'customer');
    expect(customers.map((c) => [c.displayName, c.active])).toEqual([
      ['Active Co', true],
      ['Gone Co', false],
    ]);
    expect(queriesSent(h.sandbox)).toContain('select * from customer where Active IN (true,false) startposition 1 maxresults 1000');
  });

  it('reads inactive classes and items, and departments as locations', () => {
    const refs = read.records.filter((r): r is ReferenceRecord => ['class', 'location', 'item'].includes(r.entity));
    expect(refs.map((r) => `${r.entity}:${r.name}:${r.active}`)).toEqual([
      'class:Residential:true',
      'class:Retired class:false',
      'location:North Branch:true',
      'item:Services:true',
      'item:Old service:false',
    ]);
  });

  it('reads the chart of accounts, inactive ones too, with their sub-types', () => {
    const accounts = read.records.filter((r): r is ReferenceRecord => r.entity === 'account');
    expect(accounts.map((a) => `${a.name}:${a.accountSubType}:${a.active}`)).toEqual([
      'Undeposited Funds:UndepositedFunds:true',
      'Old bank:Checking:false',
    ]);
    expect(queriesSent(h.sandbox)).toContain('select * from account where Active IN (true,false) startposition 1 maxresults 1000');
  });

  it('returns a full read with the company preferences and a summary for the poll log', () => {
    expect(read.mode).toBe('full');
    expect(read.problems).toEqual([]);
    expect(read.preferences).toEqual({ classTracking: 'line', trackLocations: true, locationTerm: 'Store', companyName: 'Acme HVAC' });
    expect(read.summary).toMatch(
      new RegExp(
        `^first full read · ${INVOICES} invoices, 1 payments, 1 deposits, 2 customers, 2 classes, 1 locations, 2 items, 2 accounts · \\d+ requests$`,
      ),
    );
  });

  it('marks every record as coming from the configured QuickBooks source', () => {
    expect(read.records.every((r) => r.side === 'quickbooks' && r.source === 'quickbooks' && r.hash.length === 40)).toBe(true);
  });
});

describe('QuickBooks source: rows that cannot be mapped', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('turns a malformed invoice into a problem while the rest map', async () => {
    await h.write({ Invoice: [anInvoice({ Id: '1' }), anInvoice({ Id: '2', TotalAmt: '12.50' }), anInvoice({ Id: '3' })] });
    const read = await h.source().read({ now: new Date() });
    expect(read.records.filter((r) => r.entity === 'invoice').map((r) => r.sourceId)).toEqual(['1', '3']);
    expect(read.problems).toEqual([
      expect.objectContaining({ source: 'quickbooks', side: 'quickbooks', entity: 'invoice', sourceId: '2', field: 'TotalAmt' }),
    ]);
    expect(read.problems[0]?.message).toMatch(/^Invoice 2: TotalAmt — /);
    expect(read.summary).toMatch(/; 1 could not be mapped · \d+ requests$/);
  });

  it('sees edits to the data folder on the next read', async () => {
    await h.write({ Invoice: [anInvoice({ Id: '7' })] });
    const first = await h.source().read({ now: new Date() });
    await h.write({ Invoice: [anInvoice({ Id: '7' }), anInvoice({ Id: '8', DocNumber: 'added-later' })] });
    const second = await h.source().read({ now: new Date() });
    expect(first.records.filter((r) => r.entity === 'invoice')).toHaveLength(1);
    expect(second.records.filter((r) => r.entity === 'invoice')).toHaveLength(2);
  });

  it('throws instead of returning a partial read when a later entity fails', async () => {
    await h.write({ Invoice: [anInvoice({ Id: '1' })], Payment: { not: 'a list' } });
    const error = await h
      .source()
      .read({ now: new Date() })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(error).toMatchObject({ name: 'SentinelError', reason: 'server', code: 'quickbooks.server' });
    expect((error as Error).message).toContain('Payment.json must be a JSON array');
    expect(queriesSent(h.sandbox).slice(-3)).toEqual([
      expect.stringMatching(/^select \* from invoice /),
      expect.stringMatching(/^select \* from salesReceipt /),
      expect.stringMatching(/^select \* from payment /),
    ]);
    await h.write({ Payment: [] });
  });
});

describe('QuickBooks source: settings it refuses', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('refuses a base URL that does not end in /v3/company/', () => {
    expect(() => h.source({ baseUrl: h.sandbox.url })).toThrow(
      expect.objectContaining({ reason: 'config', message: expect.stringMatching(/must end in \/v3\/company\//) }),
    );
  });

  it('refuses a default country libphonenumber does not know', () => {
    expect(() => h.source({ defaultCountry: 'XX' })).toThrow(expect.objectContaining({ reason: 'config', code: 'config.default_country' }));
  });
});

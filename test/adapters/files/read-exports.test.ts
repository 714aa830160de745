import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustomerRecord, InvoiceRecord, JobRecord, PaymentRecord } from '../../../src/domain/records';
import { recordHash } from '../../../src/domain/hash';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

const file = (name: string) => path.join('exports', name);

describe('the file-export source reading a well-formed export', () => {
  it('turns an invoice row into a canonical invoice: cents, UTC from the company zone, lines, origin', async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv(
        INVOICE_HEADER,
        '80001,10001,J-5001,C1001,Ana Ruiz,2026-11-02,2026-11-02 09:30,"1,262.38",96.38,1262.38,Open,Residential,North,HVAC - North,Furnace Repair=1077.00|Service Call=89.00',
      ),
    );
    const read = await drop.read();
    const inv = read.records[0] as InvoiceRecord;
    expect(inv).toMatchObject({
      entity: 'invoice',
      side: 'upstream',
      source: 'fieldpro',
      sourceId: '80001',
      number: '10001',
      jobNumber: 'J-5001',
      customerId: 'C1001',
      txnDate: '2026-11-02',
      // 09:30 in Chicago on 2 November (CST, UTC-6)
      issuedAt: '2026-11-02T15:30:00.000Z',
      totalCents: 126_238,
      taxCents: 9_638,
      balanceCents: 126_238,
      status: 'open',
      className: 'Residential',
      location: 'North',
      customFields: { business_unit: 'HVAC - North' },
      lines: [
        { item: 'Furnace Repair', amountCents: 107_700 },
        { item: 'Service Call', amountCents: 8_900 },
      ],
      origin: { file: file('invoices.csv'), row: 2 },
    });
    expect(inv.hash).toBe(recordHash({ ...inv }));
    expect(read.problems).toEqual([]);
    expect(read.mode).toBe('full');
  });

  it('reads a JSON export of customers: e-mail lower-cased, phone in E.164, address, QuickBooks id', async () => {
    const drop = dropFolder();
    const rows = [
      {
        id: 'C1',
        name: 'Ana Ruiz',
        email: ' Ana.Ruiz@Example.COM ',
        phone: '(312) 555-0142',
        address: '12 Maple Ave',
        city: 'Evanston',
        state: 'IL',
        zip: '60201',
        quickbooks_id: '58',
        active: 'yes',
        balance: 120.5,
      },
      { id: 'C2', name: 'Bo Li', phone: '555-01', active: false },
    ];
    drop.put('customers.json', JSON.stringify(rows, null, 2));
    const [ana, bo] = (await drop.read()).records as CustomerRecord[];
    expect(ana).toMatchObject({
      entity: 'customer',
      displayName: 'Ana Ruiz',
      email: 'ana.ruiz@example.com',
      phone: '+13125550142',
      address: { line1: '12 Maple Ave', city: 'Evanston', region: 'IL', postalCode: '60201' },
      externalId: '58',
      active: true,
      balanceCents: 12_050,
    });
    // Not a possible number: kept as its digits so it still compares.
    expect(bo).toMatchObject({ displayName: 'Bo Li', phone: '55501', active: false });
    expect(bo!.email).toBeUndefined();
  });

  it('locates each JSON record at the line its object starts on', async () => {
    const drop = dropFolder();
    drop.put(
      'customers.json',
      '{\n  "customers": [\n    {"id": "C1", "name": "Ana Ruiz"},\n    {\n      "id": "C2",\n      "name": "Bo Li"\n    }\n  ]\n}\n',
    );
    const read = await drop.read();
    expect(read.records.map((r) => r.origin)).toEqual([
      { file: file('customers.json'), row: 3 },
      { file: file('customers.json'), row: 4 },
    ]);
  });

  it('accepts every timestamp layout exports use, naive ones in the company zone', async () => {
    const drop = dropFolder();
    drop.put(
      'jobs.csv',
      csv(
        'id,number,status,completed_at',
        'J1,J-1,completed,2026-07-04T10:00:00-05:00',
        'J2,J-2,completed,2026-07-04 10:00',
        'J3,J-3,completed,2026-07-04 10:00:30',
        'J4,J-4,completed,2026-07-04',
        'J5,J-5,completed,07/04/2026',
        'J6,J-6,completed,7/4/2026 3:15 PM',
        'J7,J-7,completed,2026-07-04T15:00:00Z',
      ),
    );
    const jobs = (await drop.read()).records as JobRecord[];
    expect(jobs.map((j) => j.completedAt)).toEqual([
      '2026-07-04T15:00:00.000Z',
      '2026-07-04T15:00:00.000Z',
      '2026-07-04T15:00:30.000Z',
      '2026-07-04T05:00:00.000Z',
      '2026-07-04T05:00:00.000Z',
      '2026-07-04T20:15:00.000Z',
      '2026-07-04T15:00:00.000Z',
    ]);
  });

  it('reads job statuses case-insensitively, "In Progress" included', async () => {
    const drop = dropFolder();
    drop.put(
      'jobs.csv',
      csv(
        'id,number,status,business_unit,total',
        'J1,J-1,In Progress,HVAC - East,',
        'J2,J-2,COMPLETED,,350',
        'J3,J-3,on-hold,,',
        'J4,J-4,Cancelled,,',
      ),
    );
    const jobs = (await drop.read()).records as JobRecord[];
    expect(jobs.map((j) => j.status)).toEqual(['in_progress', 'completed', 'on_hold', 'canceled']);
    expect(jobs[0]).toMatchObject({ businessUnit: 'HVAC - East' });
    expect(jobs[1]).toMatchObject({ totalCents: 35_000 });
  });

  it('applies a payment to its invoice, for the amount applied or else the whole amount', async () => {
    const drop = dropFolder();
    drop.put(
      'payments.csv',
      csv(
        'id,reference,date,received_at,amount,invoice_id,invoice_number,applied,method',
        'P1,CHK-1042,2026-11-03,2026-11-03 14:05,500.00,80001,10001,350.00,check',
        'P2,CC-9,2026-11-03,,89.00,80002,10002,,card',
        'P3,CASH-7,,,20.00,,,,cash',
      ),
    );
    const [partly, whole, loose] = (await drop.read()).records as PaymentRecord[];
    expect(partly).toMatchObject({
      reference: 'CHK-1042',
      date: '2026-11-03',
      receivedAt: '2026-11-03T20:05:00.000Z',
      amountCents: 50_000,
      unappliedCents: 15_000,
      appliedTo: [{ invoiceId: '80001', invoiceNumber: '10001', amountCents: 35_000 }],
    });
    expect(whole).toMatchObject({ appliedTo: [{ invoiceId: '80002', amountCents: 8_900 }], unappliedCents: 0 });
    expect(loose).toMatchObject({ appliedTo: [], unappliedCents: 2_000 });
  });

  it('derives an invoice status from its balance when the export has no status column', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('id,total,balance', 'I1,100.00,0.00', 'I2,100.00,40.00', 'I3,0.00,0.00'));
    const invoices = (await drop.read()).records as InvoiceRecord[];
    expect(invoices.map((i) => i.status)).toEqual(['paid', 'open', 'open']);
  });

  it('reads lines given as JSON objects', async () => {
    const drop = dropFolder();
    drop.put('invoices.json', JSON.stringify([{ id: 'I1', total: '162.38', lines: [{ item: 'AC Tune-Up', amount: 150, qty: 1 }] }]));
    const [inv] = (await drop.read()).records as InvoiceRecord[];
    expect(inv!.lines).toEqual([{ item: 'AC Tune-Up', amountCents: 15_000, qty: 1 }]);
  });

  it('provides only the entities it has exports for, and sums files and rows', async () => {
    const drop = dropFolder();
    drop.put('customers.csv', csv('id,name', 'C1,Ana Ruiz', 'C2,Bo Li'));
    drop.put('invoices.csv', csv('id,total', 'I1,10.00'));
    drop.put('notes.txt', 'not an export');
    const read = await drop.read();
    expect(new Set(read.records.map((r) => r.entity))).toEqual(new Set(['customer', 'invoice']));
    expect(read.unreadable).toBeUndefined();
    expect(read.summary).toBe('2 files, 3 rows');
  });
});

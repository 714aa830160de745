import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../src/domain/records';
import { csv, dropFolder } from './helpers';

describe('the file-export source with a vendor preset', () => {
  it('reads a ServiceTitan invoice report by its own headers, with currency-formatted money and the accounting status as sync status', async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv(
        'Invoice #,Invoice Date,Job #,Customer Name,Business Unit,Subtotal,Tax,Total,Balance,Status',
        '104233,3/14/2025,104233,Jane Homeowner,HVAC Service,"$1,150.00",$94.88,"$1,244.88",$244.88,Exported',
      ),
    );
    const read = await drop.read({ preset: 'servicetitan' });
    expect(read.problems).toEqual([]);
    expect(read.records[0] as InvoiceRecord).toMatchObject({
      sourceId: '104233',
      number: '104233',
      jobNumber: '104233',
      txnDate: '2025-03-14',
      totalCents: 124_488,
      taxCents: 9_488,
      balanceCents: 24_488,
      syncStatus: 'Exported',
      customFields: { business_unit: 'HVAC Service' },
    });
  });

  it("reads a Jobber invoices export, with Jobber's statuses", async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv(
        'Invoice #,Client name,Subject,Status,Issued date,Due date,Subtotal ($),Tax ($),Total ($),Balance ($),Paid date,Job #(s),Property address',
        '1042,Jane Homeowner,For Services Rendered,Awaiting Payment,2025-03-14,2025-04-13,1150.00,94.88,1244.88,244.88,,501,12 Elm St',
        '1043,Sam Lee,Repair,Bad Debt,2025-03-15,2025-04-14,100.00,0,100.00,100.00,,502,1 Oak Ave',
      ),
    );
    const read = await drop.read({ preset: 'jobber' });
    expect(read.records.map((r) => [(r as InvoiceRecord).number, (r as InvoiceRecord).status, (r as InvoiceRecord).jobNumber])).toEqual([
      ['1042', 'open', '501'],
      ['1043', 'void', '502'],
    ]);
  });

  it('refuses an export whose total column was renamed, naming the header it looked for and the key to map it under', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('Invoice #,Client name,Status,Issued date,Invoice total', '1042,Jane Homeowner,Paid,2025-03-14,1244.88'));
    const read = await drop.read({ preset: 'jobber' });
    expect(read.records).toEqual([]);
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: 'missing column total' }]);
    expect(read.problems[0]!.message).toBe(
      `${'exports/invoices.csv'}: missing column "Total ($)" — the export must include it, or map it under columns.invoices.total`,
    );
  });

  it('takes a mapping override over the preset', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('Invoice #,Client name,Status,Issued date,Invoice total', '1042,Jane Homeowner,Paid,2025-03-14,1244.88'));
    const read = await drop.read({ preset: 'jobber', columns: { invoices: { total: 'Invoice total' } } });
    expect(read.records[0]).toMatchObject({ number: '1042', totalCents: 124_488, status: 'paid' });
  });
});

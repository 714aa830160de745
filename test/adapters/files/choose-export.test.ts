import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../src/domain/records';
import { csv, dropFolder } from './helpers';

const invoices = (total: string) => csv('id,total', `I1,${total}`);

describe('the file-export source choosing the current export', () => {
  it('takes the most recently modified of several matching files', async () => {
    const drop = dropFolder();
    drop.put('invoices-2026-11-02.csv', invoices('20.00'), 60);
    drop.put('invoices-2026-11-01.csv', invoices('10.00'), 5);
    const read = await drop.read();
    expect((read.records[0] as InvoiceRecord).totalCents).toBe(1_000);
    expect(read.records).toHaveLength(1);
  });

  it('breaks a tie in modification time by the later name', async () => {
    const drop = dropFolder();
    drop.put('invoices-a.csv', invoices('10.00'), 30);
    drop.put('invoices-b.json', JSON.stringify([{ id: 'I1', total: 20 }]), 30);
    expect(((await drop.read()).records[0] as InvoiceRecord).totalCents).toBe(2_000);
  });

  it('matches file names case-insensitively and ignores other extensions', async () => {
    const drop = dropFolder();
    drop.put('Invoices.CSV', invoices('10.00'), 30);
    drop.put('invoices.xlsx', 'binary', 1);
    expect(((await drop.read()).records[0] as InvoiceRecord).totalCents).toBe(1_000);
  });

  it('uses the file pattern a config sets for an entity', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', invoices('10.00'), 1);
    drop.put('AR_Invoice_Export_0412.csv', invoices('30.00'), 60);
    const read = await drop.read({ files: { invoices: 'AR_Invoice_Export_*.csv' } });
    expect((read.records[0] as InvoiceRecord).totalCents).toBe(3_000);
  });

  it('maps columns a config names, keeping the generic names for the rest', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('Invoice ID,Invoice #,Invoice Total,status', '80001,10001,"1,234.50",paid'));
    const read = await drop.read({ columns: { invoices: { id: 'Invoice ID', number: 'Invoice #', total: 'Invoice Total' } } });
    expect(read.records[0]).toMatchObject({ sourceId: '80001', number: '10001', totalCents: 123_450, status: 'paid' });
  });

  it('with the custom preset reads only the columns the config maps', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('Ref,Amount,status', 'A-1,10.00,void'));
    const read = await drop.read({ preset: 'custom', columns: { invoices: { id: 'Ref', total: 'Amount' } } });
    // `status` is not mapped, so the status column is not read: the invoice is open by its balance.
    expect(read.records[0]).toMatchObject({ sourceId: 'A-1', totalCents: 1_000, status: 'open' });
  });
});

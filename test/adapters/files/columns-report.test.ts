// A column nobody mapped is dropped from every record, and a mapped column that vanishes empties its
// field: both are said out loud — by `sources test` every time, and in the poll log once per change.
import { describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { testSources } from '../../../src/app/sources-test';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import type { InvoiceRecord } from '../../../src/domain/records';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

const ST_HEADER = 'Invoice #,Invoice Date,Job #,Customer Name,Business Unit,Subtotal,Tax,Total,Balance,Status,Technician,Summary';
const stRow = (id: string, balance = '$0.00') =>
  `${id},3/14/2025,${id},Jane Homeowner,HVAC Service,"$1,150.00",$94.88,"$1,244.88",${balance},Exported,Ray,Tune-up`;
const exportsFile = (name: string) => `exports/${name}`;

describe('the file-export source telling what it did not use', () => {
  it('lists every column of a file that the mapping does not use', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv(ST_HEADER, stRow('104233')));
    const read = await drop.read({ preset: 'servicetitan' });
    expect(read.unusedColumns).toEqual([{ file: exportsFile('invoices.csv'), columns: ['Subtotal', 'Technician', 'Summary'] }]);
  });

  it('prints the unused columns in `sources test`, with a file missing a preset column as a warning', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv(ST_HEADER.replace(',Balance', ''), stRow('104233').replace(',$0.00', '')));
    const cfg = sourceSchema.parse({ id: 'st-export', type: 'files', path: 'exports', preset: 'servicetitan' }) as FilesSourceConfig;
    const [check] = await testSources([createFilesSource(cfg, { baseDir: drop.base, timeZone: 'America/Chicago' })], new Date());
    expect(check!.ok).toBe(true);
    expect(check!.unusedColumns).toEqual([{ file: exportsFile('invoices.csv'), columns: ['Subtotal', 'Technician', 'Summary'] }]);
    expect(check!.lines).toContain(`  ${exportsFile('invoices.csv')}: not used by the mapping: "Subtotal", "Technician", "Summary"`);
    expect(check!.lines.join('\n')).toContain(
      `warning: ${exportsFile('invoices.csv')}: column "Balance" (balance, expected by the preset) is missing — balance is left empty`,
    );
  });

  it('logs the unused columns once, not on every poll, and again when the header changes', async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv(`${INVOICE_HEADER},Salesperson`, '80001,81001,,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,0,,open,,,,,Kim'),
    );
    const first = await drop.read();
    expect(first.notices).toEqual([
      {
        level: 'info',
        message: expect.stringMatching(
          /^exports.invoices\.csv: 1 column not used by the mapping: "Salesperson" — to use one, map it under columns\.invoices\.<field>/,
        ),
      },
    ]);
    const second = await drop.read({}, first.cursor);
    expect(second.notices).toBeUndefined();
    // `sources test` still lists it on every read.
    expect(second.unusedColumns).toEqual([{ file: exportsFile('invoices.csv'), columns: ['Salesperson'] }]);
    drop.put(
      'invoices.csv',
      csv(`${INVOICE_HEADER},Salesperson,Region`, '80001,81001,,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,0,,open,,,,,Kim,West'),
    );
    const third = await drop.read({}, second.cursor);
    expect(third.notices?.map((n) => n.message)).toEqual([
      expect.stringContaining('2 columns not used by the mapping: "Salesperson", "Region"'),
    ]);
  });

  it('warns, naming the column, when a mapped optional column the last export had is gone — not a silently empty field', async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv(INVOICE_HEADER, '80001,81001,,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,0.50,,open,Residential,North,HVAC,'),
    );
    const first = await drop.read();
    expect(first.warnings).toBeUndefined();
    const withoutTax = INVOICE_HEADER.replace(',tax', '');
    drop.put('invoices.csv', csv(withoutTax, '80001,81001,,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,,open,Residential,North,HVAC,'));
    const second = await drop.read({}, first.cursor);
    const message = `${exportsFile('invoices.csv')}: column "tax" (tax, in the previous export) is missing — tax is left empty on every record of this file; restore the column or map tax under columns.invoices.tax`;
    expect(second.notices).toEqual([{ level: 'warn', message }]);
    expect(second.warnings).toEqual([message]);
    expect((second.records[0] as InvoiceRecord).taxCents).toBeUndefined();
    // Said once in the poll log: the next poll with the same columns is quiet.
    expect((await drop.read({}, second.cursor)).notices).toBeUndefined();
  });

  it('warns about a column the config maps that the file does not have', async () => {
    const drop = dropFolder();
    drop.put(
      'invoices.csv',
      csv('Invoice #,Client name,Status,Issued date,Total ($),Balance ($),Job #(s)', '1042,Jane Homeowner,Paid,2025-03-14,1244.88,0,501'),
    );
    const read = await drop.read({ preset: 'jobber', columns: { invoices: { class: 'Service Type' } } });
    expect(read.warnings?.map((w) => w.replace(/ — .*/, ''))).toEqual([
      `${exportsFile('invoices.csv')}: column "Due date" (due_date, expected by the preset) is missing`,
      `${exportsFile('invoices.csv')}: column "Tax ($)" (tax, expected by the preset) is missing`,
      `${exportsFile('invoices.csv')}: column "Service Type" (class, mapped in the config) is missing`,
    ]);
  });

  it('logs the columns of each file in a drop folder once per header set', async () => {
    const drop = dropFolder();
    const header = `${INVOICE_HEADER},Salesperson`;
    const line = (id: number) => `${id},${id + 1000},,,Ana Ruiz,2026-11-02,2026-11-02 09:30,10.00,0,,open,,,,,Kim`;
    drop.put('invoices-1.csv', csv(header, line(80001)), 10);
    drop.put('invoices-2.csv', csv(header, line(80002)), 9);
    const first = await drop.read({ move_processed_to: 'processed' });
    expect(first.notices?.map((n) => n.message)).toEqual([
      expect.stringMatching(/invoices-1\.csv: 1 column not used by the mapping: "Salesperson"/),
    ]);
    drop.put('invoices-3.csv', csv(header, line(80003)), 8);
    const second = await drop.read({ move_processed_to: 'processed' }, first.cursor);
    expect(second.records.map((r) => r.sourceId)).toEqual(['80003']);
    expect(second.notices).toBeUndefined();
  });
});

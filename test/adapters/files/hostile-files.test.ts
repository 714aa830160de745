// Files a careless operator or an attacker with write access to the drop folder leaves there: a
// symbolic link to a file elsewhere, a file nested deep enough to exhaust the stack, an export of more
// rows than a function call can take as arguments, a Latin-1 export read as UTF-8.
import { mkdtempSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../src/domain/records';
import { INVOICE_HEADER, csv, dropFolder, type DropFolder } from './helpers';

const row = (id: string, total: string, customer = 'Ana Ruiz') =>
  `${id},${Number(id) + 1000},,,${customer},2026-11-02,2026-11-02 09:30,${total},0,,open,Residential,North,HVAC,`;
const aged = (drop: DropFolder, name: string) => {
  const t = new Date(Date.now() - 10 * 60_000);
  utimesSync(path.join(drop.dir, name), t, t);
};

for (const mode of [{}, { move_processed_to: 'processed' }]) {
  const which = 'move_processed_to' in mode ? 'as a drop folder' : 'newest export per entity';
  describe(`the file-export source (${which})`, () => {
    it('does not follow a symbolic link out of the folder: the link is refused, its target never read', async () => {
      const drop = dropFolder();
      const outside = path.join(mkdtempSync(path.join(os.tmpdir(), 'sentinel-outside-')), 'secret.csv');
      writeFileSync(outside, csv(INVOICE_HEADER, row('70001', '1.00', 'Payroll Secret')));
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(outside, old, old);
      symlinkSync(outside, path.join(drop.dir, 'invoices-link.csv'));
      const read = await drop.read(mode);
      expect(JSON.stringify(read)).not.toContain('Payroll Secret');
      expect(read.records).toEqual([]);
      expect(read.problems.map((p) => p.message).join('\n')).toMatch(
        /invoices-link\.csv.*symbolic link: only regular files inside the folder are read/,
      );
    });

    it('refuses a JSON file nested too deep on its own, and still reads the other files', async () => {
      const drop = dropFolder();
      const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      drop.put('customers.json', `[{"id": "C1", "name": ${deep}}]`, 10);
      drop.put('invoices.csv', csv(INVOICE_HEADER, row('80001', '10.00')), 10);
      const read = await drop.read(mode);
      expect(read.records.map((r) => r.sourceId)).toEqual(['80001']);
      expect(read.unreadable?.map((u) => u.entity)).toEqual(['customer']);
      expect(read.problems.map((p) => p.message).join('\n')).toMatch(/customers\.json: .*nothing from this file was used/);
    });

    it('reads an export of 130,000 rows (more than one call can spread into push)', async () => {
      const drop = dropFolder();
      const rows = Array.from({ length: 130_000 }, (_, i) => row(String(100_000 + i), '1.00'));
      drop.put('invoices.csv', `${INVOICE_HEADER}\n${rows.join('\n')}\n`, 10);
      const read = await drop.read(mode);
      expect(read.problems).toEqual([]);
      expect(read.records).toHaveLength(130_000);
    }, 300_000);

    it('reads a Windows-1252 export with `encoding: windows-1252`, and refuses it as UTF-8 naming the line', async () => {
      const drop = dropFolder();
      writeFileSync(
        path.join(drop.dir, 'invoices.csv'),
        Buffer.from(csv(INVOICE_HEADER, row('80001', '10.00'), row('80002', '12.00', 'Café Müller')), 'latin1'),
      );
      aged(drop, 'invoices.csv');
      const asUtf8 = await drop.read(mode);
      expect(asUtf8.records).toEqual([]);
      expect(asUtf8.problems[0]!.message).toMatch(/invoices\.csv line 3: this line is not UTF-8 text — .*encoding: windows-1252/);
      const read = await drop.read({ ...mode, encoding: 'windows-1252' });
      expect(read.records.map((r) => (r as InvoiceRecord).customerName)).toEqual(['Ana Ruiz', 'Café Müller']);
    });
  });
}

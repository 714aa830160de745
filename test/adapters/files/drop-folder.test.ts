import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import type { InvoiceRecord } from '../../../src/domain/records';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

const row = (id: string, total: string) =>
  `${id},${Number(id) + 1000},,,Ana Ruiz,2026-11-02,2026-11-02 09:30,${total},0,,open,Residential,North,HVAC,`;

function dropSource(base: string) {
  const cfg = sourceSchema.parse({
    id: 'fieldpro',
    type: 'files',
    path: 'exports',
    move_processed_to: 'processed',
    settle: '30s',
  }) as FilesSourceConfig;
  return createFilesSource(cfg, { baseDir: base, timeZone: 'America/Chicago' });
}

describe('the file-export source as a drop folder', () => {
  it('reads each dropped file once as changes, then moves it aside with a record of what was read', async () => {
    const drop = dropFolder();
    drop.put('invoices-1.csv', csv(INVOICE_HEADER, row('80001', '10.00'), row('80002', 'ten')), 5);
    const source = dropSource(drop.base);
    const first = await source.read({ now: new Date() });
    expect(first.mode).toBe('incremental');
    expect(first.records.map((r) => r.sourceId)).toEqual(['80001']);
    expect(first.problems[0]!.message).toMatch(/invoices-1\.csv row 3: total "ten" is not an amount/);
    // Still there until the store has taken this read's cursor.
    expect(existsSync(path.join(drop.dir, 'invoices-1.csv'))).toBe(true);

    drop.put('invoices-2.csv', csv(INVOICE_HEADER, row('80002', '20.00')), 4);
    const second = await source.read({ now: new Date(), cursor: first.cursor! });
    expect(second.records.map((r) => [(r as InvoiceRecord).sourceId, (r as InvoiceRecord).totalCents])).toEqual([['80002', 2000]]);
    expect(readdirSync(path.join(drop.dir, 'processed')).sort()).toEqual(['invoices-1.csv', 'invoices-1.csv.read.json']);
    const record = JSON.parse(readFileSync(path.join(drop.dir, 'processed', 'invoices-1.csv.read.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(record).toMatchObject({
      file: 'invoices-1.csv',
      entity: 'invoices',
      rows: 2,
      records: 1,
      problems: [expect.stringMatching(/row 3: total "ten"/)],
    });
  });

  it('leaves a file that is still being written for the next poll', async () => {
    const drop = dropFolder();
    drop.put('invoices-new.csv', csv(INVOICE_HEADER, row('80001', '10.00')));
    const read = await dropSource(drop.base).read({ now: new Date() });
    expect(read.records).toEqual([]);
    expect(read.summary).toBe('0 new files, 0 records, 1 still being written');
  });

  it('refuses a half-written file whole, reports it, and keeps it in the folder', async () => {
    const drop = dropFolder();
    drop.put('invoices-cut.csv', `${INVOICE_HEADER}\n${row('80001', '10.00')}\n80002,10002,,,"Ana Ru`, 5);
    const source = dropSource(drop.base);
    const first = await source.read({ now: new Date() });
    expect(first.records).toEqual([]);
    expect(first.unreadable).toEqual([
      { entity: 'invoice', reason: 'invoices-cut.csv: a quoted value is never closed (the file may still be being written)' },
    ]);
    await source.read({ now: new Date(), cursor: first.cursor! });
    expect(existsSync(path.join(drop.dir, 'invoices-cut.csv'))).toBe(true);
  });
});

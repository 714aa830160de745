import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import type { InvoiceRecord, CustomerRecord } from '../../../src/domain/records';

function folder(files: Record<string, string>): string {
  const base = mkdtempSync(path.join(os.tmpdir(), 'sentinel-files-'));
  mkdirSync(path.join(base, 'exports'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(base, 'exports', name), text);
  return base;
}

function source(base: string, extra: Record<string, unknown> = {}) {
  const cfg = sourceSchema.parse({ id: 'fsm', type: 'files', path: 'exports', ...extra }) as FilesSourceConfig;
  return createFilesSource(cfg, { baseDir: base, timeZone: 'America/Chicago' });
}

const INVOICES =
  'id,number,customer_name,issued_at,total,tax,status,lines\n80001,10001,Ana Ruiz,2026-11-02 09:30,162.38,12.38,open,AC Tune-Up=150.00\n';

describe('the file-export source', () => {
  it('reads a CSV export into canonical invoices with cents, UTC instants and lines', async () => {
    const read = await source(folder({ 'invoices.csv': INVOICES })).read({ now: new Date() });
    const inv = read.records[0] as InvoiceRecord;
    expect(inv).toMatchObject({
      side: 'upstream',
      source: 'fsm',
      sourceId: '80001',
      number: '10001',
      totalCents: 16238,
      taxCents: 1238,
      status: 'open',
      issuedAt: '2026-11-02T15:30:00.000Z',
      lines: [{ item: 'AC Tune-Up', amountCents: 15000 }],
      origin: { file: path.join('exports', 'invoices.csv'), row: 2 },
    });
    expect(read.problems).toEqual([]);
  });

  it('reads a JSON export and normalises e-mail and phone', async () => {
    const read = await source(
      folder({ 'customers.json': JSON.stringify([{ id: 'C1', name: 'Ana Ruiz', email: ' Ana@Example.COM ', phone: '(312) 555-0142' }]) }),
    ).read({ now: new Date() });
    expect(read.records[0] as CustomerRecord).toMatchObject({ displayName: 'Ana Ruiz', email: 'ana@example.com', phone: '+13125550142' });
  });

  it('takes the newest matching file as the current export', async () => {
    const base = folder({ 'invoices-old.csv': INVOICES, 'invoices-new.csv': INVOICES.replace('162.38', '200.00') });
    utimesSync(path.join(base, 'exports', 'invoices-old.csv'), new Date('2026-01-01'), new Date('2026-01-01'));
    const read = await source(base).read({ now: new Date() });
    expect((read.records[0] as InvoiceRecord).totalCents).toBe(20000);
  });

  it('uses the column names a config maps', async () => {
    const base = folder({ 'invoices.csv': 'Invoice ID,Invoice #,Invoice Total\n80001,10001,"1,234.50"\n' });
    const read = await source(base, { columns: { invoices: { id: 'Invoice ID', number: 'Invoice #', total: 'Invoice Total' } } }).read({
      now: new Date(),
    });
    expect(read.records[0]).toMatchObject({ number: '10001', totalCents: 123450 });
  });

  it('skips a row with a bad amount, names file, row and field, and keeps the other rows', async () => {
    const base = folder({
      'invoices.csv': `${INVOICES}80002,10002,Bo Li,2026-11-03,"12,3O.00",1.00,open,\n80003,10003,Cy Ho,2026-11-03,99.00,0,paid,\n`,
    });
    const read = await source(base).read({ now: new Date() });
    expect(read.records.map((r) => r.sourceId)).toEqual(['80001', '80003']);
    expect(read.problems).toEqual([
      expect.objectContaining({
        sourceId: '80002',
        field: 'total',
        message: `${path.join('exports', 'invoices.csv')} row 3: total "12,3O.00" is not an amount`,
        origin: { file: path.join('exports', 'invoices.csv'), row: 3 },
      }),
    ]);
  });

  it('refuses a file missing a required column and marks the entity unreadable', async () => {
    const read = await source(folder({ 'invoices.csv': 'id,number\n80001,10001\n' })).read({ now: new Date() });
    expect(read.records).toEqual([]);
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: 'missing column total' }]);
    expect(read.problems[0]!.message).toMatch(
      /missing column "total" — the export must include it, or map it under columns.invoices.total/,
    );
  });

  it('refuses a half-written file instead of importing part of it', async () => {
    const read = await source(folder({ 'invoices.csv': `${INVOICES}80002,10002,"Bo Li,2026-11-03,5.00` })).read({ now: new Date() });
    expect(read.records).toEqual([]);
    expect(read.unreadable?.[0]?.entity).toBe('invoice');
    expect(read.problems[0]!.message).toMatch(/never closed/);
  });

  it('keeps the first of two rows with the same id and reports the second', async () => {
    const read = await source(folder({ 'invoices.csv': `${INVOICES}${INVOICES.split('\n')[1]}\n` })).read({ now: new Date() });
    expect(read.records).toHaveLength(1);
    expect(read.problems[0]!.message).toMatch(/id "80001" appears twice/);
  });

  it('accepts a UTF-8 byte-order mark and CRLF line endings', async () => {
    const read = await source(folder({ 'invoices.csv': `\uFEFF${INVOICES.replace(/\n/g, '\r\n')}` })).read({ now: new Date() });
    expect(read.records).toHaveLength(1);
    expect(read.problems).toEqual([]);
  });

  it('fails the whole read with a clear error when the folder is missing', async () => {
    await expect(source(mkdtempSync(path.join(os.tmpdir(), 'sentinel-none-'))).read({ now: new Date() })).rejects.toThrow(
      /does not exist — create it or fix "path" of source fsm/,
    );
  });
});

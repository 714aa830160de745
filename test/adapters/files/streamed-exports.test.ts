// Exports are read a chunk at a time (64 KiB from disk), so what straddles two chunks must read as if
// the file were whole: a character, a CRLF, a bad byte's line. JSON is read whole up to a stated size.
import { closeSync, ftruncateSync, openSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../src/domain/records';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

const CHUNK = 64 * 1024;
const row = (id: number, customer = 'Ana Ruiz', total = '10.00') =>
  `${id},${id + 1000},,,${customer},2026-11-02,2026-11-02 09:30,${total},0,,open,Residential,North,HVAC,`;

/**
 * Invoice rows, then a padded row, then `last`: the pad is sized so that `marker` (its first
 * occurrence in `last`) starts at byte `at` of the file. Returns the text and its number of rows.
 */
function placed(at: number, last: string, marker: string, eol = '\n'): { text: string; rows: number } {
  const lines = [INVOICE_HEADER];
  for (let id = 100_000; Buffer.byteLength(lines.join(eol)) < at - 400; id++) lines.push(row(id));
  const build = (pad: number) => `${[...lines, row(99_999, `Pad ${'x'.repeat(pad)}`), last].join(eol)}${eol}`;
  const markerAt = (text: string) => Buffer.from(text).indexOf(Buffer.from(marker), Buffer.byteLength(lines.join(eol)) + 20);
  const text = build(at - markerAt(build(0)));
  expect(markerAt(text)).toBe(at);
  return { text, rows: lines.length + last.split(eol).length };
}

describe('the file-export source reading an export in chunks', () => {
  it('reads a two-byte character split between two chunks as the character, not as invalid UTF-8', async () => {
    const drop = dropFolder();
    // The é's first byte ends the first chunk, its second byte starts the next.
    const { text, rows } = placed(CHUNK - 1, row(300_000, 'Café Müller'), 'é');
    drop.put('invoices.csv', text);
    const read = await drop.read();
    expect(read.problems).toEqual([]);
    expect(read.records).toHaveLength(rows);
    expect((read.records.at(-1) as InvoiceRecord).customerName).toBe('Café Müller');
  });

  it('reads a CRLF split between two chunks as one line end, so later rows keep their line numbers', async () => {
    const drop = dropFolder();
    // The CR ending row 300000 is the first chunk's last byte; its LF starts the next chunk.
    const { text, rows } = placed(CHUNK - 1, `${row(300_000)}\r\n${row(300_001, 'Bo Li', 'not money')}`, '\r\n300001', '\r\n');
    drop.put('invoices.csv', text);
    const read = await drop.read();
    expect(read.problems.map((p) => p.message)).toEqual([
      `${path.join('exports', 'invoices.csv')} row ${rows + 1}: total "not money" is not an amount`,
    ]);
    expect(read.records).toHaveLength(rows - 1);
  });

  it('names the line of an invalid UTF-8 byte far past the first chunk, and refuses that file alone', async () => {
    const drop = dropFolder();
    const rows = Array.from({ length: 3000 }, (_, i) => row(200_000 + i));
    const bytes = Buffer.from(csv(INVOICE_HEADER, ...rows));
    // A Latin-1 "é" (0xE9) in the customer of the 2,500th row, which is line 2,501 under the header.
    const bad = Buffer.byteLength(csv(INVOICE_HEADER, ...rows.slice(0, 2499))) + row(202_499).indexOf('Ana') + 1;
    expect(bad).toBeGreaterThan(2 * CHUNK);
    bytes[bad] = 0xe9;
    writeFileSync(path.join(drop.dir, 'invoices.csv'), bytes);
    drop.put('customers.csv', csv('id,name', 'C1,Ana Ruiz'));
    const read = await drop.read();
    expect(read.records.map((r) => r.sourceId)).toEqual(['C1']);
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: expect.stringMatching(/not UTF-8/) }]);
    expect(read.problems[0]!.message).toMatch(/^exports.invoices\.csv line 2501: this line is not UTF-8 text/);
  });

  it('refuses a JSON export over 64 MB before reading it, saying to export CSV instead, and still reads the rest', async () => {
    const drop = dropFolder();
    // Sparse: the size is all the refusal looks at, and the disk holds nothing.
    const file = path.join(drop.dir, 'payments.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 65 * 2 ** 20);
    closeSync(fd);
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(file, old, old);
    drop.put('customers.csv', csv('id,name', 'C1,Ana Ruiz'), 10);
    const read = await drop.read();
    expect(read.records.map((r) => r.sourceId)).toEqual(['C1']);
    expect(read.unreadable).toEqual([
      {
        entity: 'payment',
        reason: expect.stringMatching(/^a JSON export is read whole and may be at most 64 MB; this one is 65 MB — export it as CSV/),
      },
    ]);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFilesSource } from '../../../adapters/files/source';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import { INVOICE_HEADER, csv, dropFolder } from './helpers';

const file = (name: string) => path.join('exports', name);
const good = (id: string) =>
  `${id},1${id.slice(-4)},J-1,C1,Ana Ruiz,2026-11-02,2026-11-02 09:30,162.38,12.38,162.38,open,Residential,North,HVAC - North,AC Tune-Up=150.00`;

describe('the file-export source given bad input', () => {
  it('refuses a file missing a required column, naming the column and the config key that maps it', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('id,number', '80001,10001'));
    drop.put('customers.csv', csv('id,name', 'C1,Ana Ruiz'));
    const read = await drop.read();
    expect(read.records.map((r) => r.entity)).toEqual(['customer']);
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: 'missing column total' }]);
    expect(read.problems).toEqual([
      {
        source: 'fieldpro',
        side: 'upstream',
        entity: 'invoice',
        field: 'total',
        origin: { file: file('invoices.csv') },
        message: `${file('invoices.csv')}: missing column "total" — the export must include it, or map it under columns.invoices.total`,
      },
    ]);
  });

  it('names the mapped header and every missing column', async () => {
    const drop = dropFolder();
    drop.put('jobs.csv', csv('id,Job Number', 'J1,J-1'));
    const read = await drop.read({ columns: { jobs: { number: 'Job #' } } });
    expect(read.problems[0]!.message).toBe(
      `${file('jobs.csv')}: missing columns "Job #", "status" — the export must include them, or map them under columns.jobs.number, columns.jobs.status`,
    );
    expect(read.unreadable).toEqual([{ entity: 'job', reason: 'missing columns number, status' }]);
  });

  it('refuses a half-written CSV whose last quote never closes, pointing at the row it starts on', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', `${csv(INVOICE_HEADER, good('80001'), good('80002'))}80003,10003,J-1,C1,"Ana Ruiz,2026-11-02`);
    const read = await drop.read();
    expect(read.records).toEqual([]);
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: expect.stringMatching(/never closed/) }]);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ origin: { file: file('invoices.csv'), row: 4 } });
    expect(read.problems[0]!.message).toMatch(
      /^exports.invoices\.csv line 4: a quoted value is never closed .* — nothing from this file was used/,
    );
  });

  it('refuses a CSV with a ragged row', async () => {
    const drop = dropFolder();
    drop.put('customers.csv', csv('id,name,email', 'C1,Ana Ruiz,ana@example.com', 'C2,Bo Li', 'C3,Cy Ho,cy@example.com'));
    const read = await drop.read();
    expect(read.records).toEqual([]);
    expect(read.unreadable?.[0]?.entity).toBe('customer');
    expect(read.problems[0]).toMatchObject({
      origin: { row: 3 },
      message: expect.stringMatching(/line 3: this row has a different number of values than the header/),
    });
  });

  it('refuses invalid JSON with the line it breaks on', async () => {
    const drop = dropFolder();
    drop.put('payments.json', '[\n  {"id": "P1", "amount": 10},\n  {"id": "P2", "amount": 20,\n');
    const read = await drop.read();
    expect(read.records).toEqual([]);
    expect(read.unreadable).toEqual([{ entity: 'payment', reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(read.problems[0]!.message).toMatch(/^exports.payments\.json line 4: not valid JSON/);
  });

  it('refuses an empty CSV (a file still being written)', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', '');
    const read = await drop.read();
    expect(read.unreadable).toEqual([{ entity: 'invoice', reason: 'the file is empty (it may still be being written)' }]);
  });

  it('skips a row with a bad amount, names file, row and field, and keeps the other rows', async () => {
    const drop = dropFolder();
    const bad = good('80002').replace('162.38,12.38', '"12,3O.00",12.38');
    drop.put('invoices.csv', csv(INVOICE_HEADER, good('80001'), bad, good('80003')));
    const read = await drop.read();
    expect(read.records.map((r) => r.sourceId)).toEqual(['80001', '80003']);
    expect(read.unreadable).toBeUndefined();
    expect(read.problems).toEqual([
      {
        source: 'fieldpro',
        side: 'upstream',
        entity: 'invoice',
        // What could be read of the row: the engine treats the invoice as unknown, not deleted.
        sourceId: '80002',
        number: '10002',
        jobNumber: 'J-1',
        field: 'total',
        origin: { file: file('invoices.csv'), row: 3 },
        message: `${file('invoices.csv')} row 3: total "12,3O.00" is not an amount`,
      },
    ]);
  });

  it.each([
    [
      'a bad date',
      'issued_at',
      good('80002').replace('2026-11-02 09:30', '2026-13-45 09:30'),
      'issued_at "2026-13-45 09:30" is not a date and time',
    ],
    ['a bad status', 'status', good('80002').replace(',open,', ',shipped,'), 'status "shipped" is not one of draft, open, paid, void'],
    ['an empty id', 'id', good('80002').replace(/^80002/, ''), 'id is empty'],
    [
      'a line without an amount',
      'lines',
      good('80002').replace('AC Tune-Up=150.00', 'AC Tune-Up'),
      'lines entry "AC Tune-Up" is not "item=amount"',
    ],
  ])('skips a row with %s and reports its field', async (_what, field, row, message) => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv(INVOICE_HEADER, good('80001'), row));
    const read = await drop.read();
    expect(read.records.map((r) => r.sourceId)).toEqual(['80001']);
    expect(read.problems).toEqual([
      expect.objectContaining({
        field,
        origin: { file: file('invoices.csv'), row: 3 },
        message: `${file('invoices.csv')} row 3: ${message}`,
      }),
    ]);
  });

  it('names the header the file uses when a column is mapped', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv('id,Invoice Total', 'I1,ten dollars'));
    const read = await drop.read({ columns: { invoices: { total: 'Invoice Total' } } });
    expect(read.problems[0]).toMatchObject({
      field: 'total',
      message: `${file('invoices.csv')} row 2: Invoice Total "ten dollars" is not an amount`,
    });
  });

  it('keeps the first of two rows with the same id and reports the second', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', csv(INVOICE_HEADER, good('80001'), good('80002'), good('80001').replace('162.38,12.38', '99.00,0')));
    const read = await drop.read();
    expect(read.records.map((r) => [r.sourceId, r.origin?.row])).toEqual([
      ['80001', 2],
      ['80002', 3],
    ]);
    expect(read.problems).toEqual([
      expect.objectContaining({
        sourceId: '80001',
        field: 'id',
        origin: { file: file('invoices.csv'), row: 4 },
        message: `${file('invoices.csv')} row 4: id "80001" appears twice (first on row 2) — this row was skipped`,
      }),
    ]);
  });

  it('accepts a UTF-8 byte-order mark, CRLF line endings and trailing blank rows', async () => {
    const drop = dropFolder();
    drop.put('invoices.csv', `\uFEFF${csv(INVOICE_HEADER, good('80001'), good('80002'), ',,,,,,,,,,,,,,').replace(/\n/g, '\r\n')}\r\n`);
    const read = await drop.read();
    expect(read.records.map((r) => [r.sourceId, r.origin?.row])).toEqual([
      ['80001', 2],
      ['80002', 3],
    ]);
    expect(read.problems).toEqual([]);
  });

  it('counts rows from where they start when a quoted value spans lines', async () => {
    const drop = dropFolder();
    drop.put('customers.csv', 'id,name,address\r\nC1,Ana Ruiz,"12 Maple Ave\r\nApt 3"\r\nC2,Bo Li,"9 Cedar St"\r\n');
    const read = await drop.read();
    expect(read.records.map((r) => r.origin?.row)).toEqual([2, 4]);
    expect(read.records[0]).toMatchObject({ address: { line1: '12 Maple Ave\nApt 3' } });
  });

  it('fails the whole read, as a retryable error, when the folder is missing', async () => {
    const drop = dropFolder();
    await expect(drop.read({ path: 'nowhere' })).rejects.toMatchObject({
      code: 'files.folder_missing',
      retryable: true,
      message: expect.stringMatching(/does not exist — create it or fix "path" of source fieldpro/),
    });
  });

  it('refuses a time zone that is not an IANA name when the source is built', () => {
    // The config file refuses it at its line (test/app/sources-and-paths); a config built in code is checked here too.
    expect(sourceSchema.safeParse({ id: 'fieldpro', type: 'files', path: 'exports', time_zone: 'Central' }).success).toBe(false);
    const cfg = { ...(sourceSchema.parse({ id: 'fieldpro', type: 'files', path: 'exports' }) as FilesSourceConfig), time_zone: 'Central' };
    expect(() => createFilesSource(cfg, { baseDir: '/tmp', timeZone: 'America/Chicago' })).toThrow(
      /time zone "Central" is not an IANA zone name/,
    );
  });
});

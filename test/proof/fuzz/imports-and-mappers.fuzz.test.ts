// Export files and QuickBooks payloads bent in thousands of seeded ways: a bad row or record is
// skipped and reported with its file and row, or its QuickBooks entity and Id — never an exception,
// never a silent half-import.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsFor, FIELDS, type FileEntity } from '../../../adapters/files/columns';
import { readExport } from '../../../adapters/files/read-export';
import { mapCustomer, mapInvoice, mapPayment, mapReference } from '../../../adapters/quickbooks/map';
import { mapDeposit } from '../../../adapters/quickbooks/map-deposit';
import { sourceSchema, type FilesSourceConfig } from '../../../src/config/schema';
import { generateDemo } from '../../../demo/generate';
import { anyText, corrupted, mutated, nasty, runs, FUZZ_TIMEOUT_MS } from './arbitraries';

const demo = generateDemo({ now: new Date('2026-11-27T15:00:00Z') });
const dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-fuzz-'));
const generic = sourceSchema.parse({ id: 'fieldpro', type: 'files', path: 'exports' }) as FilesSourceConfig;
const firstLines = (text: string, n: number) => `${text.split('\n').slice(0, n).join('\n')}\n`;

/** Reads `text` as the export of `entity` and checks every problem names the file and the row. */
async function readAs(entity: FileEntity, ext: 'csv' | 'json', text: string) {
  const file = `exports/${entity}.${ext}`;
  const full = path.join(dir, `${entity}.${ext}`);
  writeFileSync(full, text);
  const read = await readExport({
    source: 'fieldpro',
    entity,
    path: full,
    file,
    columns: columnsFor(generic, entity),
    zone: 'America/Chicago',
    defaultCountry: 'US',
  });
  for (const p of read.problems) {
    expect(p.origin?.file).toBe(file);
    expect(p.message.startsWith(file)).toBe(true);
    // A row problem says which row; a whole-file refusal says so.
    expect(p.message).toMatch(/ (row|line) \d+|nothing from this file was used|missing column/);
  }
  for (const r of read.records) expect(unsafeCents(r)).toEqual([]);
  expect(read.records.length + read.problems.length + (read.refused ? read.rows : 0)).toBeGreaterThanOrEqual(read.refused ? 1 : read.rows);
  return read;
}

const cellValue = fc.oneof(
  nasty,
  fc.constantFrom(
    '',
    '0',
    '-1',
    '12.50',
    '$1,234.56',
    '(12.00)',
    '1e400',
    '2026-11-02',
    '2026-13-45',
    '2026-11-02T25:00',
    'yes',
    'paid',
    'void',
    '99999999999999999999.99',
    '-1e308',
  ),
  fc.string({ maxLength: 12 }),
);
const csvCell = cellValue.map((v) => (/[",\n\r]/.test(v) || v.startsWith(' ') ? `"${v.replace(/"/g, '""')}"` : v));

describe('fuzzing the file imports', { timeout: FUZZ_TIMEOUT_MS }, () => {
  for (const entity of ['invoices', 'payments', 'customers', 'jobs'] as const) {
    const base = firstLines(demo.upstream[`fieldpro/${entity}.csv`]!, 6);
    it(`reads every mangled ${entity}.csv without throwing, naming the file and row of each problem`, async () => {
      const header = FIELDS[entity].join(',');
      const generated = fc
        .array(
          fc.array(csvCell, { minLength: FIELDS[entity].length - 1, maxLength: FIELDS[entity].length + 1 }).map((r) => r.join(',')),
          { maxLength: 6 },
        )
        .map((rows) => `${[header, ...rows].join('\n')}\n`);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 3, arbitrary: mutated(base) }, { weight: 3, arbitrary: generated }, { weight: 1, arbitrary: anyText }),
          async (text) => void (await readAs(entity, 'csv', text)),
        ),
        runs(1_000),
      );
    });
  }

  it('reads every mangled invoices.json without throwing, naming the file and line of each problem', async () => {
    const rows = (demo.upstream['fieldpro/invoices.csv']!.split('\n')[0] ?? '').split(',');
    const record = fc.dictionary(
      fc.oneof(fc.constantFrom(...rows), fc.string({ maxLength: 6 })),
      fc.oneof(fc.jsonValue({ maxDepth: 1 }), cellValue),
      { maxKeys: 12 },
    );
    const json = fc.oneof(
      fc.array(record, { maxLength: 5 }).map((a) => JSON.stringify(a, null, 2)),
      fc.array(record, { maxLength: 3 }).map((a) => JSON.stringify({ invoices: a })),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          json,
          json.chain((t) => mutated(t)),
        ),
        async (text) => void (await readAs('invoices', 'json', text)),
      ),
      runs(1_500),
    );
  });
});

describe('fuzzing the QuickBooks payload mappers', { timeout: FUZZ_TIMEOUT_MS }, () => {
  const ctx = { source: 'quickbooks', resourceBase: 'http://127.0.0.1/v3/company/1', defaultCountry: 'US' as const };
  const q = demo.quickbooks as Record<string, Array<Record<string, unknown>>>;
  const cases = [
    ['Invoice', q['Invoice.json']![0]!, (raw: unknown) => mapInvoice(raw, ctx)],
    ['Payment', q['Payment.json']![0]!, (raw: unknown) => mapPayment(raw, ctx)],
    ['Deposit', q['Deposit.json']![0]!, (raw: unknown) => mapDeposit(raw, ctx)],
    ['Customer', q['Customer.json']![0]!, (raw: unknown) => mapCustomer(raw, ctx)],
    ['Class', q['Class.json']![0]!, (raw: unknown) => mapReference('Class', raw, ctx)],
  ] as const;
  for (const [entity, base, map] of cases) {
    it(`maps or reports every corrupted ${entity}, naming the entity and its Id`, () => {
      fc.assert(
        fc.property(fc.oneof({ weight: 5, arbitrary: corrupted(base) }, { weight: 1, arbitrary: fc.anything() }), (raw) => {
          const result = map(raw);
          if (result.record) {
            expect(unsafeCents(result.record)).toEqual([]);
            return;
          }
          const id = typeof raw === 'object' && raw !== null ? (raw as { Id?: unknown }).Id : undefined;
          expect(result.problem.message).toContain(entity);
          if (typeof id === 'string' && id !== '') expect(result.problem.sourceId).toBe(id);
        }),
        runs(2_000),
      );
    });
  }
});

/** Money fields (…Cents) that are not exact integers: sums over them would be wrong. */
function unsafeCents(v: unknown, at = ''): string[] {
  if (typeof v !== 'object' || v === null) return [];
  return Object.entries(v).flatMap(([k, x]) =>
    /cents$/i.test(k) && typeof x === 'number' && !Number.isSafeInteger(x) ? [`${at}${k}=${x}`] : unsafeCents(x, `${at}${k}.`),
  );
}

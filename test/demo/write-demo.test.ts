import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFilesSource } from '../../adapters/files/source';
import { mapAccount, mapCustomer, mapInvoice, mapPayment } from '../../adapters/quickbooks/map';
import { mapDeposit } from '../../adapters/quickbooks/map-deposit';
import { generateDemo, writeDemo, type DemoData } from '../../demo/generate';
import { sourceSchema, type FilesSourceConfig } from '../../src/config/schema';
import type { PaymentRecord } from '../../src/domain/records';
import type { SourceRead } from '../../src/ports/source';

const NOW = new Date('2026-11-18T15:00:00Z');
const DAY = 86_400_000;

function readUpstream(dir: string, id: string): Promise<SourceRead> {
  const cfg = sourceSchema.parse({ id, type: 'files', path: `upstream/${id}` }) as FilesSourceConfig;
  return createFilesSource(cfg, { baseDir: dir, timeZone: 'America/Chicago' }).read({ now: NOW });
}

describe('the demo company written to a folder', () => {
  let dir: string;
  let demo: DemoData;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sentinel-demo-'));
    demo = generateDemo({ now: NOW });
    writeDemo(dir, demo);
  });

  it('lays out the FieldPro and card exports and the QuickBooks company', () => {
    expect(readdirSync(path.join(dir, 'upstream', 'fieldpro')).sort()).toEqual([
      'customers.csv',
      'invoices.csv',
      'jobs.csv',
      'payments.csv',
    ]);
    expect(readdirSync(path.join(dir, 'upstream', 'card-payments'))).toEqual(['payments.csv']);
    expect(readdirSync(path.join(dir, 'quickbooks')).sort()).toEqual([
      'Account.json',
      'Class.json',
      'CompanyInfo.json',
      'Customer.json',
      'Department.json',
      'Deposit.json',
      'Invoice.json',
      'Item.json',
      'Payment.json',
      'Preferences.json',
    ]);
    const info = JSON.parse(readFileSync(path.join(dir, 'quickbooks', 'CompanyInfo.json'), 'utf8'));
    expect(info.CompanyName).toBe('Summit Comfort Services');
    const prefs = JSON.parse(readFileSync(path.join(dir, 'quickbooks', 'Preferences.json'), 'utf8'));
    expect(prefs.AccountingInfoPrefs).toMatchObject({
      ClassTrackingPerTxn: true,
      TrackDepartments: true,
      DepartmentTerminology: 'Location',
    });
  });

  it('reads back through the file-export source with exactly one problem: the malformed row', async () => {
    const read = await readUpstream(dir, 'fieldpro');
    const count = (entity: string) => read.records.filter((r) => r.entity === entity).length;
    expect(count('customer')).toBe(demo.counts.customers);
    expect(count('job')).toBe(demo.counts.jobs);
    // The malformed row is skipped; the card processor's payments are in its own export.
    expect(count('invoice')).toBe(demo.counts.invoices - 1);
    expect(count('payment')).toBe(demo.counts.payments - 12);
    const malformed = demo.expected.find((e) => e.ruleId === 'malformed-record')!;
    expect(read.problems).toEqual([
      expect.objectContaining({
        sourceId: malformed.sourceId,
        field: 'total',
        message: expect.stringMatching(/row \d+: total "12,3O.00" is not an amount$/),
      }),
    ]);
    expect(read.unreadable).toBeUndefined();
  });

  it('has a card processor export whose newest payment is more than four days old', async () => {
    const read = await readUpstream(dir, 'card-payments');
    const payments = read.records as PaymentRecord[];
    expect(payments).toHaveLength(12);
    expect(read.problems).toEqual([]);
    const newest = Math.max(...payments.map((p) => Date.parse(p.updatedAt!)));
    expect(NOW.getTime() - newest).toBeGreaterThan(4 * DAY);
  });

  it('writes QuickBooks entities the QuickBooks mappers accept without a problem', () => {
    const ctx = { source: 'quickbooks', resourceBase: 'http://127.0.0.1/v3/company/1', defaultCountry: 'US' as const };
    const load = (name: string) => JSON.parse(readFileSync(path.join(dir, 'quickbooks', `${name}.json`), 'utf8')) as unknown[];
    const problems = [
      ...load('Customer').map((c) => mapCustomer(c, ctx).problem),
      ...load('Invoice').map((i) => mapInvoice(i, ctx).problem),
      ...load('Payment').map((p) => mapPayment(p, ctx).problem),
      ...load('Deposit').map((d) => mapDeposit(d, ctx).problem),
      ...load('Account').map((a) => mapAccount(a, ctx).problem),
    ].filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it('books the card fee on every deposit that carries card payments but one', () => {
    const deposits = demo.quickbooks['Deposit.json'] as Array<{
      Id: string;
      TotalAmt: number;
      Line: Array<{ Amount: number; LinkedTxn?: unknown[] }>;
    }>;
    const gap = deposits.filter((d) => Math.round(d.Line.reduce((n, l) => n + l.Amount, 0) * 100) !== Math.round(d.TotalAmt * 100));
    expect(gap.map((d) => d.Id)).toEqual([demo.expected.find((e) => e.ruleId === 'deposit-fee-gap')!.sourceId]);
  });
});

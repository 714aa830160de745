import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemo, type DemoData } from '../../demo/generate';
import { nameSimilarity } from '../../src/trace/similarity';

const NOW = new Date('2026-11-18T15:00:00Z');
const demo = generateDemo({ now: NOW });

function rows(data: DemoData, file: string): Array<Record<string, string>> {
  return parse(data.upstream[file]!, { columns: true }) as Array<Record<string, string>>;
}

function wire(data: DemoData, file: string): Array<Record<string, unknown>> {
  return data.quickbooks[file] as Array<Record<string, unknown>>;
}

describe('the demo company generator', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the same company for the same anchor date and seed', () => {
    expect(generateDemo({ now: NOW, seed: 7 })).toEqual(generateDemo({ now: NOW, seed: 7 }));
  });

  it('is a different company for another seed', () => {
    const other = generateDemo({ now: NOW, seed: 8 });
    expect(other.upstream['fieldpro/customers.csv']).not.toEqual(demo.upstream['fieldpro/customers.csv']);
    expect(other.quickbooks['Invoice.json']).not.toEqual(demo.quickbooks['Invoice.json']);
  });

  it('depends on neither the clock nor an unseeded random source', () => {
    const honest = generateDemo({ now: NOW, seed: 3 });
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    // luxon asks for the time while building dates; what it is must not change the data.
    vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2001-01-01T00:00:00Z'));
    expect(generateDemo({ now: NOW, seed: 3 })).toEqual(honest);
  });

  it('has about 200 customers, 320 jobs, 300 invoices and 250 payments', () => {
    for (const seed of [undefined, 1, 2]) {
      const { counts } = generateDemo({ now: NOW, seed });
      expect(counts.customers).toBeGreaterThanOrEqual(195);
      expect(counts.customers).toBeLessThanOrEqual(215);
      expect(counts.jobs).toBeGreaterThanOrEqual(300);
      expect(counts.jobs).toBeLessThanOrEqual(350);
      expect(counts.invoices).toBeGreaterThanOrEqual(270);
      expect(counts.invoices).toBeLessThanOrEqual(330);
      expect(counts.payments).toBeGreaterThanOrEqual(210);
      expect(counts.payments).toBeLessThanOrEqual(290);
    }
  });

  it('spreads the invoices over the 60 days before the anchor date', () => {
    const issued = rows(demo, 'fieldpro/invoices.csv').map((r) => Date.parse(r['issued_at']!));
    expect(Math.max(...issued)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...issued)).toBeGreaterThanOrEqual(NOW.getTime() - 61 * 86_400_000);
    expect(Math.min(...issued)).toBeLessThan(NOW.getTime() - 50 * 86_400_000);
  });

  it('writes money as plain decimals in the exports and as numbers in QuickBooks', () => {
    const totals = rows(demo, 'fieldpro/invoices.csv').map((r) => r['total']!);
    expect(totals.filter((t) => !/^\d+\.\d{2}$/.test(t))).toEqual(['12,3O.00']);
    for (const inv of wire(demo, 'Invoice.json')) {
      expect(typeof inv['TotalAmt']).toBe('number');
      expect(Math.round((inv['TotalAmt'] as number) * 100)).toBeCloseTo((inv['TotalAmt'] as number) * 100, 6);
    }
  });

  it('injects every row of the failure catalogue, with rule ids the shipped rules define', () => {
    expect(new Set(demo.expected.map((e) => e.row))).toEqual(new Set([0, ...Array.from({ length: 15 }, (_, i) => i + 1)]));
    const rules = readFileSync(new URL('../../rules/default.yaml', import.meta.url), 'utf8');
    for (const e of demo.expected) expect(rules).toContain(`- id: ${e.ruleId}\n`);
    expect(demo.expected.filter((e) => e.ruleId === 'malformed-record')).toHaveLength(1);
    expect(demo.expected.find((e) => e.side === 'source')).toMatchObject({
      ruleId: 'stale-source',
      source: 'card-payments',
      sourceId: 'card-payments',
    });
  });

  it('names, for every expected finding, a record that exists on its side', () => {
    const upstreamIds = (source: string) =>
      new Set(
        Object.keys(demo.upstream)
          .filter((f) => f.startsWith(`${source}/`))
          .flatMap((f) => rows(demo, f).map((r) => r['id'])),
      );
    const qboIds = new Set(
      ['Customer.json', 'Invoice.json', 'Payment.json', 'Deposit.json'].flatMap((f) => wire(demo, f).map((e) => e['Id'])),
    );
    for (const e of demo.expected) {
      if (e.side === 'source') expect(Object.keys(demo.upstream).some((f) => f.startsWith(`${e.source}/`))).toBe(true);
      else if (e.side === 'quickbooks') expect(qboIds.has(e.sourceId), `${e.ruleId} ${e.sourceId}`).toBe(true);
      else expect(upstreamIds(e.source).has(e.sourceId), `${e.ruleId} ${e.sourceId}`).toBe(true);
    }
  });

  it('has no two customers that look alike, except the injected duplicate', () => {
    const customers = rows(demo, 'fieldpro/customers.csv').filter((c) => c['active'] === 'true');
    const names = customers.map((c) => c['name']!);
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++)
        expect(nameSimilarity(names[i]!, names[j]!), `${names[i]} / ${names[j]}`).toBeLessThan(0.8);
    }
    expect(new Set(customers.map((c) => c['email'])).size).toBe(customers.length);
    expect(new Set(customers.map((c) => c['phone'])).size).toBe(customers.length);
    const qbo = wire(demo, 'Customer.json');
    const shared = qbo.filter((c) =>
      qbo.some(
        (d) => d !== c && (d['PrimaryEmailAddr'] as { Address: string }).Address === (c['PrimaryEmailAddr'] as { Address: string }).Address,
      ),
    );
    expect(shared.map((c) => c['DisplayName']).sort()).toEqual(['Dana Whitfeld', 'Dana Whitfield']);
  });

  it('links every synced invoice and payment through the sync id in PrivateNote', () => {
    const upstreamInvoices = new Set(rows(demo, 'fieldpro/invoices.csv').map((r) => r['id']));
    const linked = wire(demo, 'Invoice.json').filter((i) => typeof i['PrivateNote'] === 'string');
    for (const inv of linked) expect(inv['PrivateNote']).toMatch(/^FieldPro invoice \S+ · job J-\d+$/);
    // Only the invoice deleted in FieldPro points at an id the export no longer has.
    expect(linked.filter((i) => !upstreamInvoices.has(/FieldPro invoice (\S+)/.exec(i['PrivateNote'] as string)![1]))).toHaveLength(1);
    for (const p of wire(demo, 'Payment.json')) expect(p['PrivateNote']).toMatch(/^(FieldPro|Card) payment \S+$/);
  });
});

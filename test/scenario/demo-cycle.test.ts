import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../demo/generate';
import type { Finding } from '../../src/domain/finding';
import type { RecommendedAction } from '../../src/classify/classification';
import type { Severity } from '../../src/config/schema';
import { startDemo, type DemoHarness } from './harness';

// Mid-month, so the books-close window (close day 5) does not make everything urgent.
const NOW = new Date('2026-11-18T15:00:00Z');

/**
 * Where the decision tree lands on a first occurrence of each injected failure (CATALOGUE.md),
 * given the evidence the demo injects.
 */
const LANDS_ON: Record<string, [RecommendedAction, Severity]> = {
  // both duplicates carry open balances: urgent, cause not yet known
  'duplicate-customer': ['diagnostic_review', 'high'],
  // the sync error (6240 name clash) is the cause
  'missing-customer': ['fix_normal_course', 'medium'],
  'duplicate-invoice-number': ['stabilization_sprint', 'critical'],
  'mismatch-invoice-tax': ['monitor', 'low'],
  'unapplied-payment': ['diagnostic_review', 'high'],
  'mismatch-invoice-balance': ['diagnostic_review', 'medium'],
  'undeposited-payment': ['diagnostic_review', 'medium'],
  'deposit-fee-gap': ['diagnostic_review', 'medium'],
  // one unmapped business unit is behind every one of them
  'incomplete-invoice-class': ['fix_normal_course', 'medium'],
  'mismatch-invoice-class': ['diagnostic_review', 'medium'],
  // the customer is billed for a void invoice
  'mismatch-invoice-status': ['diagnostic_review', 'high'],
  'late-invoice': ['monitor', 'low'],
  'late-payment': ['monitor', 'low'],
  'mismatch-invoice-amount': ['diagnostic_review', 'medium'],
  'mismatch-customer-contact': ['diagnostic_review', 'medium'],
  'stale-source': ['stabilization_sprint', 'critical'],
  'incomplete-invoice-zero': ['diagnostic_review', 'medium'],
  'uninvoiced-job': ['diagnostic_review', 'medium'],
  'malformed-record': ['diagnostic_review', 'medium'],
  // hand-typed invoices: occasional, low impact
  'orphan-invoice': ['monitor', 'low'],
  // deleted upstream, still open in QuickBooks: the customer is billed for nothing
  'deleted-upstream-invoice': ['diagnostic_review', 'high'],
};

describe('the embedded default, one whole cycle over the demo company', () => {
  let h: DemoHarness;
  let findings: Finding[];
  let lowNotPosted: number;
  const demo = generateDemo({ now: NOW });

  beforeAll(async () => {
    h = await startDemo(NOW);
    const first = await h.service.runOnce();
    findings = first.cycle.findings;
    lowNotPosted = first.cycle.lowNotPosted;
  }, 60_000);
  afterAll(async () => h?.close());

  const matches = (f: Finding, e: (typeof demo.expected)[number]) =>
    f.ruleId === e.ruleId && (f.subject.sourceId === e.sourceId || f.related.some((r) => r.sourceId === e.sourceId));

  it('finds every failure injected into the demo', () => {
    const missed = demo.expected.filter((e) => !findings.some((f) => matches(f, e)));
    expect(missed).toEqual([]);
  });

  it('finds nothing that was not injected', () => {
    const extra = findings.filter((f) => !demo.expected.some((e) => matches(f, e))).map((f) => `${f.ruleId}: ${f.summary}`);
    expect(extra).toEqual([]);
  });

  it('covers every row of the failure catalogue', () => {
    expect(new Set(demo.expected.map((e) => e.row).filter((row) => row > 0))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 1)));
  });

  it('classifies each incident where the decision tree says it lands', async () => {
    const incidents = await h.booted.store.loadIncidents('demo');
    const got = Object.fromEntries(
      incidents.map((i) => [
        i.groupKey === 'all' ? i.ruleId : `${i.ruleId} · ${i.groupKey}`,
        [i.classification.action, i.classification.severity],
      ]),
    );
    for (const [key, [action, severity]] of Object.entries(got)) {
      const rule = key.split(' · ')[0]!;
      if (rule === 'missing-invoice') continue;
      expect([key, action, severity]).toEqual([key, ...LANDS_ON[rule]!]);
    }
    const missingByCause = incidents.filter((i) => i.ruleId === 'missing-invoice');
    expect(missingByCause.map((i) => i.groupKey).sort()).toEqual([
      'customer "Smith and Sons Plumbing Supply" not in QuickBooks',
      'item "A/C Tune Up Plus" not mapped in QuickBooks',
    ]);
    for (const i of missingByCause) expect(i.classification.action).toMatch(/fix_normal_course|stabilization_sprint/);
  });

  it('prints each alert once, as a parent with its thread, and nothing for low-severity incidents', async () => {
    const text = h.takeOutput();
    expect(text).toContain('[CRITICAL]');
    expect(text).toContain('Invoice number used twice in QuickBooks');
    expect(text).toContain('Why: ');
    expect(text).not.toContain('Sales tax differs between systems');
    const parents = text.match(/^\[(CRITICAL|HIGH|MEDIUM|LOW)\] #\d+/gm) ?? [];
    expect(new Set(parents).size).toBe(parents.length);
  });

  it('counts the low-severity incidents it kept out of chat, so the first poll can say so', async () => {
    const low = (await h.booted.store.loadIncidents('demo')).filter((i) => i.classification.severity === 'low' && i.status !== 'resolved');
    expect(low.length).toBeGreaterThan(0);
    expect(lowNotPosted).toBe(low.length);
  });

  it('posts nothing new when run again on unchanged data', async () => {
    h.takeOutput();
    const again = await h.service.runOnce();
    expect(again.cycle.planned).toBe(0);
    expect(h.takeOutput()).toBe('');
  });

  it('threads a fix into the incident and resolves it after two clean polls', async () => {
    const file = path.join(h.demoDir, 'upstream', 'fieldpro', 'invoices.csv');
    const csv = readFileSync(file, 'utf8');
    const bad = demo.expected.find((e) => e.ruleId === 'malformed-record')!;
    const fixed = csv
      .split('\n')
      .map((line) => (line.startsWith(`${bad.sourceId},`) ? line.replace('12,3O.00', '123.00').replace('"123.00"', '123.00') : line))
      .join('\n');
    expect(fixed).not.toBe(csv);
    writeFileSync(file, fixed);
    h.takeOutput();
    await h.service.runOnce();
    const first = h.takeOutput();
    expect(first).toMatch(/1 fixed/);
    await h.service.runOnce();
    const second = h.takeOutput();
    expect(second).toMatch(/Resolved after/);
    const incidents = await h.booted.store.loadIncidents('demo');
    expect(incidents.find((i) => i.ruleId === 'malformed-record')?.status).toBe('resolved');
  });

  it("does what the README's suggested edit says: the void incident threads the fix, resolves a run later, and nothing new opens", async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(
      '"Invoice void in one system, active in the other" names and set its status to `open` and its balance to its total',
    );
    const voided = demo.expected.find((e) => e.ruleId === 'mismatch-invoice-status')!;
    const file = path.join(h.demoDir, 'upstream', 'fieldpro', 'invoices.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const at = (name: string) => header.indexOf(name);
    const row = lines.findIndex((line) => line.startsWith(`${voided.sourceId},`));
    const cells = lines[row]!.split(',');
    expect(cells[at('status')]).toBe('void');
    cells[at('status')] = 'open';
    cells[at('balance')] = cells[at('total')]!;
    lines[row] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const before = await h.booted.store.loadIncidents('demo');
    const open = (list: typeof before) => list.filter((i) => i.status !== 'resolved').map((i) => i.id);
    const incident = before.find((i) => i.ruleId === 'mismatch-invoice-status')!;
    h.takeOutput();
    await h.service.runOnce();
    expect(h.takeOutput()).toContain(`#${incident.number} updated`);
    await h.service.runOnce();
    expect(h.takeOutput()).toContain(`#${incident.number} Invoice void in one system, active in the other — RESOLVED`);
    const after = await h.booted.store.loadIncidents('demo');
    expect(after.find((i) => i.id === incident.id)?.status).toBe('resolved');
    expect(open(after).filter((id) => !open(before).includes(id))).toEqual([]);
  });
});

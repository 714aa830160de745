// Twelve weeks of a synthetic company, each week's snapshot stored in SQLite (closed and reopened
// before the last week, as a restart would), and week 12's digest checked figure by figure.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../adapters/storage/digest-store';
import { openSqliteStore, type SqliteStore } from '../../adapters/storage/sqlite-store';
import { computeSnapshot } from '../../src/digest/compute-snapshot';
import { viewWithHistory } from '../../src/digest/run-digest';
import type { DigestSnapshot } from '../../src/digest/snapshot';
import type { DigestView } from '../../src/digest/view';
import { COMPANY, ZONE } from '../builders/incidents';
import { nowOf, weekInput, weekOf, WEEK12 } from './history';

let view: DigestView;
let week12: DigestSnapshot;
let week11: DigestSnapshot;
let store: SqliteStore;

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'digest-history-')), 'sentinel.db');
  const first = openSqliteStore(file);
  const firstDigests = openDigestStore(first);
  for (let w = 1; w <= 11; w++) await firstDigests.saveSnapshot(computeSnapshot(weekInput(w)), nowOf(w).toISOString());
  await first.close();

  store = openSqliteStore(file);
  const digests = openDigestStore(store);
  week12 = computeSnapshot(weekInput(12));
  await digests.saveSnapshot(week12, WEEK12.toISOString());
  const stored = await digests.loadSnapshots(COMPANY, weekOf(1));
  week11 = stored.find((s) => s.week === weekOf(11))!;
  view = viewWithHistory('Acme HVAC', ZONE, week12, stored, WEEK12);
});

afterAll(async () => {
  await store.close();
});

describe('the weekly digest over a twelve-week history', () => {
  it('keeps one snapshot per week across a restart', async () => {
    const all = await openDigestStore(store).loadSnapshots(COMPANY, weekOf(1));
    expect(all.map((s) => s.week)).toEqual(Array.from({ length: 12 }, (_, i) => weekOf(i + 1)));
    expect(week12.week).toBe('2026-W14');
    expect(view.period).toBe('Mar 26 – Apr 2, 2026');
  });

  it('scores health 37/100 (critical), down 46, and says what moved it', () => {
    expect(week11.health).toEqual({ score: 83, band: 'watch', parts: { trust: 10, incidents: 4.5, money: 3, cleanup: 0 } });
    expect(week12.health).toEqual({ score: 37, band: 'critical', parts: { trust: 30, incidents: 19.5, money: 11, cleanup: 3 } });
    expect(view.health).toEqual({
      score: 37,
      band: 'critical',
      bandLabel: 'Critical',
      change: '−46',
      movers: [
        'Trust −20.0 (95.0% → 85.0% reconciled)',
        'Open incidents −15.0 (3 → 5 open)',
        'Money at risk −8.0 ($300.00 → $1,100.00 at risk)',
        'Manual cleanup −3.0 (0 → 2 corrected by hand)',
      ],
    });
  });

  it('counts 85% of invoiced revenue as trusted: one invoice missing, one wrong total, one payment not applied', () => {
    expect(week12.trust).toEqual({ invoices: 20, invoicedCents: 1_000_000, matchedInvoices: 17, matchedCents: 850_000, share: 0.85 });
    expect(view.trust).toEqual({
      label: 'Numbers you can trust',
      value: '85.0% of revenue reconciled end to end',
      change: '−10.0 pts',
      detail: '$8,500.00 of $10,000.00 invoiced upstream (17 of 20 invoices) matches QuickBooks',
    });
  });

  it('splits money at risk by age and location, leaving out held-back findings', () => {
    expect(week12.moneyAtRisk).toEqual({
      totalCents: 110_000,
      byAge: { '0-1d': 50_000, '1-3d': 30_000, '3-7d': 20_000, '7d+': 10_000 },
      byLocation: [
        { location: 'Austin', cents: 70_000 },
        { location: 'Dallas', cents: 30_000 },
        { location: 'no location', cents: 10_000 },
      ],
    });
    expect(view.moneyAtRisk.value).toBe('$1,100.00');
    expect(view.moneyAtRisk.change).toBe('+$800.00');
    expect(view.moneyAtRisk.byAge).toEqual([
      { label: 'under 1 day', value: '$500.00' },
      { label: '1–3 days', value: '$300.00' },
      { label: '3–7 days', value: '$200.00' },
      { label: 'over 7 days', value: '$100.00' },
    ]);
  });

  it('counts incidents new, resolved, still open and recurring, with mean time to resolve and the oldest open', () => {
    expect(week12.incidents).toEqual({
      opened: 2,
      resolved: 2,
      open: 5,
      recurring: 2,
      bySeverity: { critical: 1, high: 1, medium: 2, low: 1 },
      meanTimeToResolveMs: 3.5 * 86_400_000,
      everResolved: true,
      oldestOpen: {
        number: 2,
        title: 'Payment not applied',
        openedAt: new Date(WEEK12.getTime() - 30 * 86_400_000).toISOString(),
        since: new Date(WEEK12.getTime() - 30 * 86_400_000).toISOString(),
        ageMs: 30 * 86_400_000,
      },
    });
    expect(week11.incidents.meanTimeToResolveMs).toBe(4.5 * 86_400_000);
    expect(view.incidents.value).toBe('5 open');
    expect(view.incidents.change).toBe('+2');
    expect(view.incidents.lines).toEqual([
      { label: 'New', value: '2 (+1)' },
      { label: 'Resolved', value: '2 (same as last week)' },
      { label: 'Still open', value: '5 (+2)' },
      { label: 'Recurring', value: '2 (+1)' },
      { label: 'Mean time to resolve', value: '3.5 days' },
      { label: 'Oldest open', value: '#2 Payment not applied, 4 weeks' },
    ]);
  });

  it('counts corrections made by hand in QuickBooks, their hours, and those just before the close', () => {
    expect(week12.cleanup).toEqual({ corrections: 2, beforeClose: 1, minutes: 90 });
    expect(week11.cleanup).toEqual({ corrections: 0, beforeClose: 0, minutes: 0 });
    expect(view.cleanup).toEqual({
      label: 'Manual cleanup',
      value: '2 records corrected by hand ≈ 1.5 h',
      change: '+2',
      detail: '1 in the days before month-end close',
    });
  });

  it('sets findings per 1,000 records against volume over the last eight weeks', () => {
    expect(week12.growth.weeks.map((w) => [w.week, w.findings, w.records, w.per1000])).toEqual([
      [weekOf(5), 16, 1500, 10.67],
      [weekOf(6), 19, 1600, 11.88],
      [weekOf(7), 22, 1700, 12.94],
      [weekOf(8), 25, 1800, 13.89],
      [weekOf(9), 28, 1900, 14.74],
      [weekOf(10), 31, 2000, 15.5],
      [weekOf(11), 34, 2100, 16.19],
      [weekOf(12), 37, 2200, 16.82],
    ]);
    expect(week12.growth.rising).toBe(true);
    expect(view.growth.value).toBe('16.8 findings per 1,000 records (2,200 records)');
    expect(view.growth.change).toBe('+0.6');
    expect(view.growth.detail).toBe(
      'Rising with volume: 12.3 → 15.8 findings per 1,000 records while weekly volume went 1,650 → 2,050 (first 4 weeks against last 4)',
    );
  });

  it('names the top three problems with their action, fix and path', () => {
    expect(view.top).toEqual([
      {
        title: '#5 Invoice number used twice in QuickBooks',
        severity: 'critical',
        money: '$500.00',
        findings: 1,
        action: 'Stabilization Sprint',
        path: 'occasional · affects billing · cause known · urgent → Stabilization Sprint',
        fix: 'Renumber the hand-made invoice',
      },
      expect.objectContaining({ title: '#4 Customer entered twice · Dallas', severity: 'high', money: '$300.00', action: 'Systems Audit' }),
      expect.objectContaining({
        title: '#1 Invoice missing from QuickBooks · Austin',
        severity: 'medium',
        money: '$200.00',
        action: 'Run a diagnostic review',
        fix: 'Map the item in the sync settings',
        findings: 2,
      }),
    ]);
    expect(view.top[1]).not.toHaveProperty('fix');
  });

  it('recommends a Growth Systems Review naming all four signals', () => {
    expect(view.recommendation.requestReview).toBe(true);
    expect(view.recommendation.headline).toBe(
      'Request a Growth Systems Review: 4 of 4 signals fired (the issue is recurring; the numbers are not trusted; manual cleanup before decisions; growth makes it costlier).',
    );
    expect(view.recommendation.signals.map((s) => [s.id, s.fired, s.detail])).toEqual([
      ['recurring', true, '2 open incidents keep coming back'],
      ['not_trusted', true, '85.0% of $10,000.00 invoiced reconciles end to end (bar: 97%)'],
      ['manual_cleanup', true, '2 records corrected by hand (≈1.5 h), 1 in the days before close'],
      ['growth', true, week12.growth.detail],
    ]);
    // Week 11: trust below the bar, a recurring incident and rising growth, but no cleanup by hand.
    expect(week11.recommendation.signals.map((s) => s.fired)).toEqual([true, true, false, true]);
  });

  it('draws the trend from the stored weeks: open incidents by severity and money at risk', () => {
    const calm = { critical: 0, high: 0, medium: 2, low: 1 };
    expect(view.trend.map((p) => p.week)).toEqual([5, 6, 7, 8, 9, 10, 11, 12].map(weekOf));
    expect(view.trend.every((p) => p.hasData)).toBe(true);
    expect(view.trend.map((p) => p.bySeverity)).toEqual([
      calm,
      calm,
      calm,
      calm,
      calm,
      { ...calm, high: 1 },
      calm,
      { critical: 1, high: 1, medium: 2, low: 1 },
    ]);
    expect(view.trend.map((p) => p.moneyAtRiskCents)).toEqual([30_000, 30_000, 30_000, 30_000, 30_000, 60_000, 30_000, 110_000]);
  });
});

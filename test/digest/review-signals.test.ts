// The Growth Systems Review: each of the seed's four signals, on and off, and the verdict they give.
import { describe, expect, it } from 'vitest';
import { recommend, type ReviewSettings } from '../../src/digest/recommend';
import { computeGrowth } from '../../src/digest/growth';
import type { CleanupFigures, GrowthFigures, IncidentFigures, TrustFigures } from '../../src/digest/snapshot';
import type { WeeklyRuleStat } from '../../src/ports/store';

const SETTINGS: ReviewSettings = { trustBelowPercent: 97, cleanupHoursOver: 2 };

const trusted = (share: number | null): TrustFigures => ({
  invoices: 10,
  invoicedCents: share === null ? 0 : 1_000_000,
  matchedInvoices: 10,
  matchedCents: share === null ? 0 : Math.round(share * 1_000_000),
  share,
});
const incidents = (recurring: number): IncidentFigures => ({
  opened: 0,
  resolved: 0,
  open: recurring,
  recurring,
  bySeverity: { critical: 0, high: 0, medium: recurring, low: 0 },
  meanTimeToResolveMs: null,
  oldestOpen: null,
});
const cleanup = (corrections: number, beforeClose: number, minutesEach = 15): CleanupFigures => ({
  corrections,
  beforeClose,
  minutes: corrections * minutesEach,
});
const flat: GrowthFigures = { weeks: [], rising: false, detail: 'steady' };
const calm = () => recommend(trusted(0.995), incidents(0), cleanup(0, 0), flat, SETTINGS);
const fired = (r: ReturnType<typeof recommend>) => r.signals.filter((s) => s.fired).map((s) => s.id);

function stats(rows: Array<[records: number, findings: number]>): WeeklyRuleStat[] {
  return rows.map(([records, findings], i) => ({
    companyId: 'c',
    week: `2026-W${String(10 + i).padStart(2, '0')}`,
    ruleId: 'r',
    findings,
    records,
  }));
}

describe('the Growth Systems Review recommendation', () => {
  it('asks for no review when none of the four signals fired', () => {
    const r = calm();
    expect(r.requestReview).toBe(false);
    expect(fired(r)).toEqual([]);
  });

  it('fires "recurring" when an open incident keeps coming back, and only then', () => {
    expect(fired(recommend(trusted(0.995), incidents(1), cleanup(0, 0), flat, SETTINGS))).toEqual(['recurring']);
    expect(recommend(trusted(0.995), incidents(1), cleanup(0, 0), flat, SETTINGS).signals[0]!.detail).toBe(
      '1 open incident keeps coming back',
    );
    expect(fired(calm())).not.toContain('recurring');
  });

  it('fires "numbers not trusted" below the configured share of revenue reconciled end to end', () => {
    const low = recommend(trusted(0.969), incidents(0), cleanup(0, 0), flat, SETTINGS);
    expect(fired(low)).toEqual(['not_trusted']);
    expect(low.requestReview).toBe(true);
    expect(fired(recommend(trusted(0.97), incidents(0), cleanup(0, 0), flat, SETTINGS))).toEqual([]);
    expect(fired(recommend(trusted(0.9), incidents(0), cleanup(0, 0), flat, { ...SETTINGS, trustBelowPercent: 85 }))).toEqual([]);
    // Nothing invoiced yet: nothing to distrust.
    expect(fired(recommend(trusted(null), incidents(0), cleanup(0, 0), flat, SETTINGS))).toEqual([]);
  });

  it('fires "manual cleanup" for any correction by hand just before the close, or for hours over the bar', () => {
    expect(fired(recommend(trusted(1), incidents(0), cleanup(1, 1), flat, SETTINGS))).toEqual(['manual_cleanup']);
    expect(fired(recommend(trusted(1), incidents(0), cleanup(8, 0), flat, SETTINGS))).toEqual(['manual_cleanup']);
    expect(fired(recommend(trusted(1), incidents(0), cleanup(7, 0), flat, SETTINGS))).toEqual([]);
    expect(fired(recommend(trusted(1), incidents(0), cleanup(0, 0), flat, SETTINGS))).toEqual([]);
  });

  it('fires "growth" when findings per 1,000 records rise while volume rises, not when only one of them does', () => {
    const rising = computeGrowth(
      stats([
        [1000, 5],
        [1100, 6],
        [1200, 8],
        [1300, 10],
      ]),
      '2026-W01',
      '2026-W53',
    );
    expect(rising.rising).toBe(true);
    expect(fired(recommend(trusted(1), incidents(0), cleanup(0, 0), rising, SETTINGS))).toEqual(['growth']);

    const moreVolumeSameRate = computeGrowth(
      stats([
        [1000, 10],
        [1100, 11],
        [1200, 12],
        [1300, 13],
      ]),
      '2026-W01',
      '2026-W53',
    );
    const worseRateLessVolume = computeGrowth(
      stats([
        [1300, 5],
        [1200, 6],
        [1100, 8],
        [1000, 10],
      ]),
      '2026-W01',
      '2026-W53',
    );
    const tooShort = computeGrowth(
      stats([
        [1000, 5],
        [1100, 6],
        [1200, 8],
      ]),
      '2026-W01',
      '2026-W53',
    );
    for (const g of [moreVolumeSameRate, worseRateLessVolume, tooShort]) {
      expect(g.rising).toBe(false);
      expect(fired(recommend(trusted(1), incidents(0), cleanup(0, 0), g, SETTINGS))).toEqual([]);
    }
    expect(tooShort.detail).toBe('3 of 4 weeks of history needed for a trend');
  });
});

// The trend chart: a real PNG of the expected size, with the bars and the money line in it.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, MONEY_COLOR, SEVERITY_COLORS } from '../../src/digest/chart-svg';
import { renderTrendChart } from '../../src/digest/render-chart';
import type { TrendPoint } from '../../src/digest/view';

const week = (i: number, bySeverity: TrendPoint['bySeverity'], money: number, hasData = true): TrendPoint => ({
  week: `2026-W${String(7 + i).padStart(2, '0')}`,
  hasData,
  bySeverity,
  moneyAtRiskCents: money,
});

const TREND: TrendPoint[] = [
  week(0, { critical: 0, high: 0, medium: 0, low: 0 }, 0, false),
  week(1, { critical: 0, high: 1, medium: 2, low: 1 }, 30_000),
  week(2, { critical: 0, high: 1, medium: 3, low: 1 }, 45_000),
  week(3, { critical: 1, high: 1, medium: 3, low: 2 }, 80_000),
  week(4, { critical: 1, high: 2, medium: 2, low: 2 }, 120_000),
  week(5, { critical: 2, high: 2, medium: 4, low: 1 }, 150_000),
  week(6, { critical: 1, high: 3, medium: 4, low: 3 }, 110_000),
  week(7, { critical: 2, high: 3, medium: 5, low: 2 }, 190_000),
];

function decode(png: Buffer): PNG {
  return PNG.sync.read(png);
}

/** Pixels within a small distance of `hex` (anti-aliased edges are not counted). */
function countColor(img: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (Math.abs(img.data[i]! - r!) <= 6 && Math.abs(img.data[i + 1]! - g!) <= 6 && Math.abs(img.data[i + 2]! - b!) <= 6) n++;
  }
  return n;
}

describe('the eight-week trend chart', () => {
  it('is a valid PNG of 960×480 named for the week', () => {
    const chart = renderTrendChart({ trend: TREND, week: '2026-W14', companyName: 'Acme HVAC' });
    expect(chart.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const img = decode(chart.png);
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(chart.fileName).toBe('sync-digest-2026-W14.png');
  });

  it('draws a bar segment for every severity and the money-at-risk line, on a white background', () => {
    const img = decode(renderTrendChart({ trend: TREND, week: '2026-W14', companyName: 'Acme HVAC' }).png);
    const total = img.width * img.height;
    expect(countColor(img, '#ffffff')).toBeGreaterThan(total * 0.5);
    for (const color of Object.values(SEVERITY_COLORS)) expect(countColor(img, color)).toBeGreaterThan(500);
    expect(countColor(img, MONEY_COLOR)).toBeGreaterThan(300);
  });

  it('grows the critical segment with the number of critical incidents', () => {
    const quiet = decode(
      renderTrendChart({ trend: TREND.map((p) => ({ ...p, bySeverity: { ...p.bySeverity, critical: 0 } })), week: 'W', companyName: 'A' })
        .png,
    );
    const loud = decode(renderTrendChart({ trend: TREND, week: 'W', companyName: 'A' }).png);
    // The legend swatch is the only critical red left when no week has a critical incident.
    expect(countColor(quiet, SEVERITY_COLORS.critical)).toBeLessThan(250);
    expect(countColor(loud, SEVERITY_COLORS.critical)).toBeGreaterThan(countColor(quiet, SEVERITY_COLORS.critical) * 10);
  });

  it('still renders a chart for a company with no history yet', () => {
    const empty = TREND.map((p) => ({
      ...p,
      hasData: false,
      bySeverity: { critical: 0, high: 0, medium: 0, low: 0 },
      moneyAtRiskCents: 0,
    }));
    const img = decode(renderTrendChart({ trend: empty, week: 'W', companyName: 'A' }).png);
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    expect(countColor(img, SEVERITY_COLORS.medium)).toBeLessThan(250);
  });
});

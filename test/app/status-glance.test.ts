import { describe, expect, it } from 'vitest';
import { buildGlance, type GlanceInput } from '../../src/portfolio/glance';
import { renderGlanceText } from '../../src/portfolio/render-text';
import { statusView } from '../builders/status';

const NOW = new Date('2026-11-18T15:00:00Z');
const company = (id: string, view: Parameters<typeof statusView>[0]): GlanceInput => ({
  id,
  name: id.toUpperCase(),
  view: statusView(view),
});

describe('every company at a glance', () => {
  it('lists failing before degraded before healthy, then the most severe open incidents, then the most money at risk', () => {
    const glance = buildGlance(
      [
        company('calm', {}),
        company('rich', { health: 'degraded', open: { medium: 2 }, moneyAtRiskCents: 900_000 }),
        company('poor', { health: 'degraded', open: { medium: 2 }, moneyAtRiskCents: 100 }),
        company('burning', { health: 'failing', open: { low: 1 } }),
        company('sharp', { health: 'degraded', open: { critical: 1 } }),
      ],
      NOW,
    );
    expect(glance.companies.map((c) => c.id)).toEqual(['burning', 'sharp', 'rich', 'poor', 'calm']);
  });

  it('says in one line each: health, open incidents by severity, money at risk and the last poll', () => {
    const text = renderGlanceText(
      buildGlance(
        [
          company('acme', { health: 'failing', open: { critical: 1, medium: 3 }, moneyAtRiskCents: 1_234_500 }),
          company('bravo', { lastPollAt: null }),
        ],
        NOW,
      ),
    );
    const [headline, acme, bravo] = text.split('\n');
    expect(headline).toBe('Sync health of 2 companies: 1 failing, 1 not polled yet · 4 open incidents · $12,345.00 at risk');
    expect(acme).toMatch(/FAILING.*ACME \(acme\) · 4 open \(1 critical, 3 medium\) · \$12,345\.00 at risk · last poll 5 min ago · ok/);
    expect(bravo).toMatch(/not polled yet.*BRAVO \(bravo\) · none open · \$0\.00 at risk · not polled yet/);
  });
});

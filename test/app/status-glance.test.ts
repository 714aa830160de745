import { describe, expect, it } from 'vitest';
import { renderGlanceText, worstFirst, type CompanyGlance } from '../../src/commands/status-glance';
import { statusView } from '../builders/status';

const company = (id: string, view: Parameters<typeof statusView>[0]): CompanyGlance => ({
  id,
  name: id.toUpperCase(),
  view: statusView(view),
});

describe('every company at a glance', () => {
  it('lists failing before degraded before healthy, then the most severe open incidents, then the most money at risk', () => {
    const rows = [
      company('calm', {}),
      company('rich', { health: 'degraded', open: { medium: 2 }, moneyAtRiskCents: 900_000 }),
      company('poor', { health: 'degraded', open: { medium: 2 }, moneyAtRiskCents: 100 }),
      company('burning', { health: 'failing', open: { low: 1 } }),
      company('sharp', { health: 'degraded', open: { critical: 1 } }),
    ].sort(worstFirst);
    expect(rows.map((r) => r.id)).toEqual(['burning', 'sharp', 'rich', 'poor', 'calm']);
  });

  it('says in one line each: health, open incidents by severity, money at risk and the last poll', () => {
    const text = renderGlanceText(
      [
        company('acme', { health: 'failing', open: { critical: 1, medium: 3 }, moneyAtRiskCents: 1_234_500 }),
        company('bravo', { lastPollAt: null }),
      ],
      new Date('2026-11-18T15:00:00Z'),
    );
    expect(text.split('\n')).toEqual([
      '2 companies, worst first (`--company <id>` for one company’s view):',
      'failing  acme (ACME) — 1 critical, 3 medium · $12,345.00 at risk · last poll 5 min ago',
      'healthy  bravo (BRAVO) — no open incidents · $0.00 at risk · not polled yet',
    ]);
  });
});

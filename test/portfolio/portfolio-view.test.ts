// The portfolio view: every company ranked worst first with its week's change, totals across the
// portfolio, the companies not polled yet listed, and the three to look at first with their reasons.
import { describe, expect, it } from 'vitest';
import { buildPortfolioView, CHART_BARS } from '../../src/portfolio/build-portfolio';
import { renderPortfolioText } from '../../src/portfolio/render-text';
import { aCompany, LAST_WEEK, manyCompanies, WEEK } from './portfolios';

const view = (companies: Parameters<typeof buildPortfolioView>[0]['companies']) =>
  buildPortfolioView({ name: 'Northwind Home Services Group', week: WEEK, companies });

describe('the portfolio ranking', () => {
  it('puts the lowest health first', () => {
    const v = view([aCompany('a', { score: 90 }), aCompany('b', { score: 40 }), aCompany('c', { score: 72 })]);
    expect(v.companies.map((c) => [c.rank, c.id, c.health.label])).toEqual([
      [1, 'b', 'Critical'],
      [2, 'c', 'Watch'],
      [3, 'a', 'Healthy'],
    ]);
  });

  it('ranks the company with more money at risk first when health ties', () => {
    const v = view([
      aCompany('small', { score: 60, moneyCents: 10_000 }),
      aCompany('large', { score: 60, moneyCents: 900_000 }),
      aCompany('none', { score: 60 }),
    ]);
    expect(v.companies.map((c) => c.id)).toEqual(['large', 'small', 'none']);
  });

  it('lists a company with no snapshot yet as not polled yet, after the ranked ones, instead of dropping it', () => {
    const v = view([{ id: 'new', name: 'Bravo Plumbing', snapshots: [] }, aCompany('a', { score: 80 })]);
    expect(v.companies.map((c) => c.id)).toEqual(['a']);
    expect(v.pending).toEqual([{ id: 'new', name: 'Bravo Plumbing', note: 'not polled yet' }]);
    expect(v.totals).toMatchObject({ companies: 2, reported: 1, pending: 1 });
    expect(renderPortfolioText(v)).toContain('Bravo Plumbing: not polled yet');
  });

  it('says which week a company last had a digest when it has none this week', () => {
    const stale = {
      id: 'stale',
      name: 'Stale Co',
      snapshots: aCompany('stale', { score: 50 }).snapshots.filter((s) => s.week === LAST_WEEK),
    };
    expect(view([stale]).pending[0]!.note).toBe(`no digest for ${WEEK} (latest ${LAST_WEEK})`);
  });
});

describe('the week change', () => {
  it('shows each figure with an arrow and the size of its move since last week', () => {
    const v = view([
      aCompany(
        'a',
        { score: 61, trust: 0.915, moneyCents: 1_230_000, open: { critical: 1, high: 2 } },
        { score: 66, trust: 0.93, moneyCents: 1_200_000, open: { high: 2 } },
      ),
    ]);
    const a = v.companies[0]!;
    expect(a.health.change).toEqual({ text: '↓ 5', delta: -5, worse: true });
    expect(a.trust).toMatchObject({ value: '91.5%', change: { text: '↓ 1.5 pts', worse: true } });
    expect(a.moneyAtRisk).toMatchObject({ value: '$12,300.00', change: { text: '↑ $300.00', delta: 30_000, worse: true } });
    expect(a.incidents).toMatchObject({ value: '3 open (1 critical, 2 high)', change: { text: '↑ 1', worse: true } });
  });

  it('says "first week" for a company with no earlier digest and "no change" for a figure that held', () => {
    const v = view([aCompany('new', { score: 80 }, null), aCompany('same', { score: 80, moneyCents: 500 })]);
    const byId = new Map(v.companies.map((c) => [c.id, c]));
    expect(byId.get('new')!.moneyAtRisk.change.text).toBe('first week');
    expect(byId.get('same')!.moneyAtRisk.change).toEqual({ text: 'no change', delta: 0, worse: null });
  });

  it('totals the portfolio, trust weighted by revenue, and compares only companies with a digest both weeks', () => {
    const v = view([
      aCompany(
        'big',
        { trust: 0.9, invoicedCents: 9_000_000, moneyCents: 300_000 },
        { trust: 0.9, invoicedCents: 9_000_000, moneyCents: 100_000 },
      ),
      aCompany('small', { trust: 1, invoicedCents: 1_000_000, moneyCents: 50_000 }, null),
    ]);
    expect(v.totals.trust.value).toBe('91.0%');
    expect(v.totals.moneyAtRisk).toMatchObject({ cents: 350_000, value: '$3,500.00', change: { text: '↑ $2,000.00' } });
  });

  it('names the Growth Systems Review signals that fired for each company', () => {
    const v = view([aCompany('a', { score: 50, signals: ['recurring', 'growth'] })]);
    expect(v.companies[0]!.signals.map((s) => s.label)).toEqual(['The issue is recurring', 'Growth makes it costlier']);
    expect(v.totals.reviewRequested).toBe(1);
  });
});

describe('look at first', () => {
  it('names a Stabilization Sprint, the biggest rise in money at risk and the biggest fall in trust, one sentence each', () => {
    const v = view([
      aCompany('worst', { score: 30 }),
      aCompany('sprint', { score: 60, sprint: 'Invoice missing from QuickBooks' }),
      aCompany('money', { score: 80, moneyCents: 900_000 }, { score: 80, moneyCents: 100_000 }),
      aCompany('trust', { score: 82, trust: 0.9 }, { score: 82, trust: 0.96 }),
    ]);
    expect(v.lookFirst).toEqual([
      {
        id: 'sprint',
        name: 'Company sprint',
        reason: 'A Stabilization Sprint is recommended for #12 Invoice missing from QuickBooks (health 60/100, At risk).',
      },
      { id: 'money', name: 'Company money', reason: 'Money at risk rose $8,000.00 this week, to $9,000.00.' },
      { id: 'trust', name: 'Company trust', reason: 'Trust fell 6.0 pts this week, to 90.0% of revenue reconciled.' },
    ]);
  });

  it('fills the rest with the lowest health and its signals, and never names a healthy company with no signal', () => {
    const v = view([
      aCompany('fine', { score: 99 }),
      aCompany('sick', { score: 35, moneyCents: 20_000, signals: ['not_trusted'] }),
      aCompany('meh', { score: 72 }),
    ]);
    expect(v.lookFirst.map((l) => l.id)).toEqual(['sick', 'meh']);
    expect(v.lookFirst[0]!.reason).toBe(
      'Health 35/100 (Critical), ranked 1 of 3 with $200.00 at risk; 1 review signal fired (the numbers are not trusted).',
    );
  });

  it('ignores a rise in money at risk under $100 and a fall in trust under half a point', () => {
    const v = view([aCompany('a', { score: 90, moneyCents: 9_000, trust: 0.97 }, { score: 90, moneyCents: 1_000, trust: 0.974 })]);
    expect(v.lookFirst).toEqual([]);
    expect(renderPortfolioText(v)).toContain('Look at first: nothing stands out this week');
  });

  it('names each company once, for the first reason that picked it', () => {
    const v = view([
      aCompany('a', { score: 40, sprint: 'Duplicate invoices', moneyCents: 900_000 }, { score: 40, moneyCents: 0 }),
      aCompany('b', { score: 70, moneyCents: 500_000 }, { score: 70, moneyCents: 0 }),
    ]);
    expect(v.lookFirst.map((l) => [l.id, l.reason.split(' ')[0]])).toEqual([
      ['a', 'A'],
      ['b', 'Money'],
    ]);
  });
});

describe('the portfolio chart', () => {
  it(`draws the ${CHART_BARS} companies with the most money at risk and counts the rest`, () => {
    const v = view(manyCompanies(30));
    expect(v.chart.bars).toHaveLength(CHART_BARS);
    const cents = v.chart.bars.map((b) => b.cents);
    expect(cents).toEqual([...cents].sort((a, b) => b - a));
    expect(v.chart.figures).toEqual([
      expect.stringMatching(/ at risk across 27 companies$/),
      expect.stringMatching(/^15 more companies: \$[\d,.]+ at risk$/),
      '3 companies without a digest this week',
    ]);
  });
});

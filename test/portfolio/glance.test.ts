// Status at a glance: every company of a deployment on one line, worst first, for `status` without
// --company, /sync-status where no company is implied, and App Home.
import { describe, expect, it } from 'vitest';
import { glanceBlocks } from '../../adapters/slack/render-portfolio';
import { glanceCard } from '../../adapters/teams/cards/portfolio-card';
import { buildGlance } from '../../src/portfolio/glance';
import { renderGlanceText } from '../../src/portfolio/render-text';
import { NOW } from '../builders/clock';
import { blockTexts } from '../proof/support/hostile-text';
import { cardLines } from '../adapters/teams/card-text';
import { aStatusView } from './statuses';

const glance = () =>
  buildGlance(
    [
      { id: 'fresh', name: 'Fresh Co', view: aStatusView({ neverPolled: true }) },
      { id: 'fine', name: 'Fine Co', view: aStatusView({ open: { low: 2 } }) },
      { id: 'high', name: 'High Co', view: aStatusView({ open: { high: 1, medium: 3 }, centsEach: 5_000 }) },
      { id: 'crit', name: 'Critical Co', view: aStatusView({ open: { critical: 1 }, centsEach: 100 }) },
      { id: 'down', name: 'Down Co', view: aStatusView({ failing: true }) },
      { id: 'high2', name: 'Higher Co', view: aStatusView({ open: { high: 1 }, centsEach: 90_000 }) },
      { id: 'unread', name: 'Unread Co', view: null },
    ],
    NOW,
  );

describe('status at a glance', () => {
  it('orders companies worst first: failing (critical incidents before a failing source), degraded by money at risk, healthy, then not polled yet', () => {
    expect(glance().companies.map((c) => [c.id, c.word])).toEqual([
      ['crit', 'FAILING'],
      ['down', 'FAILING'],
      ['high2', 'DEGRADED'],
      ['high', 'DEGRADED'],
      ['fine', 'HEALTHY'],
      ['fresh', 'not polled yet'],
      ['unread', 'not polled yet'],
    ]);
  });

  it('says per company its health word, open incidents by severity, money at risk and last poll', () => {
    const text = renderGlanceText(glance());
    expect(text).toContain(
      'Sync health of 7 companies: 2 failing, 2 degraded, 1 healthy, 2 not polled yet · 8 open incidents · $1,301.00 at risk',
    );
    expect(text).toContain('DEGRADED       High Co (high) · 4 open (1 high, 3 medium) · $200.00 at risk · last poll 5 min ago · ok');
    expect(text).toContain(
      'FAILING        Down Co (down) · none open · $0.00 at risk · last poll 5 min ago · failed: FieldPro answered 503',
    );
    expect(text).toContain('not polled yet Fresh Co (fresh) · none open · $0.00 at risk · not polled yet');
  });

  it('lists the same companies in the same order in Slack and Teams', () => {
    const order = ['Critical Co', 'Down Co', 'Higher Co', 'High Co', 'Fine Co', 'Fresh Co', 'Unread Co'];
    const slack = blockTexts(glanceBlocks(glance())).join('\n');
    const teams = cardLines(glanceCard(glance())).join('\n');
    for (const text of [slack, teams]) {
      const at = order.map((name) => text.indexOf(`${name}`));
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('lists at most the asked number of companies and counts the rest, naming one to ask about', () => {
    const blocks = blockTexts(glanceBlocks(glance(), 3)).join('\n');
    expect(blocks).toContain('+4 more companies (1 failing or degraded, $400.00 at risk): name one to see it, e.g. `/sync-status high`');
    expect(blocks).not.toContain('Fresh Co');
    expect(cardLines(glanceCard(glance(), 3)).join('\n')).toContain('+4 more companies');
  });
});

// The portfolio digest and the status at a glance fit what Slack and Teams accept, at 1, 30 and 200
// companies: the strict fakes' own rules judge every message, and nothing is lost, only moved to the
// thread or counted.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../adapters/slack/block-limits';
import { glanceBlocks, glanceText, renderPortfolioBlocks } from '../../adapters/slack/render-portfolio';
import { TEAMS_LIMITS } from '../../adapters/teams/cards/card-limits';
import { cardBytes } from '../../adapters/teams/cards/elements';
import { glanceCard, renderPortfolioCard } from '../../adapters/teams/cards/portfolio-card';
import { buildPortfolioView } from '../../src/portfolio/build-portfolio';
import { checkBlocks, checkMessage } from '../fakes/slack/block-kit-rules';
import { ADAPTIVE_CARD, checkActivity } from '../fakes/teams/activity-rules';
import { blockTexts } from '../proof/support/hostile-text';
import { cardLines } from '../adapters/teams/card-text';
import { manyCompanies, WEEK } from './portfolios';
import { glanceOf } from './statuses';

const portfolio = (n: number) => buildPortfolioView({ name: 'Northwind Home Services Group', week: WEEK, companies: manyCompanies(n) });
const post = (m: { text: string; blocks: unknown[] }) =>
  checkMessage('chat.postMessage', { channel: 'C0LEADERS', text: m.text, blocks: m.blocks });
const activity = (card: object) => ({
  type: 'message',
  summary: 'Weekly portfolio digest',
  attachments: [{ contentType: ADAPTIVE_CARD, content: card }],
});
const chars = (blocks: unknown[]) => JSON.stringify(blocks).length;

describe.each([1, 30, 200])('a portfolio of %i companies', (n) => {
  const v = portfolio(n);

  it('is a Slack message and thread that chat.postMessage accepts, every company named once in the thread when the main message cannot hold them', () => {
    const { main, thread } = renderPortfolioBlocks(v);
    for (const m of [main, ...thread]) {
      expect(post(m)).toBeNull();
      expect(chars(m.blocks)).toBeLessThanOrEqual(LIMITS.totalBlockChars);
    }
    const mainText = blockTexts(main.blocks).join('\n');
    expect(mainText).toContain('Look at first');
    if (thread.length === 0) {
      for (const c of v.companies) expect(mainText).toContain(`${c.rank}. Company ${c.id.slice(3)} `);
    } else {
      expect(mainText).toMatch(/\+\d+ more companies \(\d+ critical, \d+ at risk, \d+ watch, \d+ healthy\) with \$[\d,.]+ at risk/);
      const threadText = thread.flatMap((m) => blockTexts(m.blocks)).join('\n');
      for (const c of v.companies) expect(threadText).toContain(`*${c.rank}. Company ${c.id.slice(3)} `);
      for (const p of v.pending) expect(threadText).toContain(`Company ${p.id.slice(3)} `);
    }
  });

  it('is a Teams card and follow-ups that the Bot Connector accepts', () => {
    const { card, thread } = renderPortfolioCard(v, { chartUrl: 'https://files.example/portfolio.png' });
    for (const c of [card, ...thread]) {
      expect(checkActivity(activity(c))).toBeNull();
      expect(cardBytes(c)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    }
    const lines = cardLines(card).join('\n');
    expect(lines).toContain('Look at first');
    if (v.companies.length > 15) {
      const all = thread.flatMap((c) => cardLines(c)).join('\n');
      for (const c of v.companies) expect(all).toContain(`${c.rank}. Company ${c.id.slice(3)} `);
    }
  });

  it('fits at a glance in a Slack message, App Home and a Teams card, counting the companies it does not list', () => {
    const g = glanceOf(n);
    const blocks = glanceBlocks(g);
    expect(post({ text: glanceText(g), blocks })).toBeNull();
    expect(checkBlocks(blocks, 'view')).toBeNull();
    expect(chars(blocks)).toBeLessThanOrEqual(LIMITS.totalBlockChars);
    const card = glanceCard(g);
    expect(checkActivity(activity(card))).toBeNull();
    const listed =
      blockTexts(blocks)
        .join('\n')
        .match(/\(`co-\d+`\)/g) ?? [];
    if (listed.length < n) expect(blockTexts(blocks).join('\n')).toContain(`+${n - listed.length} more companies`);
    else expect(listed).toHaveLength(n);
  });
});

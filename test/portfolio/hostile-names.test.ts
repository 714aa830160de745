// Company names are typed by people: a company named "<!channel>" or with a disguised link reaches the
// owner's portfolio digest and the status at a glance as words, on the console, in Slack and in Teams.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glanceBlocks, renderPortfolioBlocks } from '../../adapters/slack/render-portfolio';
import { glanceCard, renderPortfolioCard } from '../../adapters/teams/cards/portfolio-card';
import { buildPortfolioView } from '../../src/portfolio/build-portfolio';
import { buildPortfolioSvg } from '../../src/portfolio/portfolio-chart';
import { renderGlanceText, renderPortfolioText } from '../../src/portfolio/render-text';
import { runs } from '../proof/fuzz/arbitraries';
import {
  blockTexts,
  cardTexts,
  CORPUS,
  hiddenDangers,
  injected,
  markdownElements,
  slackDangers,
  teamsDangers,
} from '../proof/support/hostile-text';
import { checkBlocks, checkMessage } from '../fakes/slack/block-kit-rules';
import { ADAPTIVE_CARD, checkActivity } from '../fakes/teams/activity-rules';
import { manyCompanies, WEEK } from './portfolios';
import { glanceOf } from './statuses';

/** 30 companies, every one named after `s`: the ranking, look-at-first, the thread and the not-polled list all carry it. */
const portfolioNamed = (s: string) =>
  buildPortfolioView({ name: 'Northwind', week: WEEK, companies: manyCompanies(30, (i) => `${s} ${i}`) });
const glanceNamed = (s: string) => glanceOf(30, (i) => `${s} ${i}`);

function slackTexts(s: string): { mrkdwn: string[]; plain: string[] } {
  const { main, thread } = renderPortfolioBlocks(portfolioNamed(s));
  const messages = [main, ...thread];
  const glance = glanceBlocks(glanceNamed(s));
  return {
    mrkdwn: [...messages.flatMap((m) => [m.text, ...blockTexts(m.blocks)]), ...blockTexts(glance)],
    plain: [...messages.flatMap((m) => blockTexts(m.blocks, 'plain_text')), ...blockTexts(glance, 'plain_text')],
  };
}

const teamsCards = (s: string) => {
  const { card, thread } = renderPortfolioCard(portfolioNamed(s));
  return [card, ...thread, glanceCard(glanceNamed(s))];
};

describe('company names in the portfolio digest and at a glance', () => {
  it('reach Slack as words: no mention, hidden or bare link, control character, bidi override or escape sequence', () => {
    fc.assert(
      fc.property(injected, (s) => {
        const { mrkdwn, plain } = slackTexts(s);
        for (const t of mrkdwn) expect(slackDangers(t)).toEqual([]);
        for (const t of plain) expect(hiddenDangers(t)).toEqual([]);
      }),
      runs(25),
    );
  });

  it('reach Teams as words: only TextRuns, no tag, link, card expression, control character or bidi override', () => {
    fc.assert(
      fc.property(injected, (s) => {
        for (const card of teamsCards(s)) {
          expect(markdownElements(card)).toEqual([]);
          for (const t of cardTexts(card)) expect(teamsDangers(t)).toEqual([]);
        }
      }),
      runs(25),
    );
  });

  it('reach the console without terminal escape sequences, control characters or bidi overrides', () => {
    const hidden = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
    for (const s of CORPUS) {
      expect(renderPortfolioText(portfolioNamed(s), '/tmp/chart.png').match(hidden) ?? []).toEqual([]);
      expect(renderGlanceText(glanceNamed(s)).match(hidden) ?? []).toEqual([]);
    }
  });

  it('never make Slack or Teams refuse the message, however long or strange the name', () => {
    for (const s of CORPUS) {
      const { main, thread } = renderPortfolioBlocks(portfolioNamed(s));
      for (const m of [main, ...thread])
        expect(checkMessage('chat.postMessage', { channel: 'C1', text: m.text, blocks: m.blocks })).toBeNull();
      expect(checkBlocks(glanceBlocks(glanceNamed(s)), 'view')).toBeNull();
      for (const card of teamsCards(s))
        expect(checkActivity({ type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: card }] })).toBeNull();
    }
  });

  it('show a name with a mention as the words typed, escaped', () => {
    const slack = slackTexts('<!channel> Plumbing').mrkdwn.join('\n');
    expect(slack).toContain('&lt;!channel&gt; Plumbing 1');
    const teams = teamsCards('<!channel> Plumbing')
      .flatMap((c) => cardTexts(c))
      .join('\n');
    expect(teams).toContain('‹!channel› Plumbing 1');
  });

  it('draw on the chart as escaped text, so a name cannot break the SVG', () => {
    const svg = buildPortfolioSvg(portfolioNamed('<script>alert(1)</script> & "Sons"').chart);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
  });
});

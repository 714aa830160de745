// The Slack and Teams renderings stay inside their platforms' limits, however long the lists get;
// what does not fit in the main message is in the thread, none of it lost.
import { describe, expect, it } from 'vitest';
import { computeSnapshot } from '../../src/digest/compute-snapshot';
import { cardBytes, CARD_BUDGET_BYTES, renderDigestCard, TEAMS_MAX_BYTES, type AdaptiveCard } from '../../src/digest/render-card';
import { renderDigestBlocks, SLACK_LIMITS, type SlackMessage } from '../../src/digest/render-blocks';
import { viewWithHistory } from '../../src/digest/run-digest';
import type { DigestSnapshot } from '../../src/digest/snapshot';
import { ZONE } from '../builders/incidents';
import { weekInput, WEEK12 } from './history';

function viewOf(edit: (s: DigestSnapshot) => DigestSnapshot = (s) => s) {
  const snapshot = edit(computeSnapshot(weekInput(12)));
  return viewWithHistory('Acme Heating, Cooling & Plumbing of the Greater Metropolitan Area', ZONE, snapshot, [], WEEK12);
}

/** 300 locations with long names, and problem titles far longer than any chat allows. */
const huge = (s: DigestSnapshot): DigestSnapshot => ({
  ...s,
  moneyAtRisk: {
    ...s.moneyAtRisk,
    byLocation: Array.from({ length: 300 }, (_, i) => ({ location: `Branch ${i + 1} — ${'North Service Territory '.repeat(4)}`, cents: 1_000_000 - i })),
  },
  top: s.top.map((p) => ({ ...p, title: `${p.title} ${'with a very long explanation '.repeat(40)}`, path: 'step · '.repeat(200), fix: 'Do the thing. '.repeat(150) })),
});

function checkSlack(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.header);
    if (block.type === 'section') {
      if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.section);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.field);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.context);
  }
}

const textOf = (messages: SlackMessage[]) =>
  messages.flatMap((m) => m.blocks.map((b) => (b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n') : ''))).join('\n');
const cardText = (cards: AdaptiveCard[]) => JSON.stringify(cards);

describe('the Slack digest', () => {
  it('shows every figure in one message with no thread when the lists are short', () => {
    const { main, thread } = renderDigestBlocks(viewOf());
    checkSlack(main);
    expect(thread).toEqual([]);
    const text = textOf([main]);
    for (const expected of ['Health 37/100 · Critical', 'Request a Growth Systems Review: 4 of 4 signals fired', '85.0% of revenue reconciled end to end', '$1,100.00', 'Austin $700.00', 'Mean time to resolve: 3.5 days', '2 records corrected by hand', '#5 Invoice number used twice in QuickBooks']) {
      expect(text).toContain(expected);
    }
    expect(main.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Weekly sync digest · Acme Heating, Cooling & Plumbing of the Greater Metropolitan Area · 2026-W14', emoji: true } });
  });

  it('keeps 300 locations and overlong titles inside Block Kit limits, with the full list in the thread', () => {
    const { main, thread } = renderDigestBlocks(viewOf(huge));
    checkSlack(main);
    expect(textOf([main])).toContain('+295 more in the thread');
    expect(thread.length).toBeGreaterThan(0);
    for (const m of thread) checkSlack(m);
    const all = textOf(thread);
    for (let i = 1; i <= 300; i++) expect(all).toContain(`Branch ${i} — `);
  });
});

describe('the Teams digest card', () => {
  it('is an Adaptive Card 1.5 with every figure, linking the chart when there is a URL', () => {
    const { card, thread } = renderDigestCard(viewOf(), { chartUrl: 'https://files.example/chart.png' });
    expect(card.version).toBe('1.5');
    expect(card.type).toBe('AdaptiveCard');
    expect(thread).toEqual([]);
    const text = cardText([card]);
    for (const expected of ['Health 37/100 · Critical', '85.0% of revenue reconciled end to end', 'Austin', '3.5 days', '#5 Invoice number used twice in QuickBooks']) expect(text).toContain(expected);
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Image', url: 'https://files.example/chart.png' }));
  });

  it('stays under the message size with 300 locations, and follow-up cards carry the rest', () => {
    const { card, thread } = renderDigestCard(viewOf(huge));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(CARD_BUDGET_BYTES).toBeLessThan(TEAMS_MAX_BYTES);
    expect(thread.length).toBeGreaterThan(0);
    for (const c of thread) expect(cardBytes(c)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const all = cardText(thread);
    for (let i = 1; i <= 300; i++) expect(all).toContain(`Branch ${i} — `);
  });
});

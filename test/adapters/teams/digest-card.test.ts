// The Teams rendering of the digest: an Adaptive Card under the message size however long the lists
// get; what does not fit in the first card is in follow-up cards, none of it lost.
import { describe, expect, it } from 'vitest';
import { TEAMS_LIMITS } from '../../../adapters/teams/cards/card-limits';
import { renderDigestCard } from '../../../adapters/teams/cards/digest-card';
import { cardBytes } from '../../../adapters/teams/cards/elements';
import { longLists, week12View } from '../../digest/history';
import { cardLines } from './card-text';

const viewOf = (edit?: Parameters<typeof week12View>[1]) =>
  week12View('Acme Heating, Cooling & Plumbing of the Greater Metropolitan Area', edit);

describe('the Teams digest card', () => {
  it('is an Adaptive Card 1.5 with every figure, linking the chart when there is a URL', () => {
    const { card, thread } = renderDigestCard(viewOf(), { chartUrl: 'https://files.example/chart.png' });
    expect(card.version).toBe('1.5');
    expect(card.type).toBe('AdaptiveCard');
    expect(thread).toEqual([]);
    const text = cardLines(card).join('\n');
    for (const expected of [
      'Health 37/100 · Critical',
      '85.0% of revenue reconciled end to end',
      'Austin: $700.00',
      'Mean time to resolve: 3.5 days',
      '#5 Invoice number used twice in QuickBooks',
    ]) {
      expect(text).toContain(expected);
    }
    expect(card.body).toContainEqual(expect.objectContaining({ type: 'Image', url: 'https://files.example/chart.png' }));
  });

  it('stays under the message size with 300 locations, and follow-up cards carry the rest', () => {
    const { card, thread } = renderDigestCard(viewOf(longLists));
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    expect(TEAMS_LIMITS.cardBytes).toBeLessThan(TEAMS_LIMITS.messageBytes);
    expect(thread.length).toBeGreaterThan(0);
    for (const c of thread) expect(cardBytes(c)).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
    const all = thread.flatMap((c) => cardLines(c)).join('\n');
    for (let i = 1; i <= 300; i++) expect(all).toContain(`Branch ${i} — `);
  });
});

// The Slack rendering of the digest stays inside Block Kit's limits, however long the lists get;
// what does not fit in the main message is in the thread, none of it lost.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../adapters/slack/block-limits';
import { renderDigestBlocks } from '../../../adapters/slack/render-digest';
import type { SlackMessage } from '../../../adapters/slack/render-alert';
import { longLists, week12View } from '../../digest/history';

const viewOf = (edit?: Parameters<typeof week12View>[1]) =>
  week12View('Acme Heating, Cooling & Plumbing of the Greater Metropolitan Area', edit);

type Text = { text: string };
type AnyBlock = { type: string; text?: Text; fields?: Text[]; elements?: Text[] };

/** Every limit of Block Kit the message breaks, as words. */
function overLimits(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.blocks.length > LIMITS.blocksPerMessage) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length > LIMITS.fallbackText) problems.push(`fallback ${message.text.length}`);
  for (const block of message.blocks as AnyBlock[]) {
    const text = block.text?.text.length ?? 0;
    if (block.type === 'header' && text > LIMITS.headerText) problems.push(`header ${text}`);
    if (block.type === 'section' && text > LIMITS.sectionText) problems.push(`section ${text}`);
    if ((block.fields ?? []).length > LIMITS.fields) problems.push(`${block.fields!.length} fields`);
    for (const f of block.fields ?? []) if (f.text.length > LIMITS.fieldText) problems.push(`field ${f.text.length}`);
    for (const e of block.elements ?? []) if (e.text.length > LIMITS.contextText) problems.push(`context ${e.text.length}`);
  }
  return problems;
}

/** The text of every section, fields included, as a person reads the messages. */
const textOf = (messages: SlackMessage[]) =>
  messages
    .flatMap((m) => m.blocks as AnyBlock[])
    .filter((b) => b.type === 'section')
    .map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n'))
    .join('\n');

describe('the Slack digest', () => {
  it('shows every figure in one message with no thread when the lists are short', () => {
    const { main, thread } = renderDigestBlocks(viewOf());
    expect(overLimits(main)).toEqual([]);
    expect(thread).toEqual([]);
    const text = textOf([main]);
    for (const expected of [
      'Health 37/100 · Critical',
      'Request a Growth Systems Review: 4 of 4 signals fired',
      '85.0% of revenue reconciled end to end',
      '$1,100.00',
      'Austin $700.00',
      'Mean time to resolve: 3.5 days',
      '2 records corrected by hand',
      '#5 Invoice number used twice in QuickBooks',
    ]) {
      expect(text).toContain(expected);
    }
    const title = 'Weekly sync digest · Acme Heating, Cooling & Plumbing of the Greater Metropolitan Area · 2026-W14';
    expect(main.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
  });

  it('keeps 300 locations and overlong titles inside Block Kit limits, with the full list in the thread', () => {
    const { main, thread } = renderDigestBlocks(viewOf(longLists));
    expect(overLimits(main)).toEqual([]);
    expect(textOf([main])).toContain('+295 more in the thread');
    expect(thread.length).toBeGreaterThan(0);
    for (const m of thread) expect(overLimits(m)).toEqual([]);
    const all = textOf(thread);
    for (let i = 1; i <= 300; i++) expect(all).toContain(`Branch ${i} — `);
  });
});

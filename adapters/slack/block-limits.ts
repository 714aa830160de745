// Block Kit's size limits. A message over any of them is refused whole (`invalid_blocks`,
// `msg_blocks_too_long`), so every dynamic string is cut to fit before it is sent. Alerts, answers,
// App Home and the digest all take their limits from here.
import { graphemeCut } from '../../src/domain/visible-text';

export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextText: 2000,
  buttonText: 75,
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Fallback text: Slack truncates at 40,000; notifications show far less. */
  fallbackText: 3000,
  /** Slack starts refusing around 13k characters of block text (bolt-js#2509): stay well under. */
  totalBlockChars: 11_000,
} as const;

/** Cuts to `max` characters, ending with an ellipsis; never splits an escape like `&amp;` or an emoji. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = graphemeCut(text, max - 1);
  const amp = text.lastIndexOf('&', end);
  if (amp !== -1 && amp > end - 6 && text.indexOf(';', amp) >= end) end = amp;
  return `${text.slice(0, end)}…`;
}

export type Block = Record<string, unknown> & { type: string };

/** The characters of text a block carries, for the cumulative cap. */
export function blockChars(block: Block): number {
  return JSON.stringify(block).length;
}

/**
 * Keeps at most `max` blocks and the cumulative size under the cap; `keepLast` blocks (the buttons)
 * survive, and a context line says what was left out.
 */
export function fitBlocks(blocks: Block[], max: number = LIMITS.blocksPerMessage, keepLast = 0): Block[] {
  const tail = keepLast > 0 ? blocks.slice(-keepLast) : [];
  const head = keepLast > 0 ? blocks.slice(0, -keepLast) : blocks.slice();
  const budget = LIMITS.totalBlockChars - tail.reduce((n, b) => n + blockChars(b), 0);
  const kept: Block[] = [];
  let used = 0;
  for (const block of head) {
    const size = blockChars(block);
    if (kept.length + tail.length + 1 >= max || used + size > budget - 200) break;
    kept.push(block);
    used += size;
  }
  const dropped = head.length - kept.length;
  if (dropped > 0)
    kept.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${dropped} more ${dropped === 1 ? 'part' : 'parts'} left out to fit Slack's size limits` }],
    });
  return [...kept, ...tail];
}

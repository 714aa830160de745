// Adaptive Card 1.5 building blocks. Every piece of text goes in a TextRun (no markdown) through
// safeText, so nothing a record says can become a link, a mention or an action.
import type { Severity } from '../../../src/config/schema';
import { TEAMS_LIMITS } from './card-limits';
import { safeLine, safeText } from './safe-text';

export type CardElement = Record<string, unknown>;

/** The one card type of the Teams adapter: alerts, answers and the digest all build it here. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: { width: 'Full' };
}

export interface Run {
  text: string;
  weight?: 'Bolder';
  color?: 'Attention' | 'Warning' | 'Good' | 'Accent';
  isSubtle?: boolean;
  size?: 'Small' | 'Medium' | 'Large';
  /** Keep line breaks (multi-line values); otherwise folded to one line. */
  multiline?: boolean;
  max?: number;
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/** A paragraph of runs. */
export function para(runs: Array<Run | string>, opts: { spacing?: 'None' | 'Small' | 'Medium'; separator?: boolean } = {}): CardElement {
  return {
    type: 'RichTextBlock',
    inlines: runs.map((r) => textRun(typeof r === 'string' ? { text: r } : r)),
    ...(opts.spacing ? { spacing: opts.spacing } : {}),
    ...(opts.separator ? { separator: true } : {}),
  };
}

function textRun(r: Run): CardElement {
  const text = r.multiline ? safeText(r.text, r.max ?? 1000) : safeLine(r.text, r.max ?? 300);
  return {
    type: 'TextRun',
    text,
    ...(r.weight ? { weight: r.weight } : {}),
    ...(r.color ? { color: r.color } : {}),
    ...(r.isSubtle ? { isSubtle: true } : {}),
    ...(r.size ? { size: r.size } : {}),
  };
}

export function container(items: CardElement[], style?: string): CardElement {
  return { type: 'Container', items, ...(style ? { style, bleed: true } : {}) };
}

const STYLE: Record<Severity, string> = { critical: 'attention', high: 'attention', medium: 'warning', low: 'emphasis' };
const COLOR: Record<Severity, Run['color']> = { critical: 'Attention', high: 'Attention', medium: 'Warning', low: 'Accent' };

export function severityStyle(s: Severity): string {
  return STYLE[s];
}

export function severityColor(s: Severity): Run['color'] {
  return COLOR[s];
}

export function cardBytes(c: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/**
 * Builds the card with as many of `total` list entries as fit the size limit (all of them when they
 * do); `build(k)` must say how many were left out.
 */
export function fitCard(total: number, build: (shown: number) => AdaptiveCard, maxBytes: number = TEAMS_LIMITS.cardBytes): AdaptiveCard {
  let shown = total;
  let built = build(shown);
  while (shown > 0 && cardBytes(built) > maxBytes) {
    shown = Math.max(0, Math.min(shown - 1, Math.floor((shown * maxBytes) / cardBytes(built))));
    built = build(shown);
  }
  return built;
}

/**
 * Gives the card's first element an id (`marker`): hosts ignore it, and Microsoft Graph returns the
 * card's JSON, so the bot can later recognise its own message.
 */
export function markCard(c: AdaptiveCard, marker: string): AdaptiveCard {
  const [first, ...rest] = c.body;
  return first ? { ...c, body: [{ ...first, id: marker }, ...rest] } : c;
}

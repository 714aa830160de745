// The digest as a Teams Adaptive Card 1.5, as a pure function. Teams refuses a message over about
// 28 KB, so the card keeps long lists short (the rest goes to follow-up cards in the thread) and is
// measured as the JSON it will be sent as. The chart is linked by URL when the sender has one (a
// base64 image would not fit the budget); otherwise the sender attaches the PNG beside the card.
import { plural } from './recommend';
import type { DigestLine, DigestView } from './view';
import { clip, head } from './fit';

export const TEAMS_MAX_BYTES = 28_000;
/** Room left for the activity envelope around the card. */
export const CARD_BUDGET_BYTES = 26_000;
const TEXT_MAX = 2_000;

export type CardElement =
  | { type: 'TextBlock'; text: string; wrap: true; size?: 'Small' | 'Medium' | 'Large'; weight?: 'Bolder'; color?: 'Attention' | 'Good' | 'Warning' | 'Accent'; isSubtle?: boolean; spacing?: 'Medium' | 'Large'; separator?: boolean }
  | { type: 'FactSet'; facts: Array<{ title: string; value: string }>; spacing?: 'Medium' }
  | { type: 'Image'; url: string; altText: string; size: 'Stretch' };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  msteams: { width: 'Full' };
}

export interface TeamsDigest {
  card: AdaptiveCard;
  /** Follow-up cards in the same conversation: the rest of long lists. */
  thread: AdaptiveCard[];
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function renderDigestCard(view: DigestView, opts: { chartUrl?: string } = {}): TeamsDigest {
  // Start generous and shrink the lists until the card fits the budget.
  for (const keep of [10, 5, 3, 1, 0]) {
    const built = build(view, keep, opts.chartUrl);
    if (cardBytes(built.card) <= CARD_BUDGET_BYTES) return built;
  }
  return build(view, 0, undefined, true);
}

function build(view: DigestView, keep: number, chartUrl: string | undefined, tight = false): TeamsDigest {
  const rest: Array<{ title: string; lines: readonly DigestLine[] }> = [];
  const max = tight ? 300 : TEXT_MAX;
  const t = (text: string, extra: Partial<Extract<CardElement, { type: 'TextBlock' }>> = {}): CardElement => ({ type: 'TextBlock', text: clip(text, max), wrap: true, ...extra });
  const facts = (title: string, lines: readonly DigestLine[]): CardElement => {
    const { shown, rest: more } = head(lines, keep);
    if (more.length > 0) rest.push({ title, lines });
    const list = shown.map((l) => ({ title: clip(l.label, 100), value: clip(l.value, 200) }));
    if (more.length > 0) list.push({ title: 'more', value: `${more.length} more in the follow-up` });
    return { type: 'FactSet', facts: list.length > 0 ? list : [{ title: title, value: 'none' }] };
  };

  const body: CardElement[] = [
    t(`Weekly sync digest · ${view.companyName} · ${view.week}`, { size: 'Large', weight: 'Bolder' }),
    t(`${view.period} · every figure with its change from last week`, { isSubtle: true }),
    t(`Health ${view.health.score}/100 · ${view.health.bandLabel} (${view.health.change})`, { size: 'Medium', weight: 'Bolder', color: view.health.band === 'healthy' ? 'Good' : view.health.band === 'watch' ? 'Warning' : 'Attention' }),
    ...view.health.movers.slice(0, tight ? 2 : 4).map((m) => t(`• ${m}`)),
    t(view.recommendation.headline, { weight: 'Bolder', color: view.recommendation.requestReview ? 'Attention' : 'Good', spacing: 'Medium' }),
    { type: 'FactSet', facts: view.recommendation.signals.map((s) => ({ title: `${s.fired ? '☑' : '☐'} ${s.label}`, value: clip(s.detail, tight ? 120 : 400) })) },
    {
      type: 'FactSet',
      spacing: 'Medium',
      facts: [view.trust, view.moneyAtRisk, view.incidents, view.cleanup, view.growth].map((f) => ({ title: f.label, value: clip(`${f.value} (${f.change})${f.detail && !tight ? ` · ${f.detail}` : ''}`, tight ? 200 : 600) })),
    },
    t('Money at risk by age', { weight: 'Bolder', spacing: 'Medium' }),
    facts('Money at risk by age', view.moneyAtRisk.byAge),
    t('Money at risk by location', { weight: 'Bolder' }),
    facts('Money at risk by location', view.moneyAtRisk.byLocation),
    t('Incidents', { weight: 'Bolder' }),
    { type: 'FactSet', facts: view.incidents.lines.map((l) => ({ title: l.label, value: clip(l.value, 200) })) },
    t('Findings per 1,000 records by week', { weight: 'Bolder' }),
    facts('Findings per 1,000 records by week', [...view.growth.weeks].reverse()),
    t(view.top.length > 0 ? 'Top problems' : 'Top problems: none open', { weight: 'Bolder', spacing: 'Medium', separator: true }),
    ...view.top.flatMap((p) => [t(`[${p.severity}] ${p.title} · ${p.money} · ${plural(p.findings, 'finding')}`, { weight: 'Bolder' }), t(`→ ${p.action}${p.fix ? `: ${p.fix}` : ''}`), t(p.path, { isSubtle: true })]),
    chartUrl ? { type: 'Image', url: chartUrl, altText: 'Eight-week trend: open incidents by severity and money at risk', size: 'Stretch' } : t('8-week trend chart (open incidents by severity, money at risk) attached.', { isSubtle: true }),
  ];
  return { card: card(body), thread: rest.length > 0 ? followUps(view.week, rest) : [] };
}

function card(body: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, msteams: { width: 'Full' } };
}

/** The full lists, as many cards as it takes to stay under the budget. */
function followUps(week: string, lists: Array<{ title: string; lines: readonly DigestLine[] }>): AdaptiveCard[] {
  const cards: AdaptiveCard[] = [];
  let body: CardElement[] = [{ type: 'TextBlock', text: `Weekly sync digest ${week}: the full lists`, wrap: true, weight: 'Bolder' }];
  const flush = () => {
    cards.push(card(body));
    body = [{ type: 'TextBlock', text: `Weekly sync digest ${week}: the full lists (continued)`, wrap: true, weight: 'Bolder' }];
  };
  for (const list of lists) {
    body.push({ type: 'TextBlock', text: clip(list.title, 200), wrap: true, weight: 'Bolder' });
    let facts: Array<{ title: string; value: string }> = [];
    body.push({ type: 'FactSet', facts });
    for (const l of list.lines) {
      facts.push({ title: clip(l.label, 100), value: clip(l.value, 200) });
      if (cardBytes(card(body)) > CARD_BUDGET_BYTES) {
        facts.pop();
        flush();
        facts = [{ title: clip(l.label, 100), value: clip(l.value, 200) }];
        body.push({ type: 'FactSet', facts });
      }
    }
  }
  cards.push(card(body));
  return cards;
}

// The digest as a Teams Adaptive Card 1.5, as a pure function of the chat-neutral DigestView. It is
// built from the same elements as alert cards (RichTextBlock and TextRun, never markdown), so every
// string of the view, record text included, goes through the Teams sanitiser (safe-text.ts). Teams
// refuses a message over about 28 KB, so the card keeps long lists short (the rest goes to follow-up
// cards in the thread) and is measured as the JSON it will be sent as. The chart is linked by URL
// when the sender has one (a base64 image would not fit the budget).
import { plural } from '../../../src/digest/recommend';
import type { DigestLine, DigestView } from '../../../src/digest/view';
import { TEAMS_LIMITS } from './card-limits';
import { card, cardBytes, para, type AdaptiveCard, type CardElement, type Run } from './elements';

export interface TeamsDigest {
  card: AdaptiveCard;
  /** Follow-up cards in the same conversation: the rest of long lists. */
  thread: AdaptiveCard[];
}

const LABEL_MAX = 100;
const VALUE_MAX = 200;

/** One entry of a list: its label in bold, then its value. */
function line(label: string, value: string, max = VALUE_MAX): CardElement {
  return para(
    [
      { text: `${label}: `, weight: 'Bolder', max: LABEL_MAX },
      { text: value, max },
    ],
    { spacing: 'None' },
  );
}

function bold(text: string, extra: Partial<Run> = {}, spacing?: 'Medium'): CardElement {
  return para([{ text, weight: 'Bolder', ...extra }], spacing ? { spacing } : {});
}

export function renderDigestCard(view: DigestView, opts: { chartUrl?: string } = {}): TeamsDigest {
  // Start generous and shrink the lists until the card fits the budget.
  for (const keep of [10, 5, 3, 1, 0]) {
    const built = build(view, keep, opts.chartUrl);
    if (cardBytes(built.card) <= TEAMS_LIMITS.cardBytes) return built;
  }
  return build(view, 0, undefined, true);
}

function build(view: DigestView, keep: number, chartUrl: string | undefined, tight = false): TeamsDigest {
  const rest: Array<{ title: string; lines: readonly DigestLine[] }> = [];
  const max = tight ? 300 : TEAMS_LIMITS.longText;
  const list = (title: string, lines: readonly DigestLine[]): CardElement[] => {
    const shown = lines.slice(0, keep);
    const more = lines.length - shown.length;
    if (more > 0) rest.push({ title, lines });
    if (lines.length === 0) return [line(title, 'none')];
    const note = more > 0 ? [para([{ text: `${more} more in the follow-up`, isSubtle: true }], { spacing: 'None' })] : [];
    return [...shown.map((l) => line(l.label, l.value)), ...note];
  };
  const bandColor = view.health.band === 'healthy' ? 'Good' : view.health.band === 'watch' ? 'Warning' : 'Attention';

  const body: CardElement[] = [
    bold(`Weekly sync digest · ${view.companyName} · ${view.week}`, { size: 'Large' }),
    para([{ text: `${view.period} · every figure with its change from last week`, isSubtle: true }], { spacing: 'None' }),
    bold(`Health ${view.health.score}/100 · ${view.health.bandLabel} (${view.health.change})`, { size: 'Medium', color: bandColor }),
    ...view.health.movers.slice(0, tight ? 2 : 4).map((m) => para([{ text: `• ${m}`, max }], { spacing: 'None' })),
    bold(view.recommendation.headline, { color: view.recommendation.requestReview ? 'Attention' : 'Good', max }, 'Medium'),
    ...view.recommendation.signals.map((s) => line(`${s.fired ? '☑' : '☐'} ${s.label}`, s.detail, tight ? 120 : 400)),
    ...[view.trust, view.moneyAtRisk, view.incidents, view.cleanup, view.growth].map((f, i) => {
      const value = `${f.value} (${f.change})${f.detail && !tight ? ` · ${f.detail}` : ''}`;
      return para(
        [
          { text: `${f.label}: `, weight: 'Bolder' },
          { text: value, max: tight ? 200 : 600 },
        ],
        { spacing: i === 0 ? 'Medium' : 'None' },
      );
    }),
    bold('Money at risk by age', {}, 'Medium'),
    ...list('Money at risk by age', view.moneyAtRisk.byAge),
    bold('Money at risk by location'),
    ...list('Money at risk by location', view.moneyAtRisk.byLocation),
    bold('Incidents'),
    ...view.incidents.lines.map((l) => line(l.label, l.value)),
    bold('Findings per 1,000 records by week'),
    ...list('Findings per 1,000 records by week', [...view.growth.weeks].reverse()),
    para([{ text: view.top.length > 0 ? 'Top problems' : 'Top problems: none open', weight: 'Bolder' }], {
      spacing: 'Medium',
      separator: true,
    }),
    ...view.top.flatMap((p) => [
      bold(`[${p.severity}] ${p.title} · ${p.money} · ${plural(p.findings, 'finding')}`, { max }),
      para([{ text: `→ ${p.action}${p.fix ? `: ${p.fix}` : ''}`, max }], { spacing: 'None' }),
      para([{ text: p.path, isSubtle: true, max }], { spacing: 'None' }),
    ]),
    chartUrl
      ? { type: 'Image', url: chartUrl, altText: 'Eight-week trend: open incidents by severity and money at risk', size: 'Stretch' }
      : para([{ text: '8-week trend chart (open incidents by severity, money at risk) attached.', isSubtle: true }]),
  ];
  return { card: card(body), thread: rest.length > 0 ? followUps(view.week, rest) : [] };
}

/** The full lists, as many cards as it takes to stay under the budget. */
function followUps(week: string, lists: Array<{ title: string; lines: readonly DigestLine[] }>): AdaptiveCard[] {
  const cards: AdaptiveCard[] = [];
  const size = (el: CardElement) => Buffer.byteLength(JSON.stringify(el), 'utf8') + 1;
  let body: CardElement[] = [];
  let bytes = 0;
  const add = (el: CardElement) => {
    body.push(el);
    bytes += size(el);
  };
  const start = (title: string) => {
    body = [];
    bytes = cardBytes(card([]));
    add(bold(title));
  };
  start(`Weekly sync digest ${week}: the full lists`);
  for (const list of lists) {
    const entries = [bold(list.title, { max: 200 }, 'Medium'), ...list.lines.map((l) => line(l.label, l.value))];
    for (const el of entries) {
      if (bytes + size(el) > TEAMS_LIMITS.cardBytes && body.length > 1) {
        cards.push(card(body));
        start(`Weekly sync digest ${week}: the full lists (continued)`);
      }
      add(el);
    }
  }
  cards.push(card(body));
  return cards;
}

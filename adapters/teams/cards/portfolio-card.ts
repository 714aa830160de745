// The portfolio digest and the status-at-a-glance as Teams Adaptive Cards, pure functions of the
// chat-neutral views. Built from the same elements as every other card (RichTextBlock and TextRun, never
// markdown), so company names go through the Teams sanitiser (safe-text.ts). The card shows the worst
// companies in full and counts the rest, whose full ranking goes to follow-up cards, each measured
// against Teams' size limit (card-limits.ts).
import { plural } from '../../../src/domain/plural';
import { formatCents } from '../../../src/domain/money';
import { clipVisible } from '../../../src/domain/visible-text';
import { glanceCounts, type GlanceHealth, type GlanceView } from '../../../src/portfolio/glance';
import type { PortfolioCompany, PortfolioView } from '../../../src/portfolio/portfolio-view';
import { companyFigures, signalLine } from '../../../src/portfolio/render-text';
import { TEAMS_LIMITS } from './card-limits';
import { card, cardBytes, fitCard, para, type AdaptiveCard, type CardElement, type Run } from './elements';
import { TEAMS_COMMAND } from './status-card';

/** Companies shown in full on the card; the rest are counted there and listed in follow-up cards. */
export const PORTFOLIO_CARD_TOP = 15;
/** Companies listed by name at a glance before the rest are counted. */
export const GLANCE_CARD_TOP = 40;
const NAME_MAX = 80;

export interface TeamsPortfolio {
  card: AdaptiveCard;
  thread: AdaptiveCard[];
}

const BAND_COLOR: Record<PortfolioCompany['health']['band'], Run['color']> = {
  critical: 'Attention',
  at_risk: 'Attention',
  watch: 'Warning',
  healthy: 'Good',
};

function companyBlock(c: PortfolioCompany): CardElement[] {
  return [
    para([{ text: `${c.rank}. ${c.name}`, weight: 'Bolder', color: BAND_COLOR[c.health.band], max: NAME_MAX }], { spacing: 'Small' }),
    para([{ text: companyFigures(c), max: 400 }], { spacing: 'None' }),
    para([{ text: `${signalLine(c)}${c.sprint ? ` · Stabilization Sprint: ${c.sprint}` : ''}`, isSubtle: true, max: 400 }], {
      spacing: 'None',
    }),
  ];
}

const figure = (label: string, value: string, first = false): CardElement =>
  para(
    [
      { text: `${label}: `, weight: 'Bolder' },
      { text: value, max: 400 },
    ],
    { spacing: first ? 'Medium' : 'None' },
  );

export function renderPortfolioCard(view: PortfolioView, opts: { chartUrl?: string } = {}): TeamsPortfolio {
  const t = view.totals;
  const top = Math.min(PORTFOLIO_CARD_TOP, view.companies.length);
  // fitCard returns the last card it built: `shown` of that build is what the card holds.
  let held = top;
  const built = fitCard(top, (shown) => {
    held = shown;
    const rest = view.companies.slice(shown);
    const restCents = rest.reduce((n, c) => n + c.moneyAtRisk.cents, 0);
    return card([
      para([{ text: `Weekly portfolio digest · ${view.name} · ${view.week}`, weight: 'Bolder', size: 'Large' }]),
      para(
        [
          {
            text: `${plural(t.reported, 'company', 'companies')} with a digest this week, worst first · changes since last week`,
            isSubtle: true,
          },
        ],
        {
          spacing: 'None',
        },
      ),
      figure('Money at risk', `${t.moneyAtRisk.value} (${t.moneyAtRisk.change.text})`, true),
      figure('Trust', `${t.trust.value} of revenue reconciled (${t.trust.change.text})`),
      figure('Open incidents', `${t.incidents.value} (${t.incidents.change.text})`),
      figure('Health', `${t.bands.critical} critical · ${t.bands.at_risk} at risk · ${t.bands.watch} watch · ${t.bands.healthy} healthy`),
      figure('Growth Systems Review', `${plural(t.reviewRequested, 'company', 'companies')} with a signal fired`),
      para([{ text: view.lookFirst.length > 0 ? 'Look at first' : 'Look at first: nothing stands out this week', weight: 'Bolder' }], {
        spacing: 'Medium',
        separator: true,
      }),
      ...view.lookFirst.map((l, i) =>
        para(
          [
            { text: `${i + 1}. ${l.name}: `, weight: 'Bolder', max: NAME_MAX },
            { text: l.reason, max: 400 },
          ],
          { spacing: 'None' },
        ),
      ),
      para(
        [
          {
            text: `Every company, worst first${shown < view.companies.length ? ` (top ${shown} of ${view.companies.length})` : ''}`,
            weight: 'Bolder',
          },
        ],
        {
          spacing: 'Medium',
          separator: true,
        },
      ),
      ...view.companies.slice(0, shown).flatMap(companyBlock),
      ...(rest.length > 0
        ? [
            para([
              {
                text: `+${plural(rest.length, 'more company', 'more companies')} with ${formatCents(restCents)} at risk: the full ranking is in the follow-up.`,
                isSubtle: true,
              },
            ]),
          ]
        : []),
      ...(view.pending.length > 0
        ? [
            para([{ text: 'Without a digest this week', weight: 'Bolder' }], { spacing: 'Medium' }),
            para(
              [
                {
                  text: `${view.pending
                    .slice(0, 10)
                    .map((p) => `${clipVisible(p.name, NAME_MAX)} (${p.note})`)
                    .join(' · ')}${view.pending.length > 10 ? ` · +${view.pending.length - 10} more` : ''}`,
                  max: 1_500,
                },
              ],
              { spacing: 'None' },
            ),
          ]
        : []),
      opts.chartUrl
        ? { type: 'Image', url: opts.chartUrl, altText: 'Money at risk by company, coloured by health', size: 'Stretch' }
        : para([{ text: 'Chart of money at risk by company attached.', isSubtle: true }]),
    ]);
  });
  const thread = held < view.companies.length || view.pending.length > 10 ? followUps(view) : [];
  return { card: built, thread };
}

/** The full ranking, and every company without a digest, in as many cards as the size limit takes. */
function followUps(view: PortfolioView): AdaptiveCard[] {
  const title = `Weekly portfolio digest ${view.week}: every company`;
  const entries = [
    ...view.companies.map(companyBlock),
    ...view.pending.map((p) => [para([{ text: `${p.name}: `, weight: 'Bolder', max: NAME_MAX }, p.note], { spacing: 'None' })]),
  ];
  const cards: AdaptiveCard[] = [];
  let body: CardElement[] = [];
  const start = () => {
    body = [para([{ text: cards.length === 0 ? title : `${title} (continued)`, weight: 'Bolder' }])];
  };
  start();
  for (const entry of entries) {
    if (cardBytes(card([...body, ...entry])) > TEAMS_LIMITS.cardBytes && body.length > 1) {
      cards.push(card(body));
      start();
    }
    body.push(...entry);
  }
  cards.push(card(body));
  return cards;
}

const GLANCE_COLOR: Record<GlanceHealth, Run['color'] | undefined> = {
  failing: 'Attention',
  degraded: 'Warning',
  healthy: 'Good',
  not_polled: undefined,
};

/** Many companies' status, one line each, worst first: `sync-status` where no company is implied. */
export function glanceCard(g: GlanceView, max: number = GLANCE_CARD_TOP): AdaptiveCard {
  return fitCard(Math.min(max, g.companies.length), (shown) => {
    const rest = g.companies.slice(shown);
    return card([
      para([{ text: `Sync health · ${plural(g.totals.companies, 'company', 'companies')}`, weight: 'Bolder', size: 'Medium' }]),
      para([`${glanceCounts(g) || 'No company configured'} · ${g.totals.open} open incidents · ${g.totals.money} at risk`], {
        spacing: 'None',
      }),
      ...g.companies.slice(0, shown).map((c) =>
        para(
          [
            { text: `${c.word} · `, weight: 'Bolder', ...(GLANCE_COLOR[c.health] ? { color: GLANCE_COLOR[c.health] } : {}) },
            { text: c.name, weight: 'Bolder', max: NAME_MAX },
            { text: ` (${c.id}) · ${c.incidents} · ${c.money} at risk · ${c.lastPoll}`, max: 400 },
          ],
          { spacing: 'Small' },
        ),
      ),
      ...(rest.length > 0
        ? [
            para([
              {
                text: `+${plural(rest.length, 'more company', 'more companies')} (${formatCents(rest.reduce((n, c) => n + c.moneyAtRiskCents, 0))} at risk): name one to see it, e.g. ${TEAMS_COMMAND} ${rest[0]!.id}`,
                isSubtle: true,
              },
            ]),
          ]
        : []),
    ]);
  });
}

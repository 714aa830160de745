// The portfolio digest and the status-at-a-glance as Block Kit, pure functions of the chat-neutral
// views. Company names are typed by people, so each goes through the Slack sanitiser (escape.ts) and is
// clipped; limits come from block-limits.ts. A portfolio of 200 companies does not fit one message:
// the main message shows the worst companies in full and counts the rest, whose full ranking goes to
// the digest's thread, paginated to fit.
import { portfolioHeadline, companyFigures, signalLine } from '../../src/portfolio/render-text';
import { glanceCounts, type GlanceHealth, type GlanceView } from '../../src/portfolio/glance';
import type { PortfolioCompany, PortfolioView } from '../../src/portfolio/portfolio-view';
import { plural } from '../../src/domain/plural';
import { clipVisible } from '../../src/domain/visible-text';
import { formatCents } from '../../src/domain/money';
import { blockChars, cut, LIMITS, type Block } from './block-limits';
import { SLASH_COMMAND } from './action-ids';
import { mrkdwn } from './escape';
import { context, header, lineSections, md, type SlackMessage } from './render-alert';

/** Companies shown in full in the main message; the rest are counted there and listed in the thread. */
export const PORTFOLIO_TOP = 15;
/** Companies listed by name at a glance before the rest are counted (App Home and answers alike). */
export const GLANCE_TOP = 40;
/** A company name longer than this is clipped: nobody reads a 20,000-character name in a list. */
const NAME_MAX = 80;
/** Characters of list text a message carries, under block-limits' cumulative cap with room for the rest. */
const LIST_BUDGET = 7_000;

export interface SlackPortfolio {
  main: SlackMessage;
  thread: SlackMessage[];
}

const name = (s: string) => mrkdwn(clipVisible(s, NAME_MAX));

const BAND_ICON = {
  critical: ':red_circle:',
  at_risk: ':large_orange_circle:',
  watch: ':large_yellow_circle:',
  healthy: ':large_green_circle:',
} as const;

function companyLine(c: PortfolioCompany): string {
  return [
    `${BAND_ICON[c.health.band]} *${c.rank}. ${name(c.name)}*`,
    `      ${mrkdwn(companyFigures(c))}`,
    `      _${mrkdwn(signalLine(c))}${c.sprint ? ` · Stabilization Sprint: ${mrkdwn(c.sprint)}` : ''}_`,
  ].join('\n');
}

export function renderPortfolioBlocks(view: PortfolioView): SlackPortfolio {
  const t = view.totals;
  const blocks: Block[] = [
    header(`Weekly portfolio digest · ${view.name} · ${view.week}`),
    context(
      `${plural(t.reported, 'company', 'companies')} with a digest this week, worst first · every figure with its change from last week`,
    ),
    {
      type: 'section',
      fields: [
        `*Money at risk*\n${t.moneyAtRisk.value}\n_${t.moneyAtRisk.change.text}_`,
        `*Trust*\n${t.trust.value} of revenue reconciled\n_${t.trust.change.text}_`,
        `*Open incidents*\n${t.incidents.value}\n_${t.incidents.change.text}_`,
        `*Health*\n${t.bands.critical} critical · ${t.bands.at_risk} at risk · ${t.bands.watch} watch · ${t.bands.healthy} healthy`,
        `*Growth Systems Review*\n${plural(t.reviewRequested, 'company', 'companies')} with a signal fired`,
      ].map((text) => ({ type: 'mrkdwn', text: cut(mrkdwn(text), LIMITS.fieldText) })),
    },
    md(
      view.lookFirst.length === 0
        ? '*Look at first:* nothing stands out this week'
        : ['*Look at first*', ...view.lookFirst.map((l, i) => `${i + 1}. *${name(l.name)}*: ${mrkdwn(l.reason)}`)].join('\n'),
    ),
    { type: 'divider' },
  ];

  const lines = view.companies.map(companyLine);
  const shown = fitLines(lines, PORTFOLIO_TOP);
  blocks.push(md(`*Every company, worst first*${shown < lines.length ? ` (top ${shown} of ${lines.length})` : ''}`));
  blocks.push(...lineSections(lines.slice(0, shown)));
  const rest = view.companies.slice(shown);
  if (rest.length > 0) {
    const cents = rest.reduce((n, c) => n + c.moneyAtRisk.cents, 0);
    blocks.push(
      context(
        `+${plural(rest.length, 'more company', 'more companies')} (${bandCounts(rest)}) with ${formatCents(cents)} at risk: the full ranking is in the thread.`,
      ),
    );
  }
  if (view.pending.length > 0) {
    const named = view.pending.slice(0, 10).map((p) => `${name(p.name)} (${mrkdwn(p.note)})`);
    const more = view.pending.length - named.length;
    blocks.push(md(`*Without a digest this week*\n${named.join(' · ')}${more > 0 ? ` · _+${more} more_` : ''}`));
  }
  blocks.push(context(':bar_chart: Money at risk by company attached.'));

  const fallback = cut(mrkdwn(`Weekly portfolio digest ${view.week}: ${portfolioHeadline(view)}`), LIMITS.fallbackText);
  const threadLines =
    rest.length > 0 || view.pending.length > 10 ? [...lines, ...view.pending.map((p) => `• ${name(p.name)}: ${mrkdwn(p.note)}`)] : [];
  return { main: { text: fallback, blocks }, thread: pages(threadLines, `Weekly portfolio digest ${view.week}: every company`) };
}

function bandCounts(companies: readonly PortfolioCompany[]): string {
  const n = (band: PortfolioCompany['health']['band']) => companies.filter((c) => c.health.band === band).length;
  return `${n('critical')} critical, ${n('at_risk')} at risk, ${n('watch')} watch, ${n('healthy')} healthy`;
}

/** How many of `lines` (at most `max`) fit the list budget. */
function fitLines(lines: readonly string[], max: number): number {
  let used = 0;
  let n = 0;
  for (const l of lines.slice(0, max)) {
    used += Math.min(l.length, LIMITS.sectionText) + 1;
    if (used > LIST_BUDGET) break;
    n++;
  }
  return n;
}

/** Thread messages of whole lines: at most 50 blocks and the cumulative character cap each. */
function pages(lines: readonly string[], title: string): SlackMessage[] {
  const out: SlackMessage[] = [];
  let blocks: Block[] = [];
  let chars = 0;
  const flush = () => {
    if (blocks.length > 0) out.push({ text: `${title} (${out.length + 1})`, blocks });
    blocks = [];
    chars = 0;
  };
  // Whole lines, each at most 1,500 characters, so sections pack the character cap evenly.
  for (const section of lineSections(lines.map((l) => cut(l, 1_500)))) {
    const size = blockChars(section);
    if (blocks.length + 1 > LIMITS.blocksPerMessage || chars + size > LIMITS.totalBlockChars - 500) flush();
    blocks.push(section);
    chars += size;
  }
  flush();
  return out;
}

const GLANCE_ICON: Record<GlanceHealth, string> = {
  failing: ':red_circle:',
  degraded: ':large_yellow_circle:',
  healthy: ':large_green_circle:',
  not_polled: ':white_circle:',
};

/** Many companies' status, one line each, worst first: `/sync-status` where no company is implied, and App Home. */
export function glanceBlocks(g: GlanceView, max: number = GLANCE_TOP): Block[] {
  const lines = g.companies.map(
    (c) =>
      `${GLANCE_ICON[c.health]} *${mrkdwn(c.word)}* · *${name(c.name)}* (\`${mrkdwn(clipVisible(c.id, 60))}\`) · ${mrkdwn(c.incidents)} · ${c.money} at risk · ${mrkdwn(c.lastPoll)}`,
  );
  const shown = fitLines(lines, max);
  const rest = g.companies.slice(shown);
  const blocks: Block[] = [
    header(`Sync health · ${plural(g.totals.companies, 'company', 'companies')}`),
    md(`*${glanceCounts(g) || 'No company configured'}* · ${g.totals.open} open incidents · ${g.totals.money} at risk`),
    ...lineSections(lines.slice(0, shown)),
  ];
  if (rest.length > 0) {
    const troubled = rest.filter((c) => c.health === 'failing' || c.health === 'degraded').length;
    blocks.push(
      context(
        `+${plural(rest.length, 'more company', 'more companies')} (${troubled} failing or degraded, ${formatCents(rest.reduce((n, c) => n + c.moneyAtRiskCents, 0))} at risk): name one to see it, e.g. \`${SLASH_COMMAND} ${mrkdwn(clipVisible(rest[0]!.id, 60))}\`.`,
      ),
    );
  }
  return blocks;
}

/** The notification text of a glance answer. */
export function glanceText(g: GlanceView): string {
  return cut(
    mrkdwn(`Sync health of ${g.totals.companies} companies: ${glanceCounts(g) || 'none configured'} · ${g.totals.money} at risk`),
    LIMITS.fallbackText,
  );
}

// Every company's stored digest for the week, side by side: ranked worst first, each figure with its
// change since the company's previous digest, totals across the portfolio, the chart's bars and the
// three companies to look at first. Pure: the figures are read from stored snapshots, never recomputed.
import { ACTION_LABELS } from '../classify/classification';
import type { Severity } from '../config/schema';
import { BAND_LABELS } from '../digest/health';
import { SIGNAL_LABELS } from '../digest/recommend';
import type { DigestSnapshot, HealthBand } from '../digest/snapshot';
import { formatCents } from '../domain/money';
import { plural } from '../domain/plural';
import { change, count, money, pct, points } from './change';
import { lookAtFirst } from './look-first';
import type { ChartBar, PortfolioCompany, PortfolioPending, PortfolioTotals, PortfolioView } from './portfolio-view';

export interface PortfolioCompanyInput {
  id: string;
  name: string;
  /** The company's stored digest snapshots, any order: the week's and the latest earlier one are read. */
  snapshots: readonly DigestSnapshot[];
}

export interface PortfolioInput {
  /** The portfolio's name ("Northwind Home Services Group"). */
  name: string;
  /** The ISO week of the digest (2026-W14). */
  week: string;
  companies: readonly PortfolioCompanyInput[];
}

/** Companies drawn on the chart: the ones with the most money at risk. */
export const CHART_BARS = 12;

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const BANDS: HealthBand[] = ['critical', 'at_risk', 'watch', 'healthy'];

interface Pair {
  input: PortfolioCompanyInput;
  cur: DigestSnapshot;
  prev: DigestSnapshot | undefined;
}

export function buildPortfolioView(input: PortfolioInput): PortfolioView {
  const pairs: Pair[] = [];
  const pending: PortfolioPending[] = [];
  for (const c of input.companies) {
    const byWeek = [...c.snapshots].sort((a, b) => a.week.localeCompare(b.week));
    const cur = byWeek.find((s) => s.week === input.week);
    const earlier = byWeek.filter((s) => s.week < input.week);
    if (cur) pairs.push({ input: c, cur, prev: earlier[earlier.length - 1] });
    else
      pending.push({
        id: c.id,
        name: c.name,
        note: byWeek.length === 0 ? 'not polled yet' : `no digest for ${input.week} (latest ${byWeek[byWeek.length - 1]!.week})`,
      });
  }
  pairs.sort(
    (a, b) =>
      a.cur.health.score - b.cur.health.score ||
      b.cur.moneyAtRisk.totalCents - a.cur.moneyAtRisk.totalCents ||
      a.input.name.localeCompare(b.input.name) ||
      a.input.id.localeCompare(b.input.id),
  );
  pending.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const companies = pairs.map((p, i) => companyRow(p, i + 1));
  return {
    name: input.name,
    week: input.week,
    companies,
    pending,
    totals: totals(pairs, pending.length),
    lookFirst: lookAtFirst(companies),
    chart: chart(input, companies, pending.length),
  };
}

function companyRow({ input, cur, prev }: Pair, rank: number): PortfolioCompany {
  const share = cur.trust.share;
  const sprintProblem = cur.top.find((p) => p.actionLabel === ACTION_LABELS.stabilization_sprint);
  return {
    id: input.id,
    name: input.name,
    rank,
    health: {
      score: cur.health.score,
      band: cur.health.band,
      label: BAND_LABELS[cur.health.band],
      change: change(cur.health.score, prev?.health.score, count, false),
    },
    trust: {
      share,
      value: share === null ? 'no invoices yet' : pct(share),
      change: change(pointsOf(share), prev ? pointsOf(prev.trust.share) : undefined, points, false),
    },
    moneyAtRisk: {
      cents: cur.moneyAtRisk.totalCents,
      value: formatCents(cur.moneyAtRisk.totalCents),
      change: change(cur.moneyAtRisk.totalCents, prev?.moneyAtRisk.totalCents, money, true),
    },
    incidents: {
      open: cur.incidents.open,
      bySeverity: { ...cur.incidents.bySeverity },
      value: openLine(cur.incidents.open, cur.incidents.bySeverity),
      change: change(cur.incidents.open, prev?.incidents.open, count, true),
    },
    signals: cur.recommendation.signals.filter((s) => s.fired).map((s) => ({ id: s.id, label: SIGNAL_LABELS[s.id] })),
    sprint: sprintProblem ? `#${sprintProblem.number} ${sprintProblem.title}` : null,
  };
}

/** "3 open (1 critical, 2 high)" or "none open". */
export function openLine(open: number, bySeverity: Record<Severity, number>): string {
  if (open === 0) return 'none open';
  const parts = SEVERITIES.filter((s) => bySeverity[s] > 0).map((s) => `${bySeverity[s]} ${s}`);
  return `${open} open${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** Trust in percentage points, rounded to a tenth so a change reads as people compare it. */
function pointsOf(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

function totals(pairs: readonly Pair[], pendingCount: number): PortfolioTotals {
  const sum = (f: (s: DigestSnapshot) => number) => sumOf(pairs, (p) => f(p.cur));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, sum((x) => x.incidents.bySeverity[s])])) as Record<Severity, number>;
  const bands = Object.fromEntries(BANDS.map((b) => [b, pairs.filter((p) => p.cur.health.band === b).length])) as Record<
    HealthBand,
    number
  >;
  // Changes compare like with like: only companies that had a digest both weeks.
  const compared = pairs.filter((p) => p.prev !== undefined);
  const had = compared.length > 0;
  const both = (f: (s: DigestSnapshot) => number) => [sumOf(compared, (p) => f(p.cur)), sumOf(compared, (p) => f(p.prev!))] as const;
  const share = (invoiced: number, matched: number) => (invoiced > 0 ? matched / invoiced : null);
  const invoiced = sum((s) => s.trust.invoicedCents);
  const trustShare = share(
    invoiced,
    sum((s) => s.trust.matchedCents),
  );
  const [invNow, invWas] = both((s) => s.trust.invoicedCents);
  const [matNow, matWas] = both((s) => s.trust.matchedCents);
  const [moneyNow, moneyWas] = both((s) => s.moneyAtRisk.totalCents);
  const [openNow, openWas] = both((s) => s.incidents.open);
  const open = sum((s) => s.incidents.open);
  const cents = sum((s) => s.moneyAtRisk.totalCents);
  return {
    companies: pairs.length + pendingCount,
    reported: pairs.length,
    pending: pendingCount,
    bands,
    trust: {
      share: trustShare,
      value: trustShare === null ? 'no invoices yet' : pct(trustShare),
      change: change(pointsOf(share(invNow, matNow)), had ? pointsOf(share(invWas, matWas)) : undefined, points, false),
    },
    moneyAtRisk: { cents, value: formatCents(cents), change: change(moneyNow, had ? moneyWas : undefined, money, true) },
    incidents: { open, bySeverity, value: openLine(open, bySeverity), change: change(openNow, had ? openWas : undefined, count, true) },
    reviewRequested: pairs.filter((p) => p.cur.recommendation.requestReview).length,
  };
}

const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

function chart(input: PortfolioInput, companies: readonly PortfolioCompany[], pendingCount: number): PortfolioView['chart'] {
  const byMoney = [...companies].sort((a, b) => b.moneyAtRisk.cents - a.moneyAtRisk.cents || a.rank - b.rank);
  const shown = byMoney.slice(0, CHART_BARS);
  const rest = byMoney.slice(CHART_BARS);
  const bars: ChartBar[] = shown.map((c) => ({
    label: c.name,
    cents: c.moneyAtRisk.cents,
    band: c.health.band,
    note: `trust ${c.trust.value} · ${plural(c.incidents.open, 'open incident')}`,
  }));
  const total = sumOf(companies, (c) => c.moneyAtRisk.cents);
  return {
    title: `${input.name}: money at risk by company, ${input.week}`,
    bars,
    figures: [
      `${formatCents(total)} at risk across ${plural(companies.length, 'company', 'companies')}`,
      ...(rest.length > 0
        ? [`${plural(rest.length, 'more company', 'more companies')}: ${formatCents(sumOf(rest, (c) => c.moneyAtRisk.cents))} at risk`]
        : []),
      ...(pendingCount > 0 ? [`${plural(pendingCount, 'company', 'companies')} without a digest this week`] : []),
    ],
  };
}

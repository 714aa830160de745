// The portfolio digest and the status-at-a-glance as plain text: the console channel and the CLI. Company
// names are typed by people, so every line is made printable (no escape sequences, control characters
// or bidi overrides), as the per-company digest's text is.
import { printable } from '../notify/render-text';
import { glanceCounts, type GlanceView } from './glance';
import type { PortfolioCompany, PortfolioView } from './portfolio-view';

/** "Health 42/100 Critical (↓ 5) · trust 91.2% (↓ 1.5 pts) · $12,300.00 at risk (↑ $300.00) · 3 open (…) (↑ 1)" */
export function companyFigures(c: PortfolioCompany): string {
  return [
    `Health ${c.health.score}/100 ${c.health.label} (${c.health.change.text})`,
    `trust ${c.trust.value} (${c.trust.change.text})`,
    `${c.moneyAtRisk.value} at risk (${c.moneyAtRisk.change.text})`,
    `${c.incidents.value} (${c.incidents.change.text})`,
  ].join(' · ');
}

/** "Signals: the issue is recurring; the numbers are not trusted", or "no review signal". */
export function signalLine(c: PortfolioCompany): string {
  return c.signals.length === 0 ? 'no review signal' : `Signals: ${c.signals.map((s) => s.label.toLowerCase()).join('; ')}`;
}

export function portfolioHeadline(v: PortfolioView): string {
  const t = v.totals;
  return `${t.moneyAtRisk.value} at risk across ${t.reported} of ${t.companies} companies · trust ${t.trust.value} · ${t.incidents.value} · ${t.reviewRequested} with a review signal`;
}

export function renderPortfolioText(v: PortfolioView, chartPath?: string): string {
  const t = v.totals;
  const out: string[] = [
    `Weekly portfolio digest · ${v.name} · ${v.week}`,
    '',
    portfolioHeadline(v),
    `  changes (companies with a digest both weeks): trust ${t.trust.change.text} · money at risk ${t.moneyAtRisk.change.text} · open incidents ${t.incidents.change.text}`,
    `  health: ${t.bands.critical} critical, ${t.bands.at_risk} at risk, ${t.bands.watch} watch, ${t.bands.healthy} healthy${t.pending > 0 ? ` · ${t.pending} without a digest` : ''}`,
    '',
    v.lookFirst.length > 0 ? 'Look at first' : 'Look at first: nothing stands out this week',
    ...v.lookFirst.map((l, i) => `  ${i + 1}. ${l.name}: ${l.reason}`),
    '',
    'Every company, worst first',
    ...v.companies.flatMap((c) => [
      `  ${c.rank}. ${c.name}`,
      `     ${companyFigures(c)}`,
      `     ${signalLine(c)}${c.sprint ? ` · Stabilization Sprint: ${c.sprint}` : ''}`,
    ]),
    ...(v.pending.length > 0 ? ['', 'Without a digest this week', ...v.pending.map((p) => `  - ${p.name}: ${p.note}`)] : []),
  ];
  if (chartPath) out.push('', `Chart (money at risk by company): ${chartPath}`, ...v.chart.figures.map((f) => `  ${f}`));
  return out.map(printable).join('\n');
}

export function renderGlanceText(g: GlanceView): string {
  const out = [
    `Sync health of ${g.totals.companies} companies: ${glanceCounts(g) || 'none configured'} · ${g.totals.open} open incidents · ${g.totals.money} at risk`,
    ...g.companies.map((c) => `  ${c.word.padEnd(14)} ${c.name} (${c.id}) · ${c.incidents} · ${c.money} at risk · ${c.lastPoll}`),
  ];
  return out.map(printable).join('\n');
}

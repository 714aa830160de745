// The digest as plain text: what the console channel prints and `digest --preview` shows. It stays in
// the core beside the alerts' text (notify/render-text.ts) and, like it, makes record text printable:
// nothing a terminal would act on (escape sequences, control characters, bidi overrides).
import { printable } from '../notify/render-text';
import { plural } from './recommend';
import type { DigestFigure, DigestView } from './view';

export function renderDigestText(view: DigestView, chartPath?: string): string {
  const out: string[] = [];
  const figure = (f: DigestFigure) => {
    out.push(`${f.label}: ${f.value}  [${f.change}]`);
    if (f.detail) out.push(`  ${f.detail}`);
  };
  out.push(`Weekly sync digest · ${view.companyName} · ${view.week} (${view.period})`);
  out.push('');
  out.push(`Health ${view.health.score}/100 · ${view.health.bandLabel}  [${view.health.change}]`);
  for (const m of view.health.movers) out.push(`  ${m}`);
  out.push('');
  out.push(`▶ ${view.recommendation.headline}`);
  for (const s of view.recommendation.signals) out.push(`  ${s.fired ? '[x]' : '[ ]'} ${s.label}: ${s.detail}`);
  out.push('');
  figure(view.trust);
  out.push('');
  figure(view.moneyAtRisk);
  out.push(`  by age:      ${view.moneyAtRisk.byAge.map((l) => `${l.label} ${l.value}`).join(' · ')}`);
  out.push(
    `  by location: ${view.moneyAtRisk.byLocation.length > 0 ? view.moneyAtRisk.byLocation.map((l) => `${l.label} ${l.value}`).join(' · ') : 'none'}`,
  );
  out.push('');
  figure(view.incidents);
  for (const l of view.incidents.lines) out.push(`  ${l.label}: ${l.value}`);
  out.push('');
  figure(view.cleanup);
  out.push('');
  figure(view.growth);
  for (const w of view.growth.weeks) out.push(`  ${w.label}: ${w.value}`);
  out.push('');
  out.push(view.top.length > 0 ? 'Top problems' : 'Top problems: none open');
  view.top.forEach((p, i) => {
    out.push(`  ${i + 1}. [${p.severity}] ${p.title} · ${p.money} · ${plural(p.findings, 'finding')}`);
    out.push(`     → ${p.action}${p.fix ? `: ${p.fix}` : ''}`);
    out.push(`     ${p.path}`);
  });
  if (chartPath) {
    out.push('');
    out.push(`Chart (8 weeks: open incidents by severity, money at risk): ${chartPath}`);
    for (const line of view.chartFigures ?? []) out.push(`  ${line}`);
  }
  return out.map(printable).join('\n');
}

// The 8-week trend as SVG: open incidents stacked by severity (bars, left axis) and money at risk
// (line, right axis). Built by hand so it renders anywhere without a browser; render-chart.ts turns
// it into PNG.
import type { Severity } from '../config/schema';
import { formatCents } from '../domain/money';
import type { TrendPoint } from './view';

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 480;

export const SEVERITY_COLORS: Record<Severity, string> = { critical: '#c0392b', high: '#e67e22', medium: '#f1c40f', low: '#95a5a6' };
export const MONEY_COLOR = '#1f4e79';
const STACK: Severity[] = ['low', 'medium', 'high', 'critical'];
const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

const M = { left: 64, right: 104, top: 78, bottom: 64 };
/** Room under the plot for the key figures, one line each. */
const FIGURE_LINE = 20;

/** `figures`: the key figures, printed under the plot so the chart reads without its axes. */
export function buildTrendSvg(points: readonly TrendPoint[], title: string, figures: readonly string[] = []): string {
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom - figures.length * FIGURE_LINE;
  const slot = plotW / Math.max(1, points.length);
  const barW = slot * 0.55;
  const total = (p: TrendPoint) => STACK.reduce((n, s) => n + p.bySeverity[s], 0);
  const maxCount = Math.max(4, Math.ceil(Math.max(0, ...points.map(total)) / 4) * 4);
  const maxMoney = niceCeil(Math.max(0, ...points.map((p) => p.moneyAtRiskCents)));
  const y = (count: number) => M.top + plotH - (count / maxCount) * plotH;
  const yMoney = (cents: number) => M.top + plotH - (cents / maxMoney) * plotH;
  const cx = (i: number) => M.left + slot * i + slot / 2;

  const el: string[] = [];
  el.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  el.push(text(M.left, 32, title, { size: 20, weight: 'bold' }));
  // Grid and axes.
  for (let t = 0; t <= 4; t++) {
    const count = (maxCount / 4) * t;
    const gy = y(count);
    el.push(`<line x1="${M.left}" y1="${f(gy)}" x2="${M.left + plotW}" y2="${f(gy)}" stroke="#e5e7eb" stroke-width="1"/>`);
    el.push(text(M.left - 8, gy + 4, String(count), { size: 12, anchor: 'end', fill: '#374151' }));
    el.push(text(M.left + plotW + 8, gy + 4, shortMoney((maxMoney / 4) * t), { size: 12, fill: MONEY_COLOR }));
  }
  el.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="#6b7280" stroke-width="1.5"/>`);
  el.push(text(18, M.top + plotH / 2, 'open incidents', { size: 12, anchor: 'middle', fill: '#374151', rotate: -90 }));
  el.push(text(W - 14, M.top + plotH / 2, 'money at risk', { size: 12, anchor: 'middle', fill: MONEY_COLOR, rotate: 90 }));

  // Bars, stacked low → critical from the axis up.
  points.forEach((p, i) => {
    let base = 0;
    for (const sev of STACK) {
      const n = p.bySeverity[sev];
      if (n <= 0) continue;
      const faint = p.reconstructed ? ' fill-opacity="0.5"' : '';
      el.push(
        `<rect x="${f(cx(i) - barW / 2)}" y="${f(y(base + n))}" width="${f(barW)}" height="${f(y(base) - y(base + n))}" fill="${SEVERITY_COLORS[sev]}"${faint}/>`,
      );
      base += n;
    }
    if (base > 0) el.push(text(cx(i), y(base) - 6, String(base), { size: 12, anchor: 'middle', weight: 'bold' }));
    el.push(
      text(cx(i), M.top + plotH + 20, p.week.replace(/^\d{4}-/, ''), {
        size: 12,
        anchor: 'middle',
        fill: p.hasData ? '#111827' : '#9ca3af',
      }),
    );
    if (!p.hasData || p.reconstructed)
      el.push(
        text(cx(i), M.top + plotH + 36, p.reconstructed ? 'reconstructed' : 'no data', { size: 10, anchor: 'middle', fill: '#9ca3af' }),
      );
  });

  // Money line over the weeks that have data.
  const pts = points.map((p, i) => ({ p, i })).filter(({ p }) => p.hasData);
  if (pts.length > 1)
    el.push(
      `<polyline points="${pts.map(({ p, i }) => `${f(cx(i))},${f(yMoney(p.moneyAtRiskCents))}`).join(' ')}" fill="none" stroke="${MONEY_COLOR}" stroke-width="3"/>`,
    );
  for (const { p, i } of pts)
    el.push(
      `<circle cx="${f(cx(i))}" cy="${f(yMoney(p.moneyAtRiskCents))}" r="5" fill="${MONEY_COLOR}" stroke="#ffffff" stroke-width="2"/>`,
    );
  const last = pts[pts.length - 1];
  if (last)
    el.push(
      text(cx(last.i) + 10, yMoney(last.p.moneyAtRiskCents) - 10, shortMoney(last.p.moneyAtRiskCents), {
        size: 12,
        weight: 'bold',
        fill: MONEY_COLOR,
      }),
    );

  // The key figures, under the week labels.
  figures.forEach((line, n) => el.push(text(M.left, M.top + plotH + 60 + n * FIGURE_LINE, line, { size: 13, fill: '#111827' })));

  // Legend.
  let lx = M.left;
  for (const sev of [...STACK].reverse()) {
    el.push(`<rect x="${lx}" y="46" width="14" height="14" fill="${SEVERITY_COLORS[sev]}"/>`);
    el.push(text(lx + 20, 58, sev, { size: 12, fill: '#111827' }));
    lx += 92;
  }
  el.push(`<line x1="${lx}" y1="53" x2="${lx + 24}" y2="53" stroke="${MONEY_COLOR}" stroke-width="3"/>`);
  el.push(text(lx + 30, 58, 'money at risk', { size: 12, fill: '#111827' }));

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${el.join('')}</svg>`;
}

export function text(
  x: number,
  y: number,
  body: string,
  o: { size: number; weight?: string; anchor?: string; fill?: string; rotate?: number },
): string {
  const rotate = o.rotate ? ` transform="rotate(${o.rotate} ${f(x)} ${f(y)})"` : '';
  return `<text x="${f(x)}" y="${f(y)}" font-family="${FONT}" font-size="${o.size}"${o.weight ? ` font-weight="${o.weight}"` : ''} text-anchor="${o.anchor ?? 'start'}" fill="${o.fill ?? '#111827'}"${rotate}>${escapeXml(body)}</text>`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** 1, 2 or 5 times a power of ten, at least the value (cents; $1.00 minimum so the axis has a scale). */
export function niceCeil(cents: number): number {
  if (cents <= 100) return 400;
  const exp = 10 ** Math.floor(Math.log10(cents));
  const frac = cents / exp;
  const nice = frac <= 1 ? 1 : frac <= 2 ? 2 : frac <= 4 ? 4 : frac <= 5 ? 5 : 10;
  return nice * exp;
}

/** "$12.5k", "$800" for the axis. */
export function shortMoney(cents: number): string {
  const dollars = cents / 100;
  if (dollars >= 1_000_000) return `$${trim(dollars / 1_000_000)}M`;
  if (dollars >= 1_000) return `$${trim(dollars / 1_000)}k`;
  return formatCents(Math.round(cents)).replace(/\.00$/, '');
}

const trim = (n: number) => (Math.round(n * 10) / 10).toString();
const f = (n: number) => (Math.round(n * 10) / 10).toString();

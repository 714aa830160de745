// The portfolio's one chart: money at risk per company as horizontal bars (the companies with the most
// at stake), each coloured by its health band and followed by its trust and open incidents. Drawn with
// the digest's SVG helpers and turned into PNG the same way, so it renders anywhere without a browser.
import { CHART_WIDTH, niceCeil, shortMoney, text } from '../digest/chart-svg';
import { svgToPng, type RenderedChart } from '../digest/render-chart';
import type { HealthBand } from '../digest/snapshot';
import { formatCents } from '../domain/money';
import { clipVisible, visibleText } from '../domain/visible-text';
import type { PortfolioView } from './portfolio-view';

export const BAND_COLORS: Record<HealthBand, string> = { critical: '#c0392b', at_risk: '#e67e22', watch: '#f1c40f', healthy: '#2e7d32' };

const LABEL_W = 250;
const ROW = 34;
const TOP = 84;
const FIGURE_LINE = 20;
const NAME_MAX = 30;

export function buildPortfolioSvg(chart: PortfolioView['chart']): string {
  const W = CHART_WIDTH;
  const barsH = Math.max(1, chart.bars.length) * ROW;
  const H = TOP + barsH + 24 + chart.figures.length * FIGURE_LINE + 24;
  const left = LABEL_W;
  const plotW = W - left - 250;
  const max = niceCeil(Math.max(0, ...chart.bars.map((b) => b.cents)));
  const el: string[] = [`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`];
  el.push(text(24, 32, chart.title, { size: 20, weight: 'bold' }));
  let lx = 24;
  for (const band of ['critical', 'at_risk', 'watch', 'healthy'] as const) {
    el.push(`<rect x="${lx}" y="46" width="14" height="14" fill="${BAND_COLORS[band]}"/>`);
    el.push(text(lx + 20, 58, band.replace('_', ' '), { size: 12 }));
    lx += 100;
  }
  for (let t = 0; t <= 4; t++) {
    const x = left + (plotW * t) / 4;
    el.push(`<line x1="${r(x)}" y1="${TOP - 6}" x2="${r(x)}" y2="${TOP + barsH}" stroke="#e5e7eb" stroke-width="1"/>`);
    el.push(text(x, TOP + barsH + 18, shortMoney((max / 4) * t), { size: 12, anchor: 'middle', fill: '#374151' }));
  }
  if (chart.bars.length === 0) el.push(text(left, TOP + 20, 'no company has a digest this week', { size: 13, fill: '#6b7280' }));
  chart.bars.forEach((b, i) => {
    const y = TOP + i * ROW;
    const w = Math.max(b.cents > 0 ? 2 : 0, (b.cents / max) * plotW);
    const name = clipVisible(visibleText(b.label).replace(/\n/g, ' '), NAME_MAX);
    el.push(text(left - 10, y + 20, name, { size: 13, anchor: 'end' }));
    el.push(`<rect x="${left}" y="${y + 6}" width="${r(w)}" height="${ROW - 12}" fill="${BAND_COLORS[b.band]}"/>`);
    el.push(text(left + w + 8, y + 15, formatCents(b.cents), { size: 12, weight: 'bold' }));
    el.push(text(left + w + 8, y + 29, b.note, { size: 11, fill: '#4b5563' }));
  });
  chart.figures.forEach((line, n) => el.push(text(24, TOP + barsH + 48 + n * FIGURE_LINE, line, { size: 13 })));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${el.join('')}</svg>`;
}

export function renderPortfolioChart(view: Pick<PortfolioView, 'chart' | 'week'>): RenderedChart {
  const svg = buildPortfolioSvg(view.chart);
  const height = Number(/height="(\d+)"/.exec(svg)![1]);
  return { png: svgToPng(svg), fileName: `sync-portfolio-${view.week}.png`, width: CHART_WIDTH, height };
}

const r = (n: number) => (Math.round(n * 10) / 10).toString();

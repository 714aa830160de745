// Renders the trend SVG to PNG in-process with resvg (Rust, shipped as a prebuilt npm binary): no
// browser, no network. Text uses the machine's fonts; without any, the bars and line still render.
import { Resvg } from '@resvg/resvg-js';
import { buildTrendSvg, CHART_HEIGHT, CHART_WIDTH } from './chart-svg';
import type { DigestView } from './view';

export interface RenderedChart {
  png: Buffer;
  fileName: string;
  width: number;
  height: number;
}

export function renderTrendChart(
  view: Pick<DigestView, 'trend' | 'week' | 'companyName'> & Partial<Pick<DigestView, 'chartFigures'>>,
): RenderedChart {
  const svg = buildTrendSvg(view.trend, `${view.companyName}: last ${view.trend.length} weeks`, view.chartFigures ?? []);
  return { png: svgToPng(svg), fileName: `sync-digest-${view.week}.png`, width: CHART_WIDTH, height: CHART_HEIGHT };
}

/** Any of our charts' SVG as PNG (the portfolio chart uses it too). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'original' },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

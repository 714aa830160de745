// The console channel's portfolio digest: the plain-text portfolio on a stream, and the chart written
// to a folder with its path printed (a terminal cannot show a PNG), as the company digest does.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DigestChart } from '../../src/ports/digest-sender';
import type { PortfolioView } from '../../src/portfolio/portfolio-view';
import { renderPortfolioText } from '../../src/portfolio/render-text';
import type { PortfolioSender } from '../../src/portfolio/run-portfolio';
import type { ConsoleDigestOptions } from './console-digest-sender';

export function createConsolePortfolioSender(opts: ConsoleDigestOptions): PortfolioSender {
  const out = opts.out ?? process.stdout;
  return {
    channel: opts.name,
    async send(view: PortfolioView, chart: DigestChart): Promise<void> {
      mkdirSync(opts.chartDir, { recursive: true });
      const chartPath = path.join(opts.chartDir, chart.fileName);
      writeFileSync(chartPath, chart.png);
      out.write(`\n${'═'.repeat(72)}\n${renderPortfolioText(view, chartPath)}\n${'═'.repeat(72)}\n`);
    },
  };
}

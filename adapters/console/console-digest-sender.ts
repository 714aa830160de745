// The console channel's digest: the plain-text digest on a stream, and the chart written to a folder
// (a terminal cannot show a PNG; the path is printed instead).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { renderDigestText } from '../../src/digest/render-text';
import type { DigestView } from '../../src/digest/view';
import type { DigestChart, DigestSender } from '../../src/ports/digest-sender';

export interface ConsoleDigestOptions {
  name: string;
  /** Where the chart PNG is written. */
  chartDir: string;
  out?: Writable;
}

export function createConsoleDigestSender(opts: ConsoleDigestOptions): DigestSender {
  const out = opts.out ?? process.stdout;
  return {
    channel: opts.name,
    async send(view: DigestView, chart: DigestChart): Promise<void> {
      mkdirSync(opts.chartDir, { recursive: true });
      const chartPath = path.join(opts.chartDir, chart.fileName);
      writeFileSync(chartPath, chart.png);
      out.write(`\n${'═'.repeat(72)}\n${renderDigestText(view, chartPath)}\n${'═'.repeat(72)}\n`);
    },
  };
}

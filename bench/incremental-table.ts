// The incremental engine's rows: per size, the first (full) poll with its peak RSS, then each poll
// with 0, 1k and 10k changes beside a plain full reconcile + evaluate of the same records.
import type { IncrementalRow } from './incremental';

export interface IncrementalResult {
  n: number;
  records: number;
  firstPollMs: number;
  firstPollPeakRss: number;
  rows: IncrementalRow[];
}

const ms = (v: number) => `${Math.round(v).toLocaleString('en-US')} ms`;
const mb = (v: number) => `${Math.round(v / 2 ** 20).toLocaleString('en-US')} MB`;

export function incrementalMarkdown(results: ReadonlyArray<IncrementalResult | { error: string }>): string {
  if (results.length === 0) return '';
  const lines = [
    '| incremental engine | records stored | changed | poll | records judged | full reconcile + evaluate | poll / full | same findings |',
    '|---|---:|---:|---:|---:|---:|---:|:---:|',
  ];
  for (const r of results) {
    if ('error' in r) {
      lines.push(`| failed: ${r.error} | | | | | | | |`);
      continue;
    }
    const stored = r.records.toLocaleString('en-US');
    lines.push(
      `| N=${r.n.toLocaleString('en-US')}: first poll (full, builds state; peak ${mb(r.firstPollPeakRss)}) | ${stored} | — | ${ms(r.firstPollMs)} | ${stored} | | | |`,
    );
    for (const row of r.rows) {
      const ratio = `${((100 * row.ms) / row.fullMs).toFixed(1)} %`;
      const how = row.mode === 'full' ? ' (fell back to full)' : '';
      lines.push(
        `| N=${r.n.toLocaleString('en-US')}: poll${how} | ${stored} | ${row.changes.toLocaleString('en-US')} | ${ms(row.ms)} | ${row.judged.toLocaleString('en-US')} | ${ms(row.fullMs)} | ${ratio} | ${row.equal ? 'yes' : '**NO**'} |`,
      );
    }
  }
  return lines.join('\n');
}

// The results as one markdown table: figure, N, ours, DuckDB, ratio (ours/DuckDB), target, ✓/✗.
// Timing rows compare wall time of our reconcile + evaluateRules with DuckDB's SQL alone; memory
// rows compare each engine's own process; count rows must agree rule by rule.
import type { DuckResult } from './duckdb';
import type { OursResult } from './ours';
import { EXPECTED } from './setup';
import type { SqliteResult } from './sqlite';

export interface SizeResult {
  n: number;
  ours: OursResult | { error: string };
  duck: DuckResult | { error: string };
}

type Row = [figure: string, n: string, ours: string, duck: string, ratio: string, target: string, ok: string];

const GB = 1024 ** 3;
const count = (x: number) => x.toLocaleString('en-US');
const ms = (x: number) => (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${count(Math.round(x))} ms`);
const mb = (bytes: number) => `${count(Math.round(bytes / 2 ** 20))} MB`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

export function buildRows(sizes: readonly SizeResult[], sqlite: SqliteResult | { error: string } | undefined): Row[] {
  const rows: Row[] = [];
  for (const { n, ours, duck } of sizes) {
    const N = count(n);
    if ('error' in ours || 'error' in duck) {
      rows.push(['run failed', N, 'error' in ours ? ours.error : '', 'error' in duck ? duck.error : '', '—', '—', '✗']);
      continue;
    }
    const fast = ours.runMs <= 2 * duck.queryMs;
    rows.push([`generate data (${count(ours.records)} records)`, N, ms(ours.genMs), '—', '—', '—', '']);
    rows.push(['load into DuckDB tables (appender)', N, '—', ms(duck.loadMs), '—', '—', '']);
    rows.push(['reconcile', N, ms(ours.reconcileMs), '—', '—', '—', '']);
    rows.push(['evaluateRules (default rules)', N, ms(ours.evaluateMs), '—', '—', '—', '']);
    rows.push([
      '**reconcile + evaluate vs SQL query (wall)**',
      N,
      ms(ours.runMs),
      ms(duck.queryMs),
      ratio(ours.runMs, duck.queryMs),
      'within 2× of DuckDB',
      mark(fast),
    ]);
    rows.push([
      'RSS before the run (records held / tables loaded)',
      N,
      mb(ours.rssRecords),
      mb(duck.rssLoaded),
      ratio(ours.rssRecords, duck.rssLoaded),
      '—',
      '',
    ]);
    const atMillion = n >= 1_000_000;
    rows.push([
      '**peak RSS during the run**',
      N,
      mb(ours.peakRss),
      mb(duck.peakRss),
      ratio(ours.peakRss, duck.peakRss),
      atMillion ? '< 1 GB RSS at 1M' : '—',
      atMillion ? mark(ours.peakRss < GB) : '',
    ]);
    rows.push([
      'process maxRSS (lifetime, incl. generation)',
      N,
      mb(ours.maxRss),
      mb(duck.maxRss),
      ratio(ours.maxRss, duck.maxRss),
      '—',
      '',
    ]);
    rows.push(...countRows(N, ours, duck));
  }
  if (sqlite && 'error' in sqlite) rows.push(['SQLite store', '100,000', sqlite.error, '—', '—', '—', '✗']);
  else if (sqlite) {
    const R = count(sqlite.records);
    rows.push(['SQLite: write records (applySourceRead, new file)', R, ms(sqlite.writeMs), '—', '—', '—', '']);
    rows.push(['SQLite: same reads again (all unchanged)', R, ms(sqlite.rewriteMs), '—', '—', '—', '']);
    rows.push([
      `SQLite: read back (loadRecords, ${count(sqlite.readBack)} records)`,
      R,
      ms(sqlite.readMs),
      '—',
      '—',
      '—',
      mark(sqlite.readBack === sqlite.records),
    ]);
  }
  return rows;
}

/** Findings per rule: ours must equal DuckDB's; the target names what was injected. */
function countRows(N: string, ours: OursResult, duck: DuckResult): Row[] {
  const rows: Row[] = [];
  const named = new Set(EXPECTED.map((e) => e.rule));
  for (const { rule, from } of EXPECTED) {
    const injected = from.reduce((s, a) => s + ours.injected[a], 0);
    const o = ours.counts[rule] ?? 0;
    const d = duck.counts[rule] ?? 0;
    const note = o === injected ? '' : ` (≠ injected)`;
    rows.push([`findings: ${rule}`, N, count(o), count(d), '—', `= DuckDB; injected ${count(injected)}${note}`, mark(o === d)]);
  }
  // Every other rule should find nothing in this data; DuckDB has no SQL for jobs, deposits,
  // stale sources or malformed rows, which the data does not contain.
  const sum = (c: Record<string, number>) => Object.entries(c).reduce((s, [rule, k]) => s + (named.has(rule) ? 0 : k), 0);
  const o = sum(ours.counts);
  const d = sum(duck.counts);
  rows.push(['findings: all other rules', N, count(o), count(d), '—', '= DuckDB; injected 0', mark(o === d)]);
  return rows;
}

export function markdown(rows: readonly Row[]): string {
  const head: Row = ['figure', 'N', 'ours', 'DuckDB', 'ratio (ours/DuckDB)', 'target', '✓/✗'];
  const line = (r: readonly string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Per-rule differences, for stderr: which rule to investigate when a count row shows ✗. */
export function countDifferences(sizes: readonly SizeResult[]): string[] {
  const out: string[] = [];
  for (const { n, ours, duck } of sizes) {
    if ('error' in ours || 'error' in duck) continue;
    for (const rule of new Set([...Object.keys(ours.counts), ...Object.keys(duck.counts)])) {
      const o = ours.counts[rule] ?? 0;
      const d = duck.counts[rule] ?? 0;
      if (o !== d) out.push(`N=${count(n)} ${rule}: ours ${count(o)}, DuckDB ${count(d)}`);
    }
  }
  return out;
}

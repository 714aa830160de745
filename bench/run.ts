// `npm run bench`: our reconcile + evaluate beside DuckDB running the equivalent SQL on the same
// data, each engine in its own child process per N (so peak RSS is its own). Prints one markdown
// table and writes it to bench/out/latest.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteRoundTrip } from './sqlite';

const here = path.dirname(fileURLToPath(import.meta.url));
const sizes = (process.env['BENCH_SIZES'] ?? '10000,100000,1000000').split(',').map(Number);
const MB = 1024 * 1024;

interface Ours { n: number; records: number; genMs: number; reconcileMs: number; evaluateMs: number; runMs: number; peakRss: number; counts: Record<string, number> }
interface Duck { n: number; loadMs: number; runMs: number; peakRss: number; counts: Record<string, number> }

function child<T>(script: string, n: number, heapMb: number): T | { error: string } {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', `--max-old-space-size=${heapMb}`, '--import', 'tsx', path.join(here, script), String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * MB });
    return JSON.parse(out.trim().split('\n').pop()!) as T;
  } catch (err) {
    return { error: (err as Error).message.split('\n')[0]! };
  }
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const rows: string[][] = [];
for (const n of sizes) {
  process.stderr.write(`bench: N=${n.toLocaleString('en-US')} ours…\n`);
  const ours = child<Ours>('ours.ts', n, 12_000);
  process.stderr.write(`bench: N=${n.toLocaleString('en-US')} DuckDB…\n`);
  const duck = child<Duck>('duck.ts', n, 12_000);
  const N = n.toLocaleString('en-US');
  if ('error' in ours || 'error' in duck) {
    rows.push(['reconcile + evaluate', N, 'error' in ours ? ours.error : fmt(ours.runMs), 'error' in duck ? duck.error : fmt(duck.runMs), '—', 'within 2× of DuckDB']);
    continue;
  }
  const same = Object.entries(duck.counts).every(([rule, count]) => (ours.counts[rule] ?? 0) === count);
  rows.push(['generate data (ours, not compared)', N, fmt(ours.genMs), '—', '—', '—']);
  rows.push(['load into DuckDB tables', N, '—', fmt(duck.loadMs), '—', '—']);
  rows.push(['reconcile (trace + links)', N, fmt(ours.reconcileMs), '—', '—', '—']);
  rows.push(['evaluate 22 default rules', N, fmt(ours.evaluateMs), '—', '—', '—']);
  rows.push([`reconcile + evaluate vs SQL (findings ${same ? '✓ equal' : '✗ differ'})`, N, fmt(ours.runMs), fmt(duck.runMs), `${(ours.runMs / duck.runMs).toFixed(1)}×`, 'within 2× of DuckDB']);
  rows.push(['peak RSS (records loaded + run)', N, `${(ours.peakRss / MB).toFixed(0)} MB`, `${(duck.peakRss / MB).toFixed(0)} MB`, `${(ours.peakRss / duck.peakRss).toFixed(1)}×`, n >= 1_000_000 ? '< 1 GB at 1M' : '—']);
  if (!same) process.stderr.write(`bench: counts differ at N=${n}: ours ${JSON.stringify(ours.counts)} DuckDB ${JSON.stringify(duck.counts)}\n`);
}
process.stderr.write('bench: SQLite round trip…\n');
const sqlite = await sqliteRoundTrip(100_000);
rows.push(['SQLite: write records (applySourceRead, one transaction)', sqlite.records.toLocaleString('en-US'), fmt(sqlite.writeMs), '—', '—', '—']);
rows.push(['SQLite: same read again (all unchanged)', sqlite.records.toLocaleString('en-US'), fmt(sqlite.rewriteMs), '—', '—', '—']);
rows.push(['SQLite: loadRecords', sqlite.records.toLocaleString('en-US'), fmt(sqlite.readMs), '—', '—', '—']);

const header = ['figure', 'N', 'ours', 'DuckDB', 'ratio', 'target'];
const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
mkdirSync(path.join(here, 'out'), { recursive: true });
writeFileSync(path.join(here, 'out', 'latest.md'), `${table}\n`);
process.stdout.write(`${table}\n`);

// `npm run bench`: our reconcile + evaluateRules beside DuckDB running the equivalent SQL on the same
// generated data. Each engine runs in a fresh child process per N, so neither's memory (nor the
// other's leftovers) is in the other's peak RSS. Then every area's bench (digest, QuickBooks, Teams,
// upstream, Slack). Prints one markdown table of all of them to stdout and writes it to
// bench/out/report.md (see report.ts); the engine table alone goes to bench/out/latest.md (raw
// results: bench/out/latest.json); progress goes to stderr.
// Sizes: `npm run bench -- 10000 100000` or BENCH_SIZES=10000,100000 (default 10k, 100k, 1M).
// `npm run bench -- files`: only the 1M-row CSV export read by the files adapter (bench/files.ts).
// BENCH_ENGINE_ONLY=1: the engine beside DuckDB only (no SQLite store or other areas); its table goes
// to stdout and bench/out/latest.md.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DemoPollResult } from './demo-poll';
import type { DuckResult } from './duckdb';
import { incrementalMarkdown, type IncrementalResult } from './incremental-table';
import type { OursResult } from './ours';
import type { SqliteResult } from './sqlite';
import { BenchReport } from './report';
import { buildRows, countDifferences, markdown, type SizeResult } from './table';

const report = new BenchReport();

// `npm run bench -- files [rows]`: the 1M-row CSV export read on its own (minutes; see files.ts).
if (process.argv[2] === 'files') {
  const rows = Number(process.argv[3] ?? 1_000_000);
  process.stdout.write(`${await (await import('./files')).filesBench(rows, (m) => process.stderr.write(`[bench files] ${m}\n`))}\n`);
  process.exit(0);
}

// `npm run bench -- scale-out [companies] [invoices] [instances…]`: many companies on Postgres, 1–3 `serve` processes (see scale-out.ts).
if (process.argv[2] === 'scale-out') {
  const say = (m: string) => process.stderr.write(`[bench scale-out] ${m}\n`);
  process.stdout.write(`${await (await import('./scale-out')).scaleOutBench(process.argv.slice(3), say)}\n`);
  process.exit(0);
}

const given = process.argv.slice(2).length > 0 ? process.argv.slice(2) : (process.env['BENCH_SIZES'] ?? '').split(',').filter(Boolean);
// 10k first: a warm-up (disk cache, tsx compile cache), reported like the others.
const sizes = given.length > 0 ? given.map(Number) : [10_000, 100_000, 1_000_000];
const started = performance.now();
const say = (message: string) =>
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);

/**
 * Runs `node <script> <arg>` with the same loader, and parses its last stdout line. The heap limit
 * is generous on purpose: at 1M the records alone need more than the default, and a crash would
 * say nothing about how much memory the run needs.
 */
function child<T>(script: string, arg: number): Promise<T | { error: string }> {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const args = ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', file, String(arg)];
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('error', (err) => resolve({ error: err.message }));
    proc.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) return resolve({ error: `${script} exited ${signal ?? code}` });
      resolve(JSON.parse(last) as T);
    });
  });
}

const results: SizeResult[] = [];
for (const n of sizes) {
  say(`N=${n.toLocaleString('en-US')}: ours (reconcile + evaluateRules)…`);
  const ours = await child<OursResult>('ours.ts', n);
  say(`N=${n.toLocaleString('en-US')}: DuckDB (load, then SQL)…`);
  const duck = await child<DuckResult>('duckdb.ts', n);
  results.push({ n, ours, duck });
}
// The incremental engine: a full first poll, then polls with 0, 1k and 10k changed records (bench/incremental.ts).
const incremental: Array<IncrementalResult | { error: string }> = [];
if (!process.env['BENCH_SKIP_INCREMENTAL']) {
  for (const n of sizes) {
    say(`N=${n.toLocaleString('en-US')}: incremental engine (full first poll, then 0 / 1k / 10k changes)…`);
    incremental.push(await child<IncrementalResult>('incremental.ts', n));
  }
}
const incrementalTable = incrementalMarkdown(incremental);
const engineOnly = Boolean(process.env['BENCH_ENGINE_ONLY']);
let sqlite: SqliteResult | { error: string } | undefined;
if (!engineOnly) {
  say('SQLite store: 100,000 records through applySourceRead and loadRecords…');
  sqlite = await child<SqliteResult>('sqlite.ts', 100_000);
}

const table = `${markdown(buildRows(results, sqlite))}\n\n${incrementalTable}`;
const differences = countDifferences(results);
for (const d of differences) say(`counts differ: ${d}`);
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const header = `# npm run bench — ${new Date().toISOString()}\n\nNode ${process.version}, ${availableParallelism()} cores. Ours: reconcile + evaluateRules on records in memory; DuckDB: in-memory, SQL only (load timed on its own row).\n\n`;
writeFileSync(`${outDir}latest.md`, `${header}${table}\n`);
writeFileSync(`${outDir}latest.json`, `${JSON.stringify({ results, sqlite, incremental }, null, 2)}\n`);
if (engineOnly) {
  process.stdout.write(`${table}\n`);
  say('done; written to bench/out/latest.md');
  process.exit(0);
}
report.add('engine', table);
{
  say('the embedded demo: a first poll, then a quiet one, end to end…');
  const demo = await child<DemoPollResult>('demo-poll.ts', 0);
  report.add(
    'demo poll',
    'error' in demo
      ? `Demo poll bench failed: ${demo.error}`
      : `| embedded demo, end to end | records | first poll | quiet poll |\n|---|---:|---:|---:|\n| service.runOnce | ${demo.records} | ${Math.round(demo.firstMs)} ms | ${Math.round(demo.quietMs)} ms |`,
  );
}
report.add('digest', (await import('./digest')).digestBenchTable());
say('QuickBooks API budget: 100k-invoice backfill and incremental polls against the sandbox…');
const qbo = await child<{ table: string }>('qbo.ts', 100_000);
const qboTable = `\n${'table' in qbo ? qbo.table : `QuickBooks bench failed: ${qbo.error}`}\n`;
appendFileSync(`${outDir}latest.md`, qboTable);
report.add('QuickBooks', qboTable);
const teams = await child<{ table: string }>('teams.ts', 300); // Teams card rendering and delivery rate
report.add('Teams', 'table' in teams ? teams.table : `Teams bench failed: ${teams.error}`);
report.add('upstream', await (await import('./upstream')).runUpstreamBench(say));
{
  const slack = await import('./slack');
  report.add('Slack', slack.slackTable(await slack.slackBench()));
}
report.finish(outDir, header);
say(`done; written to bench/out/report.md (engine table alone: bench/out/latest.md)`);
